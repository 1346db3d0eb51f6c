package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.Engine;
import io.github.wakeupanalyze.analyze.EvidenceIndex;
import io.github.wakeupanalyze.live.ControllerKey;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Second stage, on the partitions of controllers ({@link Routing}): every object's reconciles over
 * the sliding window of trace time, the evidence of the same window, and the batch {@link Engine}
 * re-run on each controller that changed, every {@code passInterval} of wall-clock time; what left
 * the window is evicted after each pass.
 *
 * <p>Window and watermark are the online engine's: the watermark is the latest trace-stage
 * watermark received; a reconcile that starts before watermark − window is late and dropped; one
 * already in its object's window (same start and span id) replaces it when it differs (its trace
 * was extracted again with late spans) and is a duplicate otherwise; a retraction removes it (or a
 * write or link). Reconciles arriving out of order are sorted into place and the controller re-run,
 * so order of arrival does not change a verdict. Re-running the changed controller whole is what
 * makes the verdicts the batch engine's on the same reconciles (see {@code live}).
 *
 * <p>Out: each reconcile whose verdict is new or changed since the last pass of this task, keyed by
 * trace and span id; each changed controller's summary, keyed by operator/controller. A reconcile's
 * latest record is its verdict; after a task moves, the first pass sends its controllers' verdicts
 * again (same key, same value).
 *
 * <p>State: store {@value #STORE} holds each object's window (key: {@code r␟stream␟start␟span}),
 * the evidence ({@code w␟…}, {@code l␟…}) and the watermark; the task rebuilds its memory from it
 * when it starts. Memory and store: the reconciles and writes in the window.
 */
final class ControllerStage implements Processor<String, Item, String, ControllerStage.Output> {
  static final String STORE = "object-windows";

  /** An output record: a reconcile's verdict or a controller's summary, as JSON. */
  record Output(boolean controller, String json) {}

  private final StreamSettings settings;
  private final Engine engine;
  private ProcessorContext<String, Output> context;
  private KeyValueStore<String, byte[]> store;
  private final TreeMap<ControllerKey, TreeMap<String, TreeMap<String, Item>>> windows =
      new TreeMap<>();
  private final TreeMap<String, ObjectWrite> writes = new TreeMap<>();
  private final TreeMap<String, Item> links = new TreeMap<>();
  private final TreeSet<ControllerKey> dirty = new TreeSet<>();
  private final Map<String, String> emitted = new HashMap<>();
  private boolean evidenceChanged;
  private long watermark = Long.MIN_VALUE;
  private long late;
  private long duplicates;

  ControllerStage(StreamSettings settings) {
    this.settings = settings;
    this.engine = new Engine(settings.live().parameters());
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
    return StageStore.builder(STORE);
  }

  @Override
  public void init(ProcessorContext<String, Output> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    // a task revived after an aborted transaction initialises the same processor again: the
    // verdicts it had sent were aborted with the transaction, and the store is what was committed
    windows.clear();
    writes.clear();
    links.clear();
    dirty.clear();
    emitted.clear();
    evidenceChanged = false;
    watermark = StageStore.readAll(store, Item.class, this::keep);
    dirty.addAll(windows.keySet());
    context.schedule(settings.passInterval(), PunctuationType.WALL_CLOCK_TIME, t -> pass());
  }

  @Override
  public void process(Record<String, Item> record) {
    Item item = record.value();
    if (item == null) {
      return;
    }
    if (item.watermarkNanos() > watermark) {
      watermark = item.watermarkNanos();
      store.put(StageStore.WATERMARK, Codec.write(watermark));
    }
    if (item.reconcile() == null && item.write() == null && item.link() == null) {
      return;
    }
    String key = item.key();
    byte[] had = store.get(key);
    Item before = had == null ? null : Codec.read(had, Item.class);
    if (item.retracted()) {
      if (before != null) {
        store.delete(key);
        forget(key, before);
      }
      return;
    }
    long start = windowStart();
    if (item.reconcile() != null && item.reconcile().startNanos() < start) {
      late++;
      return;
    } else if (item.write() != null && item.write().timeNanos() < start) {
      return;
    } else if (item.link() != null) {
      // the reconcile's start is not on the link: it stays for a window from its arrival
      item = Item.of(watermark, item.ingestMillis(), item.link());
    }
    if (before != null && before.samePayload(item)) {
      duplicates++;
      return;
    }
    // new, or a trace extracted again with late spans: the latest extraction replaces the entry
    store.put(key, Codec.write(item));
    keep(key, item);
  }

  private void keep(String key, Item item) {
    if (item.reconcile() != null) {
      Reconcile r = item.reconcile();
      ControllerKey ck = ControllerKey.of(r.key());
      windows
          .computeIfAbsent(ck, k -> new TreeMap<>())
          .computeIfAbsent(r.key().object(), o -> new TreeMap<>())
          .put(key, item);
      dirty.add(ck);
    } else if (item.write() != null) {
      writes.put(key, item.write());
      evidenceChanged = true;
    } else if (item.link() != null) {
      links.put(key, item);
      evidenceChanged = true;
    }
  }

  /** Takes an entry out of memory (its store entry is gone): a retraction. */
  private void forget(String key, Item item) {
    if (item.reconcile() != null) {
      Reconcile r = item.reconcile();
      ControllerKey ck = ControllerKey.of(r.key());
      TreeMap<String, TreeMap<String, Item>> objects = windows.get(ck);
      TreeMap<String, Item> o = objects == null ? null : objects.get(r.key().object());
      if (o != null) {
        o.remove(key);
        if (o.isEmpty()) {
          objects.remove(r.key().object());
        }
        if (objects.isEmpty()) {
          windows.remove(ck);
        }
        dirty.add(ck);
      }
    } else if (item.write() != null) {
      writes.remove(key);
      evidenceChanged = true;
    } else {
      links.remove(key);
      evidenceChanged = true;
    }
  }

  private long windowStart() {
    if (watermark == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    long w = settings.live().windowNanos();
    return watermark - w > watermark ? Long.MIN_VALUE : watermark - w;
  }

  /**
   * Re-runs every controller that changed, then evicts what left the window: a reconcile that came
   * and left between two passes still gets its verdict, with the window as it was.
   */
  void pass() {
    analyze();
    evict();
  }

  private void analyze() {
    if (dirty.isEmpty() && !evidenceChanged) {
      return;
    }
    List<ReconcileLink> ls = new ArrayList<>();
    for (Item l : links.values()) {
      ls.add(l.link());
    }
    EvidenceIndex evidence =
        new EvidenceIndex(new TraceEvidence(new ArrayList<>(writes.values()), ls), new long[0]);
    for (Map.Entry<ControllerKey, TreeMap<String, TreeMap<String, Item>>> c : windows.entrySet()) {
      if (evidenceChanged || dirty.contains(c.getKey())) {
        run(c.getKey(), c.getValue(), evidence);
      }
    }
    dirty.clear();
    evidenceChanged = false;
  }

  private void run(
      ControllerKey ck, TreeMap<String, TreeMap<String, Item>> objects, EvidenceIndex evidence) {
    List<List<Reconcile>> streams = new ArrayList<>();
    Map<Reconcile, Long> ingest = new HashMap<>();
    long latest = 0;
    for (TreeMap<String, Item> o : objects.values()) {
      List<Reconcile> rs = new ArrayList<>(o.size());
      for (Item i : o.values()) {
        rs.add(i.reconcile());
        ingest.put(i.reconcile(), i.ingestMillis());
        latest = Math.max(latest, i.ingestMillis());
      }
      streams.add(rs);
    }
    Engine.ControllerOutcome out = engine.analyzeController(streams, evidence);
    for (ClassifiedReconcile cr : out.reconciles()) {
      String key = OutputJson.reconcileKey(cr.reconcile());
      String json = OutputJson.reconcile(cr);
      if (!json.equals(emitted.put(key, json))) {
        long ts = ingest.getOrDefault(cr.reconcile(), latest);
        context.forward(new Record<>(key, new Output(false, json), ts));
      }
    }
    context.forward(
        new Record<>(
            OutputJson.controllerKey(ck.operator(), ck.controller()),
            new Output(true, OutputJson.controller(out.controller(), watermark)),
            latest));
  }

  private void evict() {
    long start = windowStart();
    if (start == Long.MIN_VALUE) {
      return;
    }
    for (Iterator<Map.Entry<ControllerKey, TreeMap<String, TreeMap<String, Item>>>> ci =
            windows.entrySet().iterator();
        ci.hasNext(); ) {
      Map.Entry<ControllerKey, TreeMap<String, TreeMap<String, Item>>> c = ci.next();
      for (Iterator<TreeMap<String, Item>> oi = c.getValue().values().iterator(); oi.hasNext(); ) {
        TreeMap<String, Item> o = oi.next();
        while (!o.isEmpty() && o.firstEntry().getValue().reconcile().startNanos() < start) {
          Map.Entry<String, Item> e = o.pollFirstEntry();
          store.delete(e.getKey());
          emitted.remove(OutputJson.reconcileKey(e.getValue().reconcile()));
          dirty.add(c.getKey());
        }
        if (o.isEmpty()) {
          oi.remove();
        }
      }
      if (c.getValue().isEmpty()) {
        ci.remove();
        dirty.remove(c.getKey());
      }
    }
    while (!writes.isEmpty() && writes.firstEntry().getValue().timeNanos() < start) {
      store.delete(writes.pollFirstEntry().getKey());
      evidenceChanged = true;
    }
    for (Iterator<Map.Entry<String, Item>> it = links.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Item> e = it.next();
      if (e.getValue().watermarkNanos() < start) {
        store.delete(e.getKey());
        it.remove();
        evidenceChanged = true;
      }
    }
  }

  /** Reconciles dropped as late and seen twice, since this task started. */
  long[] counts() {
    return new long[] {late, duplicates};
  }
}
