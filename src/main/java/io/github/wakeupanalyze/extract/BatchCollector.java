package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.ObservedWindow;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what the extractor hands on during a batch run; at the end, sorts it and puts times on
 * the reference clocks ({@link ClockOffset}).
 */
final class BatchCollector implements ExtractConsumer {
  private final Map<StreamKey, List<Reconcile>> byStream = new HashMap<>();
  private final List<ObjectWrite> writes = new ArrayList<>();
  private final List<ReconcileLink> links = new ArrayList<>();
  private final List<LostReconcile> lost = new ArrayList<>();
  private int reconciles;

  @Override
  public void reconcile(Reconcile r) {
    byStream.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    reconciles++;
  }

  @Override
  public void lostReconcile(LostReconcile l) {
    lost.add(l);
  }

  @Override
  public void write(ObjectWrite w) {
    writes.add(w);
  }

  @Override
  public void link(ReconcileLink l) {
    links.add(l);
  }

  /**
   * The result: reconciles bucketed by stream, each stream sorted by start (spans mostly arrive in
   * time order, so each bucket is nearly sorted and sorts in about linear time).
   */
  ExtractResult result(
      ExtractCounts counts,
      List<Long> perSource,
      long windowStart,
      long windowEnd,
      Map<String, ObservedWindow> operatorWindows,
      List<ClockOffset> offsets,
      List<SamplingSummary> sampling,
      List<String> warnings,
      BitSet complete) {
    Map<String, Long> shift = new HashMap<>();
    for (ClockOffset o : offsets) {
      if (o.applied() && o.offsetNanos() != 0) {
        shift.put(o.service(), o.offsetNanos());
      }
    }
    TreeMap<StreamKey, List<Reconcile>> streams = new TreeMap<>(byStream);
    byStream.clear();
    for (List<Reconcile> stream : streams.values()) {
      long s = shift.getOrDefault(stream.get(0).key().operator(), 0L);
      if (s != 0) {
        stream.replaceAll(r -> r.shifted(s));
      }
      stream.sort(Reconcile.IN_STREAM);
    }
    TwoRecords two = new TwoRecords(complete);
    if (!complete.isEmpty()) {
      streams = two.merge(streams);
    }
    List<Reconcile> out = new ArrayList<>(reconciles);
    streams.values().forEach(out::addAll);
    List<String> lines = new ArrayList<>(warnings);
    lines.addAll(two.warnings());
    List<ObjectWrite> ws = new ArrayList<>(writes.size());
    for (ObjectWrite w : writes) {
      long s = shift.getOrDefault(w.service(), 0L);
      ws.add(s == 0 ? w : shifted(w, s));
    }
    ws.sort(
        Comparator.comparingLong(ObjectWrite::timeNanos).thenComparingLong(ObjectWrite::spanId));
    List<LostReconcile> ls = new ArrayList<>(lost.size());
    for (LostReconcile l : lost) {
      long s = shift.getOrDefault(l.key().operator(), 0L);
      ls.add(new LostReconcile(l.key(), l.startNanos() - s, l.endNanos() - s, l.pieces()));
    }
    ls.sort(Comparator.comparing(LostReconcile::key).thenComparingLong(LostReconcile::startNanos));
    Map<String, ObservedWindow> windows = new HashMap<>();
    operatorWindows.forEach(
        (op, w) -> {
          long s = shift.getOrDefault(op, 0L);
          ObservedWindow seen = new ObservedWindow(w.startNanos() - s, w.endNanos() - s);
          ObservedWindow logged = two.covered().get(op);
          windows.put(
              op,
              logged == null
                  ? seen
                  : new ObservedWindow(
                      Math.max(seen.startNanos(), logged.startNanos()),
                      Math.min(seen.endNanos(), logged.endNanos())));
        });
    return new ExtractResult(
        out,
        counts.withMerged(two.merged()),
        perSource,
        windowStart,
        windowEnd,
        windows,
        new TraceEvidence(ws, links),
        ls,
        offsets,
        sampling,
        lines);
  }

  private static ObjectWrite shifted(ObjectWrite w, long s) {
    return new ObjectWrite(
        w.timeNanos() - s,
        w.endNanos() - s,
        w.namespace(),
        w.name(),
        w.resource(),
        w.method(),
        w.client(),
        w.service(),
        w.traceIdHigh(),
        w.traceIdLow(),
        w.spanId(),
        w.audited());
  }
}
