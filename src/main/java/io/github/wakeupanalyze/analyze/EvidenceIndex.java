package io.github.wakeupanalyze.analyze;

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

  private final Map<String, List<ObjectWrite>> writesByName = new HashMap<>();
  private final Map<Long, ObjectWrite> writesBySpan = new HashMap<>();
  private final Map<Long, List<ReconcileLink>> linksByReconcile = new HashMap<>();
  private final long[] events;
  private final boolean auditLog;

  /**
   * @param evidence writes by other clients and reconcile span links
   * @param events sorted epoch-ns times of known external changes ({@code --events}), may be empty
   */
  public EvidenceIndex(TraceEvidence evidence, long[] events) {
    this.events = events == null ? new long[0] : events;
    boolean audited = false;
    for (ObjectWrite w : evidence.writes()) {
      audited |= w.audited();
      writesByName.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(w);
      writesBySpan.put(w.spanId(), w);
    }
    auditLog = audited;
    for (ReconcileLink l : evidence.links()) {
      linksByReconcile.computeIfAbsent(l.reconcileSpanId(), k -> new ArrayList<>()).add(l);
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
   * A write by the operator itself: its service, or a client whose name contains the operator's.
   */
  private static boolean ownedBy(ObjectWrite w, String operator) {
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
