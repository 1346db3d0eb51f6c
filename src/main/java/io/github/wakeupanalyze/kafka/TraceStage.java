package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.extract.ReconcileExtractor;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.text.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * First stage, on the input topic's partitions: decodes each Collector record with ingest's
 * decoders, holds spans by trace until the trace is final, then extracts its reconciles with the
 * batch extractor and sends them on keyed by stream ({@link Routing}).
 *
 * <p>The rule is the online engine's: a trace is final once this task's watermark (the latest span
 * end it has seen, trace time) is the grace period past the trace's latest span end, so children
 * that arrive out of order or in a later record still join their reconcile. Traces held are
 * released together, at most once per quarter of the grace period of watermark progress, through
 * one extractor (writes by other clients come out as evidence); past {@code maxHeldSpans} the
 * traces that ended first go early; when the input has been idle for {@code idleFlush} (wall clock)
 * every complete trace held goes (each span's parent held too), the rest once the input has been
 * idle for {@value #INCOMPLETE_IDLE_FACTOR} times as long.
 *
 * <p>A released trace is kept for the window of trace time ({@link ReleasedTraces}). A span that
 * arrives after its trace went reopens it: the trace is held again with the spans already extracted
 * and released as above, and the whole of it is extracted again. Downstream receives only the
 * difference with the extraction it had: each reconcile, write and link that is new or changed, and
 * a retraction of each that the trace no longer yields (an orphaned child's write, taken for
 * another client's, once its reconcile has come). A span that ends more than the window before the
 * watermark is late: counted, not extracted.
 *
 * <p>A trace is assembled only from spans in the same partition: the Collector exporter's {@code
 * partition_traces_by_id: true} keeps each trace in one. Without it, spans of one trace land in
 * several tasks: each reconcile span is still extracted, once, but children in another partition
 * are orphans there, so the reconcile's API calls and own-write evidence are incomplete.
 *
 * <p>State: the held spans in store {@value #STORE} (key: trace id, span id), rebuilt into memory
 * when the task starts, so a restart or a move to another instance loses none; the released ones in
 * {@link ReleasedTraces#STORE}. Memory: span rate times the grace period, plus one index entry per
 * released trace in the window.
 */
final class TraceStage implements Processor<byte[], byte[], String, Item> {
  static final String STORE = "held-spans";

  /**
   * An idle input releases a trace still missing a parent span only after this many idle flush
   * periods, e.g. 4: a pause of the input between two records of one trace (the children in one
   * export, the reconcile in the next) does not cut the trace's children off their reconcile.
   */
  static final int INCOMPLETE_IDLE_FACTOR = 4;

  private static final class Held {
    final List<String> keys = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();

    /** The spans an earlier extraction of the trace had (it was released, then reopened). */
    final List<Span> sent = new ArrayList<>();

    long lastEnd = Long.MIN_VALUE;
    long ingestMillis;
  }

  private final StreamSettings settings;
  private final LiveSettings live;
  private ProcessorContext<String, Item> context;
  private KeyValueStore<String, byte[]> store;
  private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
  private final ReleasedTraces released;
  private int heldSpans;
  private long watermark = Long.MIN_VALUE;
  private long releasedAt = Long.MIN_VALUE;
  private long lastInputWallMillis;
  private long badRecords;

  TraceStage(StreamSettings settings) {
    this.settings = settings;
    this.live = settings.live();
    this.released = new ReleasedTraces(live.windowNanos());
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
    return StageStore.builder(STORE);
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> releasedStoreBuilder() {
    return ReleasedTraces.storeBuilder();
  }

  @Override
  public void init(ProcessorContext<String, Item> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    released.init(context.getStateStore(ReleasedTraces.STORE));
    // a task revived after an aborted transaction initialises the same processor again: its
    // memory may hold what the transaction did, the store holds what was committed
    held.clear();
    heldSpans = 0;
    releasedAt = Long.MIN_VALUE;
    List<KeyValue<String, HeldSpan>> restored = new ArrayList<>();
    watermark =
        StageStore.readAll(store, HeldSpan.class, (k, v) -> restored.add(KeyValue.pair(k, v)));
    restored.sort(Comparator.comparingLong(kv -> kv.value.span().endNanos()));
    for (KeyValue<String, HeldSpan> kv : restored) {
      hold(kv.key, kv.value);
    }
    lastInputWallMillis = context.currentSystemTimeMs();
    Duration tick = settings.passInterval();
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::idleCheck);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    lastInputWallMillis = context.currentSystemTimeMs();
    if (record.value() == null) {
      return;
    }
    List<Span> spans = new ArrayList<>();
    boolean audit =
        settings.auditTopic() != null
            && context
                .recordMetadata()
                .map(m -> m.topic().equals(settings.auditTopic()))
                .orElse(false);
    String topic = audit ? settings.auditTopic() : settings.inputTopic();
    try {
      (audit ? TraceFormat.K8S_AUDIT : settings.encoding().format())
          .readBytes(record.value(), topic, spans::add);
    } catch (InputException | RuntimeException e) {
      badRecords++;
      System.err.println(
          "stream: skipped a record of "
              + topic
              + where()
              + (audit
                  ? ": not Kubernetes audit events ("
                  : ": not an "
                      + settings.encoding().collectorName()
                      + " ExportTraceServiceRequest (")
              + Names.printable(e.getMessage())
              + ")");
      return;
    }
    int late = 0;
    for (Span s : spans) {
      if (released.late(s.endNanos(), watermark)) {
        late++;
        continue;
      }
      String trace = Ids.hex(s.traceIdHigh(), s.traceIdLow());
      String key = trace + "/" + Ids.hex(s.spanId());
      if (!held.containsKey(trace) && released.kept(trace)) {
        if (released.keptSpan(key)) {
          continue; // extracted already: the record came again
        }
        for (KeyValue<String, HeldSpan> kv : released.reopen(trace)) {
          store.put(kv.key, Codec.write(kv.value));
          hold(kv.key, kv.value);
        }
      }
      HeldSpan h = new HeldSpan(s, record.timestamp(), false);
      store.put(key, Codec.write(h));
      hold(key, h);
      watermark = Math.max(watermark, s.endNanos());
    }
    if (late > 0) {
      released.countLate(late);
    }
    store.put(StageStore.WATERMARK, Codec.write(watermark));
    releaseFinal();
    released.expire(watermark);
  }

  private String where() {
    return context
        .recordMetadata()
        .map(m -> " (partition " + m.partition() + ", offset " + m.offset() + ")")
        .orElse("");
  }

  private void hold(String key, HeldSpan h) {
    Span s = h.span();
    Held t = held.computeIfAbsent(key.substring(0, key.indexOf('/')), k -> new Held());
    if (!t.keys.contains(key)) {
      t.keys.add(key);
      t.spans.add(s);
      if (h.sent()) {
        t.sent.add(s);
      }
      heldSpans++;
    }
    t.lastEnd = Math.max(t.lastEnd, s.endNanos());
    t.ingestMillis = Math.max(t.ingestMillis, h.ingestMillis());
  }

  /** Releases the final traces (and the oldest while too many spans are held). */
  private void releaseFinal() {
    if (heldSpans <= live.maxHeldSpans()
        && releasedAt != Long.MIN_VALUE
        && watermark - releasedAt < live.graceNanos() / 4) {
      return;
    }
    releasedAt = watermark;
    List<Held> ready = new ArrayList<>();
    for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (h.lastEnd <= watermark - live.graceNanos()) {
        ready.add(h);
        it.remove();
      }
    }
    if (heldSpans > live.maxHeldSpans()) {
      List<Map.Entry<String, Held>> oldest = new ArrayList<>(held.entrySet());
      oldest.sort(Comparator.comparingLong(e -> e.getValue().lastEnd));
      int left = heldSpans;
      for (Map.Entry<String, Held> e : oldest) {
        if (left <= live.maxHeldSpans() * 3L / 4) {
          break;
        }
        ready.add(e.getValue());
        left -= e.getValue().spans.size();
        held.remove(e.getKey());
      }
    }
    release(ready);
  }

  private void idleCheck(long wallMillis) {
    long idle = wallMillis - lastInputWallMillis;
    long flush = settings.idleFlush().toMillis();
    if (held.isEmpty() || idle < flush) {
      return;
    }
    boolean all = idle >= INCOMPLETE_IDLE_FACTOR * flush;
    List<Held> ready = new ArrayList<>();
    for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (all || complete(h)) {
        ready.add(h);
        it.remove();
      }
    }
    release(ready);
  }

  /**
   * True when every span held for the trace has its parent among them: the rest of a trace whose
   * reconcile span (it ends last, so it is exported last) has not come yet is still on its way.
   */
  private static boolean complete(Held h) {
    Set<Long> ids = new HashSet<>();
    for (Span s : h.spans) {
      ids.add(s.spanId());
    }
    for (Span s : h.spans) {
      if (s.hasParent() && !ids.contains(s.parentSpanId())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Extracts the traces given through one extractor, keeps them as released and sends downstream
   * what came out; for traces reopened by late spans, only what differs from their earlier
   * extraction (see the class comment).
   */
  private void release(List<Held> traces) {
    if (traces.isEmpty()) {
      return;
    }
    Map<Long, Long> ingestBySpan = new LinkedHashMap<>();
    long latestIngest = 0;
    List<Span> all = new ArrayList<>();
    List<Span> sent = new ArrayList<>();
    for (Held h : traces) {
      all.addAll(h.spans);
      sent.addAll(h.sent);
      for (Span s : h.spans) {
        ingestBySpan.put(s.spanId(), h.ingestMillis);
      }
      for (String k : h.keys) {
        store.delete(k);
      }
      String trace = h.keys.get(0).substring(0, h.keys.get(0).indexOf('/'));
      released.keep(trace, h.keys, h.spans, h.ingestMillis, h.lastEnd);
      heldSpans -= h.spans.size();
      latestIngest = Math.max(latestIngest, h.ingestMillis);
    }
    Map<String, Item> before = sent.isEmpty() ? Map.of() : extract(sent, 0, Map.of());
    Map<String, Item> after = extract(all, latestIngest, ingestBySpan);
    for (Map.Entry<String, Item> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        send(e.getValue().retraction(watermark, latestIngest));
      }
    }
    for (Map.Entry<String, Item> e : after.entrySet()) {
      Item was = before.get(e.getKey());
      if (was == null || !was.samePayload(e.getValue())) {
        send(e.getValue());
      }
    }
  }

  /**
   * The items extracted from {@code spans} by their {@link Item#key()}: writes, links, then
   * reconciles, in the extractor's order.
   */
  private Map<String, Item> extract(
      List<Span> spans, long latestIngest, Map<Long, Long> ingestBySpan) {
    ReconcileExtractor x = new ReconcileExtractor(live.rules());
    x.startSource(0, settings.inputTopic());
    for (Span s : spans) {
      x.accept(s);
    }
    ExtractResult r = x.finish();
    Map<String, Item> out = new LinkedHashMap<>();
    for (ObjectWrite w : r.evidence().writes()) {
      put(out, Item.of(watermark, latestIngest, w));
    }
    for (ReconcileLink l : r.evidence().links()) {
      put(out, Item.of(watermark, latestIngest, l));
    }
    for (Reconcile rc : r.reconciles()) {
      put(out, Item.of(watermark, ingestBySpan.getOrDefault(rc.spanId(), latestIngest), rc));
    }
    return out;
  }

  private static void put(Map<String, Item> out, Item i) {
    out.put(i.key(), i);
  }

  private void send(Item i) {
    String key = i.reconcile() != null ? Routing.key(i.reconcile().key()) : Routing.EVERY_PARTITION;
    forward(key, i, i.ingestMillis());
  }

  private void forward(String key, Item item, long timestamp) {
    context.forward(new Record<>(key, item, timestamp));
  }

  /** Records of the input that could not be decoded, since this task started. */
  long badRecords() {
    return badRecords;
  }
}
