package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task revived after an aborted transaction (Kafka Streams re-initialises the same processor on
 * the committed store): the verdicts sent in the aborted transaction were never committed, so the
 * stage sends them again; a trace released before the revival is still rejoined by its late spans.
 */
class StageRestartTest {
  private static final long S = 1_000_000_000L;
  private static final StreamSettings SETTINGS =
      new StreamSettings(
          LiveSettings.defaults(3600 * S),
          "otlp_spans",
          Encoding.OTLP_PROTO,
          null,
          "wakeup.",
          Duration.ofSeconds(1),
          Duration.ofSeconds(5));

  @TempDir static Path dir;

  private static KeyValueStore<String, byte[]> store(MockProcessorContext<?, ?> ctx, String name) {
    KeyValueStore<String, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(ctx.getStateStoreContext(), store);
    ctx.addStateStore(store);
    return store;
  }

  /** What the items sent add up to, by key: the latest of each, less those retracted. */
  private static Map<String, Item> net(MockProcessorContext<String, Item> ctx) {
    TreeMap<String, Item> out = new TreeMap<>();
    for (var f : ctx.forwarded()) {
      Item i = f.record().value();
      if (i.retracted()) {
        out.remove(i.key());
      } else {
        out.put(i.key(), strip(i));
      }
    }
    return out;
  }

  private static Item strip(Item i) {
    return new Item(0, 0, i.reconcile(), i.write(), i.link(), false);
  }

  /** A trace stage on fresh stores, at wall time 0. */
  private static TraceStage traceStage(MockProcessorContext<String, Item> ctx) {
    ctx.setCurrentSystemTimeMs(0);
    store(ctx, TraceStage.STORE);
    store(ctx, ReleasedTraces.STORE);
    TraceStage stage = new TraceStage(SETTINGS);
    stage.init(ctx);
    return stage;
  }

  /** The input idle for {@code seconds}: the stage's idle check runs. */
  private static void idle(MockProcessorContext<String, Item> ctx, long seconds) {
    ctx.setCurrentSystemTimeMs(ctx.currentSystemTimeMs() + seconds * 1000);
    for (var p : ctx.scheduledPunctuators()) {
      p.getPunctuator().punctuate(ctx.currentSystemTimeMs());
    }
  }

  private static void feed(TraceStage stage, CollectorRecords.Rec r) {
    stage.process(new Record<>(r.key(), r.value(), r.timestampMillis()));
  }

  @Test
  void traceStage_revivedAfterReleasingHalfATrace_rejoinsTheRest_andTheNetIsOneExtraction() {
    Path trace = CollectorRecords.simulate(TopologyTest.PERCONA, 600 * S, 0, dir.resolve("sim"));
    List<CollectorRecords.Rec> records = CollectorRecords.records(trace);
    // the traces exported in several records, each part after the first in record order
    Map<String, List<CollectorRecords.Rec>> parts = new LinkedHashMap<>();
    for (CollectorRecords.Rec r : records) {
      parts.computeIfAbsent(HexFormat.of().formatHex(r.key()), k -> new ArrayList<>()).add(r);
    }
    parts.values().removeIf(l -> l.size() < 2);
    assertTrue(parts.size() >= 3, "traces exported in several records: " + parts.size());
    long differ = 0;
    for (List<CollectorRecords.Rec> split : parts.values()) {
      MockProcessorContext<String, Item> whole = new MockProcessorContext<>();
      TraceStage a = traceStage(whole);
      split.forEach(r -> feed(a, r));
      idle(whole, 5 * TraceStage.INCOMPLETE_IDLE_FACTOR + 1);

      MockProcessorContext<String, Item> ctx = new MockProcessorContext<>();
      TraceStage b = traceStage(ctx);
      feed(b, split.get(0));
      idle(ctx, 5 * TraceStage.INCOMPLETE_IDLE_FACTOR + 1);
      Map<String, Item> first = net(ctx);
      b.init(ctx);
      split.subList(1, split.size()).forEach(r -> feed(b, r));
      idle(ctx, 5 * TraceStage.INCOMPLETE_IDLE_FACTOR + 1);

      assertFalse(net(whole).isEmpty());
      assertEquals(net(whole), net(ctx), "what was sent adds up to one extraction of the trace");
      if (!first.equals(net(whole))) {
        differ++;
      }
    }
    assertTrue(differ > 0, "the first part alone extracts differently, for some trace");
  }

  private static long verdictsSent(MockProcessorContext<String, ControllerStage.Output> ctx) {
    return ctx.forwarded().stream().filter(f -> !f.record().value().controller()).count();
  }

  @Test
  void controllerStage_initialisedAgainOnTheCommittedStore_sendsItsVerdictsAgain() {
    MockProcessorContext<String, ControllerStage.Output> ctx = new MockProcessorContext<>();
    store(ctx, ControllerStage.STORE);
    ControllerStage stage = new ControllerStage(SETTINGS);
    stage.init(ctx);
    for (int i = 0; i < 3; i++) {
      long start = 1_700_000_000L * S + i * 30 * S;
      Reconcile r =
          new Reconcile(
              new StreamKey("op", "ctl", "obj"),
              0,
              7,
              i + 1,
              start,
              start + S / 10,
              false,
              null,
              ApiCalls.NONE,
              0);
      stage.process(new Record<>(Routing.key(r.key()), Item.of(start + S, 0, r), 0));
    }
    stage.pass();
    assertEquals(3, verdictsSent(ctx));

    ctx.resetForwards();
    stage.init(ctx);
    stage.pass();

    assertEquals(3, verdictsSent(ctx), "the verdicts of the aborted transaction, sent again");
  }

  private static Reconcile reconcile(long start, ApiCalls calls) {
    return new Reconcile(
        new StreamKey("op", "ctl", "obj"), 0, 7, 1, start, start + S / 10, false, null, calls, 0);
  }

  @Test
  void controllerStage_givenAReconcileExtractedAgain_replacesIt_andSendsTheChangedVerdictOnce() {
    MockProcessorContext<String, ControllerStage.Output> ctx = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> store = store(ctx, ControllerStage.STORE);
    ControllerStage stage = new ControllerStage(SETTINGS);
    stage.init(ctx);
    long start = 1_700_000_000L * S;
    Reconcile bare = reconcile(start, ApiCalls.NONE);
    Reconcile whole = reconcile(start, new ApiCalls(new TreeMap<>(Map.of("GET", 3)), List.of()));
    String key = Routing.key(bare.key());
    stage.process(new Record<>(key, Item.of(start + S, 0, bare), 0));
    stage.pass();
    assertEquals(1, verdictsSent(ctx));

    stage.process(new Record<>(key, Item.of(start + 20 * S, 0, whole), 0));
    stage.process(new Record<>(key, Item.of(start + 21 * S, 0, whole), 0));
    stage.pass();
    assertEquals(2, verdictsSent(ctx), "the changed verdict, once");
    Item kept = Codec.read(store.get(Item.of(0, 0, whole).key()), Item.class);
    assertEquals(whole, kept.reconcile(), "the store holds the latest extraction");
    assertEquals(1, stage.counts()[1], "the second copy is a duplicate");

    ctx.resetForwards();
    stage.init(ctx);
    stage.pass();
    var sent = ctx.forwarded().stream().filter(f -> !f.record().value().controller()).toList();
    assertEquals(1, sent.size());
    assertTrue(sent.get(0).record().value().json().contains("\"api_reads\":3"), "revived: " + sent);

    ctx.resetForwards();
    stage.process(new Record<>(key, Item.of(start + 22 * S, 0, whole).retraction(0, 0), 0));
    stage.pass();
    assertEquals(null, store.get(Item.of(0, 0, whole).key()), "a retraction forgets it");
  }
}
