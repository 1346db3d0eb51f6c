package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.model.Span;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The traces the trace stage has released, kept (spans and all) for a retention of trace time, so
 * that a span arriving after its trace went reopens the trace and the whole of it is extracted
 * again. A trace is kept until the watermark is the retention past its latest span end; a span that
 * ends before watermark − retention is late: counted, not joined.
 *
 * <p>State: store {@value #STORE} holds each kept span under {@code trace/span} (as {@link
 * HeldSpan}), each kept trace's latest span end under {@code #trace}, and the count of late spans
 * under {@value #LATE_SPANS}. Memory: the index of kept traces (trace id and latest end, one entry
 * per trace in the retention), rebuilt from the {@code #} entries when the task starts; the spans
 * stay on disk until a trace is reopened.
 */
final class ReleasedTraces {
  static final String STORE = "released-spans";

  /** The key of the count of late spans. */
  static final String LATE_SPANS = "~late-spans";

  private static final String INDEX = "#";
  private static final StringSerializer KEYS = new StringSerializer();

  private final long retentionNanos;
  private KeyValueStore<String, byte[]> store;
  private final HashMap<String, Long> lastEnd = new HashMap<>();
  private final PriorityQueue<Map.Entry<Long, String>> byEnd =
      new PriorityQueue<>(Map.Entry.comparingByKey());
  private long late;

  /**
   * @param retentionNanos how long a released trace is kept, in trace time past its latest span
   *     end, e.g. 3600 s (the window)
   */
  ReleasedTraces(long retentionNanos) {
    this.retentionNanos = retentionNanos;
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
    return StageStore.builder(STORE);
  }

  /** Binds the store and rebuilds the index from it. */
  void init(KeyValueStore<String, byte[]> store) {
    this.store = store;
    lastEnd.clear();
    byEnd.clear();
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(INDEX, KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        index(kv.key.substring(INDEX.length()), Codec.read(kv.value, Long.class));
      }
    }
    byte[] n = store.get(LATE_SPANS);
    late = n == null ? 0 : Codec.read(n, Long.class);
  }

  private void index(String trace, long end) {
    lastEnd.put(trace, end);
    byEnd.add(new AbstractMap.SimpleImmutableEntry<>(end, trace));
  }

  /** Whether a span that ends at {@code endNanos} is past the retention of {@code watermark}. */
  boolean late(long endNanos, long watermark) {
    long horizon = watermark - retentionNanos;
    return watermark != Long.MIN_VALUE && horizon < watermark && endNanos < horizon;
  }

  /** Counts spans that came past the retention. */
  void countLate(int spans) {
    late += spans;
    store.put(LATE_SPANS, Codec.write(late));
  }

  /** Whether the trace was released and is kept. */
  boolean kept(String trace) {
    return lastEnd.containsKey(trace);
  }

  /** Whether the span ({@code trace/span}) is kept: it was extracted already. */
  boolean keptSpan(String key) {
    return store.get(key) != null;
  }

  /**
   * Takes a kept trace back: its spans (marked as sent) leave this store, for the caller to hold
   * again.
   */
  List<KeyValue<String, HeldSpan>> reopen(String trace) {
    List<KeyValue<String, HeldSpan>> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(trace + "/", KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        HeldSpan h = Codec.read(kv.value, HeldSpan.class);
        out.add(KeyValue.pair(kv.key, new HeldSpan(h.span(), h.ingestMillis(), true)));
      }
    }
    for (KeyValue<String, HeldSpan> kv : out) {
      store.delete(kv.key);
    }
    store.delete(INDEX + trace);
    lastEnd.remove(trace);
    return out;
  }

  /** Keeps a trace just released: its spans by key, its latest span end. */
  void keep(String trace, List<String> keys, List<Span> spans, long ingestMillis, long end) {
    for (int i = 0; i < keys.size(); i++) {
      store.put(keys.get(i), Codec.write(new HeldSpan(spans.get(i), ingestMillis, false)));
    }
    store.put(INDEX + trace, Codec.write(end));
    index(trace, end);
  }

  /** Forgets the traces whose latest span end is the retention behind {@code watermark}. */
  void expire(long watermark) {
    while (!byEnd.isEmpty() && late(byEnd.peek().getKey(), watermark)) {
      Map.Entry<Long, String> e = byEnd.poll();
      Long end = lastEnd.get(e.getValue());
      if (end == null || end.longValue() != e.getKey()) {
        continue; // reopened since, and kept again under a later end or held now
      }
      lastEnd.remove(e.getValue());
      store.delete(INDEX + e.getValue());
      List<String> keys = new ArrayList<>();
      try (KeyValueIterator<String, byte[]> it = store.prefixScan(e.getValue() + "/", KEYS)) {
        while (it.hasNext()) {
          keys.add(it.next().key);
        }
      }
      for (String k : keys) {
        store.delete(k);
      }
    }
  }

  /** Traces kept now. */
  int size() {
    return lastEnd.size();
  }

  /** The spans counted late in a store (every local partition of it, as queries give it). */
  static long lateSpans(ReadOnlyKeyValueStore<String, byte[]> store) {
    long n = 0;
    try (KeyValueIterator<String, byte[]> it = store.range(LATE_SPANS, LATE_SPANS)) {
      while (it.hasNext()) {
        n += Codec.read(it.next().value, Long.class);
      }
    }
    return n;
  }
}
