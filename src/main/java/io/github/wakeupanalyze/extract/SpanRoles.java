package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.RecordMethods;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where each reconcile-named span name usually sits, learned per service from the spans whose
 * parent is known: as the outermost reconcile ({@code Reconcile}) or nested inside one ({@code
 * reconcileReplsets}). A span whose parent was lost is judged by its name's usual place; spans
 * whose parent is missing teach nothing. At most {@value #MAX_NAMES} names are learned (names are
 * data and may be many); later ones stay unknown.
 */
final class SpanRoles {
  static final int MAX_NAMES = 4096;

  enum Role {
    /** Seen as the outermost reconcile at least as often as nested. */
    OUTERMOST,
    /** Seen nested inside a reconcile more often than outermost. */
    NESTED,
    /** Never seen with a known parent. */
    UNKNOWN
  }

  private record Name(String service, String name) {
    // Written out (see RecordMethods): the same values as the generated ones.
    @Override
    public boolean equals(Object o) {
      return o instanceof Name n
          && Objects.equals(service, n.service)
          && Objects.equals(name, n.name);
    }

    @Override
    public int hashCode() {
      return RecordMethods.hash(service, name);
    }
  }

  /** Counts of one name: outermost, nested; and the controller it last nested in. */
  private static final class Tally {
    long outermost;
    long nested;
    String controller;
  }

  private final Map<Name, Tally> tallies = new HashMap<>();

  void outermost(String service, String name) {
    Tally t = tally(service, name);
    if (t != null) {
      t.outermost++;
    }
  }

  void nested(String service, String name, String controller) {
    Tally t = tally(service, name);
    if (t != null) {
      t.nested++;
      t.controller = controller;
    }
  }

  Role role(String service, String name) {
    Tally t = tallies.get(new Name(service, name));
    if (t == null || t.outermost + t.nested == 0) {
      return Role.UNKNOWN;
    }
    return t.nested > t.outermost ? Role.NESTED : Role.OUTERMOST;
  }

  /** The controller whose reconcile a span of this name was last seen inside, or null. */
  String controllerAround(String service, String name) {
    Tally t = tallies.get(new Name(service, name));
    return t == null ? null : t.controller;
  }

  private Tally tally(String service, String name) {
    Name key = new Name(service, name);
    Tally t = tallies.get(key);
    if (t == null && tallies.size() < MAX_NAMES) {
      t = new Tally();
      tallies.put(key, t);
    }
    return t;
  }
}
