package io.github.wakeupanalyze.extract;

import java.util.HashMap;
import java.util.Map;

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

  /** Counts of one name: outermost, nested; and the controller it last nested in. */
  private static final class Tally {
    long outermost;
    long nested;
    String controller;
  }

  /**
   * Tallies by service, then span name ({@value #MAX_NAMES} names at most in all): two string keys
   * rather than a record key, whose generated hashCode would link through method handles on first
   * use (see model.RecordMethods).
   */
  private final Map<String, Map<String, Tally>> tallies = new HashMap<>();

  private int names;

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
    Tally t = find(service, name);
    if (t == null || t.outermost + t.nested == 0) {
      return Role.UNKNOWN;
    }
    return t.nested > t.outermost ? Role.NESTED : Role.OUTERMOST;
  }

  /** The controller whose reconcile a span of this name was last seen inside, or null. */
  String controllerAround(String service, String name) {
    Tally t = find(service, name);
    return t == null ? null : t.controller;
  }

  private Tally find(String service, String name) {
    Map<String, Tally> byName = tallies.get(service);
    return byName == null ? null : byName.get(name);
  }

  private Tally tally(String service, String name) {
    Tally t = find(service, name);
    if (t == null && names < MAX_NAMES) {
      t = new Tally();
      tallies.computeIfAbsent(service, s -> new HashMap<>()).put(name, t);
      names++;
    }
    return t;
  }
}
