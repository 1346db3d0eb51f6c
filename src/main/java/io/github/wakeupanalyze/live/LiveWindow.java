package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sliding window: every object's final reconciles whose start lies within {@code windowNanos}
 * of the watermark (the latest span end seen, trace time), and the evidence of the same window
 * (writes by other clients, reconcile span links). Memory is bounded by the objects active in the
 * window times their reconciles in it, not by uptime.
 *
 * <p>Thread-safe: extraction adds on one thread while the analysis takes {@link #snapshot}s on
 * another; a snapshot copies only the controllers that changed since the last one.
 */
final class LiveWindow implements Finals {
  /** Links of one reconcile span and the start of that reconcile (for eviction). */
  private record Links(long startNanos, List<ReconcileLink> links) {}

  private final long windowNanos;
  private final TreeMap<ControllerKey, TreeMap<String, ObjectWindow>> controllers = new TreeMap<>();
  private final ArrayList<ObjectWrite> writes = new ArrayList<>();
  private final Map<Long, Links> links = new HashMap<>();
  private final Set<ControllerKey> dirty = new TreeSet<>();
  private Set<Reconcile> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean evidenceChanged;
  private long watermark = Long.MIN_VALUE;
  private long firstStart = Long.MAX_VALUE;
  private long lastLogStart = Long.MIN_VALUE;
  private boolean wasLogged;
  private final long[] counts = new long[LiveCounts.WINDOW_FIELDS];

  LiveWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /** Moves the window: the latest span end and the earliest span start seen. */
  synchronized void advance(long watermarkNanos, long firstStartNanos) {
    watermark = Math.max(watermark, watermarkNanos);
    firstStart = Math.min(firstStart, firstStartNanos);
  }

  /** The earliest start kept: the watermark minus the window (or the first span's start). */
  private long windowStart() {
    return watermark == Long.MIN_VALUE
        ? Long.MIN_VALUE
        : Math.max(firstStart, saturatedMinus(watermark, windowNanos));
  }

  @Override
  public synchronized void reconcile(Reconcile r) {
    if (r.startNanos() < windowStart()) {
      counts[LiveCounts.LATE]++;
      return;
    }
    ControllerKey ck = ControllerKey.of(r.key());
    ObjectWindow w =
        controllers
            .computeIfAbsent(ck, k -> new TreeMap<>())
            .computeIfAbsent(r.key().object(), o -> new ObjectWindow(r.key()));
    if (w.add(r)) {
      if (r.source() == TraceAssembler.LOG_SOURCE) {
        lastLogStart = Math.max(lastLogStart, r.startNanos());
      }
      counts[LiveCounts.RECONCILES]++;
      fresh.add(r);
      dirty.add(ck);
    } else {
      counts[LiveCounts.DUPLICATE_RECONCILES]++;
    }
  }

  @Override
  public synchronized void write(ObjectWrite w) {
    if (w.timeNanos() < windowStart()) {
      return;
    }
    int at = writes.size();
    while (at > 0 && writes.get(at - 1).timeNanos() > w.timeNanos()) {
      at--;
    }
    writes.add(at, w);
    evidenceChanged = true;
  }

  @Override
  public synchronized void link(ReconcileLink l) {
    // the reconcile's start is not on the link: keep it until the watermark passes a window
    links
        .computeIfAbsent(l.reconcileSpanId(), k -> new Links(watermark, new ArrayList<>()))
        .links()
        .add(l);
    evidenceChanged = true;
  }

  /**
   * Drops what fell out of the window and hands out what the analysis needs: copies of the changed
   * controllers' objects (all of them when the evidence changed), the evidence, and the reconciles
   * that arrived since the last snapshot.
   */
  synchronized WindowSnapshot snapshot() {
    long start = windowStart();
    for (Iterator<Map.Entry<ControllerKey, TreeMap<String, ObjectWindow>>> ci =
            controllers.entrySet().iterator();
        ci.hasNext(); ) {
      Map.Entry<ControllerKey, TreeMap<String, ObjectWindow>> c = ci.next();
      for (Iterator<ObjectWindow> oi = c.getValue().values().iterator(); oi.hasNext(); ) {
        ObjectWindow o = oi.next();
        int dropped = o.evictBefore(start);
        if (dropped > 0) {
          counts[LiveCounts.EVICTED] += dropped;
          dirty.add(c.getKey());
        }
        if (o.isEmpty()) {
          oi.remove();
        }
      }
      if (c.getValue().isEmpty()) {
        ci.remove();
      }
    }
    int w = 0;
    while (w < writes.size() && writes.get(w).timeNanos() < start) {
      w++;
    }
    if (w > 0) {
      writes.subList(0, w).clear();
      evidenceChanged = true;
    }
    if (links.values().removeIf(l -> l.startNanos() < start)) {
      evidenceChanged = true;
    }
    // with an operator's log in the window, a pass joins the two records over every stream
    // (and the pass after the last log reconcile left runs every controller once more, unjoined)
    boolean logged = lastLogStart != Long.MIN_VALUE && lastLogStart >= start;
    boolean all = logged || wasLogged;
    wasLogged = logged;
    Map<ControllerKey, List<List<Reconcile>>> changed = new TreeMap<>();
    for (Map.Entry<ControllerKey, TreeMap<String, ObjectWindow>> c : controllers.entrySet()) {
      if (all || evidenceChanged || dirty.contains(c.getKey())) {
        List<List<Reconcile>> streams = new ArrayList<>();
        for (ObjectWindow o : c.getValue().values()) {
          streams.add(o.reconciles());
        }
        changed.put(c.getKey(), streams);
      }
    }
    List<ReconcileLink> allLinks = new ArrayList<>();
    for (Links l : links.values()) {
      allLinks.addAll(l.links());
    }
    long inWindow = 0;
    for (TreeMap<String, ObjectWindow> c : controllers.values()) {
      for (ObjectWindow o : c.values()) {
        inWindow += o.size();
      }
    }
    WindowSnapshot s =
        new WindowSnapshot(
            watermark,
            start == Long.MIN_VALUE ? firstStart : start,
            new TreeSet<>(controllers.keySet()),
            changed,
            new TraceEvidence(writes, allLinks),
            fresh,
            logged,
            inWindow,
            counts.clone());
    dirty.clear();
    evidenceChanged = false;
    fresh = Collections.newSetFromMap(new IdentityHashMap<>());
    return s;
  }

  /** Whether anything changed since the last snapshot. */
  synchronized boolean changed() {
    return !dirty.isEmpty() || evidenceChanged;
  }

  /** The stream keys of the objects in the window, sorted. */
  synchronized List<StreamKey> objects() {
    List<StreamKey> out = new ArrayList<>();
    for (TreeMap<String, ObjectWindow> c : controllers.values()) {
      for (ObjectWindow o : c.values()) {
        out.add(o.key());
      }
    }
    return out;
  }

  private static long saturatedMinus(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }
}
