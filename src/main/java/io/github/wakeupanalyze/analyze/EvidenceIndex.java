package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import io.github.wakeupanalyze.model.ObjectRef;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the trace says beside the reconciles, indexed for per-object look-ups: writes by other
 * clients by object name, the same writes by span id, reconcile span links by reconcile span id,
 * and the {@code --events} times. Built once per analysis (or kept up to date by an online caller);
 * each object's step asks it only about that object.
 */
public final class EvidenceIndex {
  /** No writes, no links, no events. */
  public static final EvidenceIndex NONE = new EvidenceIndex(TraceEvidence.NONE, new long[0]);

  // filled by the first constructor, shared and never changed after
  private final Map<String, List<ObjectWrite>> writesByName;
  private final Map<Long, ObjectWrite> writesBySpan;
  private final Map<Long, List<ReconcileLink>> linksByReconcile;
  private final long[] events;
  private final boolean auditLog;

  /**
   * Audit-log users that write as the operator although their name does not contain it, learned for
   * one controller ({@link #forController}); empty otherwise.
   */
  private final Set<String> ownUsers;

  /** A user writes as the operator when it writes inside at least this many kept reconciles... */
  static final int MIN_WRITING_RECONCILES = 3;

  /** ...and inside at least this share of the kept reconciles that write. */
  static final double MIN_WRITING_SHARE = 0.5;

  /** How far outside a reconcile an audited write may lie and still count as inside: clocks. */
  static final long INSIDE_SLACK_NANOS = 10_000_000L;

  /**
   * @param evidence writes by other clients and reconcile span links
   * @param events sorted epoch-ns times of known external changes ({@code --events}), may be empty
   */
  public EvidenceIndex(TraceEvidence evidence, long[] events) {
    writesByName = new HashMap<>();
    writesBySpan = new HashMap<>();
    linksByReconcile = new HashMap<>();
    this.events = events == null ? new long[0] : events;
    boolean audited = false;
    for (ObjectWrite w : evidence.writes()) {
      audited |= w.audited();
      writesByName.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(w);
      writesBySpan.put(w.spanId(), w);
    }
    auditLog = audited;
    for (List<ObjectWrite> ws : writesByName.values()) {
      ws.sort(Comparator.comparingLong(ObjectWrite::timeNanos));
    }
    for (ReconcileLink l : evidence.links()) {
      linksByReconcile.computeIfAbsent(l.reconcileSpanId(), k -> new ArrayList<>()).add(l);
    }
    ownUsers = Set.of();
  }

  /** {@code base}'s look-ups, with {@code ownUsers} writing as the operator. */
  private EvidenceIndex(EvidenceIndex base, Set<String> ownUsers) {
    writesByName = base.writesByName;
    writesBySpan = base.writesBySpan;
    linksByReconcile = base.linksByReconcile;
    events = base.events;
    auditLog = base.auditLog;
    this.ownUsers = Set.copyOf(ownUsers);
  }

  /**
   * This index for one controller's streams, knowing which audit-log users write as its operator. A
   * user whose name contains the operator's is the operator anyway; so is a user that wrote to a
   * reconcile's own object while the reconcile ran (within {@value #INSIDE_SLACK_NANOS} ns) in at
   * least {@value #MIN_WRITING_RECONCILES} of the kept reconciles that write their object, and in
   * at least half of them. That is how an operator whose service account does not name it
   * (kubebuilder's {@code controller-manager}) is recognized: another client writes the object
   * inside the operator's reconciles only by chance. Only the reconcile's own object counts: the
   * built-in controllers answer the operator's writes to its children (a StatefulSet's status) at
   * once, inside the reconcile, and are not the operator. Without an audit log this is the same
   * index.
   *
   * @param streams one list per object of one controller, each sorted by start and non-empty
   */
  public EvidenceIndex forController(List<List<Reconcile>> streams) {
    if (!auditLog || streams.isEmpty()) {
      return this;
    }
    String operator = streams.get(0).get(0).key().operator();
    Map<String, Integer> inside = new HashMap<>();
    int writing = 0;
    Set<String> users = new HashSet<>();
    for (List<Reconcile> rs : streams) {
      ObjectRef self = ObjectRef.fromStreamObject(rs.get(0).key().object());
      if (self == null) {
        continue;
      }
      for (Reconcile r : rs) {
        if (!writesItself(r, self)) {
          continue;
        }
        writing++;
        users.clear();
        usersInside(r, self, operator, users);
        for (String u : users) {
          inside.merge(u, 1, Integer::sum);
        }
      }
    }
    Set<String> own = new HashSet<>();
    for (Map.Entry<String, Integer> e : inside.entrySet()) {
      if (e.getValue() >= MIN_WRITING_RECONCILES && e.getValue() >= MIN_WRITING_SHARE * writing) {
        own.add(e.getKey());
      }
    }
    return own.isEmpty() ? this : new EvidenceIndex(this, own);
  }

  /** Whether the reconcile wrote its own object (a status update, say). */
  private static boolean writesItself(Reconcile r, ObjectRef self) {
    for (String path : r.calls().writeTargets()) {
      ObjectRef o = ObjectRef.fromApiPath(path);
      if (o != null && self.matches(o.namespace(), o.name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the users of audited writes to {@code o} while {@code r} ran, not named as the operator.
   */
  private void usersInside(Reconcile r, ObjectRef o, String operator, Set<String> users) {
    List<ObjectWrite> ws = writesByName.getOrDefault(o.name(), List.of());
    long from = r.startNanos() - INSIDE_SLACK_NANOS;
    long to = r.endNanos() + INSIDE_SLACK_NANOS;
    for (int i = SortedSearch.lowerBound(ws, ObjectWrite::timeNanos, from);
        i < ws.size() && ws.get(i).timeNanos() <= to;
        i++) {
      ObjectWrite w = ws.get(i);
      if (w.audited() && o.matches(w.namespace(), w.name()) && !namedBy(w, operator)) {
        users.add(w.client());
      }
    }
  }

  /** True when an audit log was given: some write is {@link ObjectWrite#audited}. */
  boolean auditLog() {
    return auditLog;
  }

  /** The {@code --events} times, sorted epoch ns. */
  long[] events() {
    return events;
  }

  /** True when the trace has any reconcile span links at all. */
  boolean hasLinks() {
    return !linksByReconcile.isEmpty();
  }

  /** The links a reconcile span carries, or null. */
  List<ReconcileLink> links(long reconcileSpanId) {
    return linksByReconcile.get(reconcileSpanId);
  }

  /** The write a span recorded, or null. */
  ObjectWrite write(long spanId) {
    return writesBySpan.get(spanId);
  }

  /**
   * Times (sorted epoch ns) of writes by other clients to the stream's object or to an object the
   * stream itself writes (a child it owns): not by the operator's own service or a client naming
   * it, and not inside one of the stream's own writing reconciles.
   *
   * @param audited the writes of an audit log ({@link ObjectWrite#audited}) when true, the trace's
   *     own write spans when false
   */
  long[] writeTimes(StreamTimes t, boolean audited) {
    String operator = t.get(0).key().operator();
    List<ObjectRef> related = relatedObjects(t);
    List<Long> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ObjectRef o : related) {
      names.add(o.name());
    }
    for (String name : names) {
      for (ObjectWrite w : writesByName.getOrDefault(name, List.of())) {
        if (w.audited() != audited) {
          continue;
        }
        boolean match = false;
        for (ObjectRef o : related) {
          match |= o.matches(w.namespace(), w.name());
        }
        if (!match || ownedBy(w, operator) || insideOwnWrite(t, w.timeNanos())) {
          continue;
        }
        out.add(w.timeNanos());
      }
    }
    return sorted(out);
  }

  /**
   * Times (sorted epoch ns) of the operator's own writes to the stream's object that an audit log
   * records: every one, also those of reconciles the trace lost.
   */
  long[] ownAuditedTimes(StreamTimes t) {
    List<Long> out = new ArrayList<>();
    for (ObjectWrite w : ownWrites(t.reconciles)) {
      if (w.audited()) {
        out.add(w.timeNanos());
      }
    }
    return sorted(out);
  }

  /** Index of the last of the sorted times at or before {@code t} (the last of equals), or −1. */
  static int lastAtOrBefore(long[] sorted, long t) {
    int idx = Arrays.binarySearch(sorted, t);
    int at = idx >= 0 ? idx : -idx - 2;
    while (at + 1 < sorted.length && sorted[at + 1] == t) {
      at++;
    }
    return at;
  }

  private static long[] sorted(List<Long> times) {
    long[] out = times.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(out);
    return out;
  }

  /**
   * The operator's own writes to the stream's object (by its service, or by a client naming it), by
   * start; empty when the stream's object is unknown.
   */
  List<ObjectWrite> ownWrites(List<Reconcile> stream) {
    ObjectRef self = ObjectRef.fromStreamObject(stream.get(0).key().object());
    if (self == null) {
      return List.of();
    }
    String operator = stream.get(0).key().operator();
    List<ObjectWrite> out = new ArrayList<>();
    for (ObjectWrite w : writesByName.getOrDefault(self.name(), List.of())) {
      if (self.matches(w.namespace(), w.name()) && ownedBy(w, operator)) {
        out.add(w);
      }
    }
    out.sort(Comparator.comparingLong(ObjectWrite::timeNanos));
    return out;
  }

  /**
   * A write by the operator itself: its service, a client whose name contains the operator's, or an
   * audit-log user learned to write as it ({@link #forController}).
   */
  private boolean ownedBy(ObjectWrite w, String operator) {
    return namedBy(w, operator) || ownUsers.contains(w.client());
  }

  /** A write by the operator's service or by a client whose name contains the operator's. */
  private static boolean namedBy(ObjectWrite w, String operator) {
    String op = operator.toLowerCase(Locale.ROOT);
    return w.service().equals(operator)
        || (!op.isEmpty() && w.client().toLowerCase(Locale.ROOT).contains(op));
  }

  /** The stream's own object, then what its reconciles write (at most 63 distinct paths). */
  private static List<ObjectRef> relatedObjects(StreamTimes t) {
    List<ObjectRef> related = new ArrayList<>();
    ObjectRef self = ObjectRef.fromStreamObject(t.get(0).key().object());
    if (self != null) {
      related.add(self);
    }
    Set<String> seenPaths = new HashSet<>();
    for (Reconcile r : t.reconciles) {
      for (String path : r.calls().writeTargets()) {
        if (seenPaths.add(path) && seenPaths.size() < 64) {
          ObjectRef o = ObjectRef.fromApiPath(path);
          if (o != null) {
            related.add(o);
          }
        }
      }
    }
    return related;
  }

  /** True when a write at this time falls inside one of the stream's writing reconciles. */
  private static boolean insideOwnWrite(StreamTimes t, long time) {
    int j = t.lastStartAtOrBefore(time);
    return j >= 0 && time <= t.get(j).endNanos() && t.get(j).calls().writes() > 0;
  }
}
