package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.Analyzer;
import io.github.wakeupanalyze.live.LiveCounts;
import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.live.LiveView;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What store {@value ControllerStage#STORE} holds for some partitions, read through an interactive
 * query: the objects' windows of reconciles, the evidence, and the latest watermark. Windows of
 * several instances merge (a key held twice, as evidence is by every partition, counts once), and a
 * window turns into the same {@link LiveView} {@code serve} answers from: the batch analysis of its
 * reconciles and evidence.
 *
 * @param watermarkNanos the latest watermark of the partitions read, epoch ns; {@link
 *     Long#MIN_VALUE} before any
 * @param entries the store's entries by store key ({@code r␟…} reconciles in stream then start
 *     order, {@code w␟…} writes, {@code l␟…} links)
 * @param heldSpans spans the trace stage holds on the same instances (approximate, from its store)
 * @param lateSpans spans the trace stage dropped on the same instances since their partitions
 *     started: they came past the retention of their trace ({@link ReleasedTraces}); the view
 *     counts them as orphan spans
 */
record StoreWindow(long watermarkNanos, Map<String, Item> entries, long heldSpans, long lateSpans) {
  static final StoreWindow EMPTY = new StoreWindow(Long.MIN_VALUE, Map.of(), 0, 0);

  StoreWindow {
    entries = new TreeMap<>(entries);
  }

  /** Reads a store (or every local partition of it, as {@code KafkaStreams.store} gives it). */
  static StoreWindow read(ReadOnlyKeyValueStore<String, byte[]> store, long heldSpans) {
    TreeMap<String, Item> entries = new TreeMap<>();
    long watermark = StageStore.readAll(store, Item.class, entries::put);
    return new StoreWindow(watermark, entries, heldSpans, 0);
  }

  /** This window and another instance's. */
  StoreWindow merge(StoreWindow other) {
    TreeMap<String, Item> all = new TreeMap<>(entries);
    all.putAll(other.entries);
    return new StoreWindow(
        Math.max(watermarkNanos, other.watermarkNanos),
        all,
        heldSpans + other.heldSpans,
        lateSpans + other.lateSpans);
  }

  /** The reconciles, in stream then start order. */
  List<Reconcile> reconciles() {
    List<Reconcile> out = new ArrayList<>();
    for (Item i : entries.values()) {
      if (i.reconcile() != null) {
        out.add(i.reconcile());
      }
    }
    return out;
  }

  /**
   * The batch analysis of the window's reconciles and evidence, as {@code serve}'s view: the window
   * runs from the earliest reconcile start (or watermark − window, whichever is later) to the
   * watermark.
   */
  LiveView view(LiveSettings live) {
    List<Reconcile> rs = reconciles();
    List<ObjectWrite> writes = new ArrayList<>();
    List<ReconcileLink> links = new ArrayList<>();
    for (Item i : entries.values()) {
      if (i.write() != null) {
        writes.add(i.write());
      } else if (i.link() != null) {
        links.add(i.link());
      }
    }
    long end = watermarkNanos == Long.MIN_VALUE ? 0 : watermarkNanos;
    long start = end;
    for (Reconcile r : rs) {
      start = Math.min(start, r.startNanos());
    }
    start = Math.max(start, end - live.windowNanos());
    Analysis a =
        new Analyzer(live.parameters())
            .analyze(rs, new long[0], new TraceEvidence(writes, links), start, end);
    LiveCounts counts = new LiveCounts(0, 0, 0, lateSpans, heldSpans, 0, 0, 0, 0, rs.size(), 0);
    return new LiveView(0, watermarkNanos, a, List.of(), counts, List.of());
  }
}
