package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on one partition (TopologyTestDriver): a simulated Percona-like trace as the
 * Collector exports it, against {@code analyze} on the same trace. "Equal" means: the latest record
 * per reconcile on the output topic is, key for key, the batch verdict in the same JSON.
 */
class TopologyTest {
  static final Path PERCONA = Path.of("sample-traces/scenarios/percona-mongodb.yaml");
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir static Path dir;
  static List<CollectorRecords.Rec> records;
  static TreeMap<String, String> batch;
  static Pipeline.Result batchResult;

  @BeforeAll
  static void simulate() {
    Path trace = CollectorRecords.simulate(PERCONA, 0, 0, dir);
    records = CollectorRecords.records(trace);
    batchResult = CollectorRecords.analyze(trace);
    batch = CollectorRecords.verdicts(batchResult);
  }

  private static StreamSettings settings(long windowNanos) {
    return new StreamSettings(
        LiveSettings.defaults(windowNanos),
        "otlp_spans",
        Encoding.OTLP_PROTO,
        null,
        "wakeup.",
        Duration.ofSeconds(1),
        Duration.ofSeconds(5));
  }

  /** The outputs of one run: the latest value per key of both topics, and the record count. */
  record Run(
      TreeMap<String, String> reconciles,
      TreeMap<String, String> controllers,
      int sent,
      StoreWindow window,
      TreeMap<String, byte[]> released) {}

  private static Run run(StreamSettings s, List<CollectorRecords.Rec> in) {
    return run(s, in, Map.of());
  }

  /**
   * As above, with the input pausing for longer than the idle flush before record {@code pause}.
   */
  private static Run run(StreamSettings s, List<CollectorRecords.Rec> in, int pause) {
    return run(s, in, Map.of(pause, s.idleFlush().plusSeconds(1)));
  }

  /** As above, with the input pausing before each record of {@code pauses} for as long as given. */
  /** An input topic of the driver taking byte arrays, its records stamped by the test. */
  static TestInputTopic<byte[], byte[]> bytesTopic(TopologyTestDriver d, String topic) {
    return d.createInputTopic(
        topic, new ByteArraySerializer(), new ByteArraySerializer(), WALL, Duration.ZERO);
  }

  private static Run run(
      StreamSettings s, List<CollectorRecords.Rec> in, Map<Integer, Duration> pauses) {
    Properties p = WakeupTopology.config("test", "unused:9092", new Properties());
    p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
    try (TopologyTestDriver d = new TopologyTestDriver(WakeupTopology.build(s), p, WALL)) {
      TestInputTopic<byte[], byte[]> input = bytesTopic(d, s.inputTopic());
      TestOutputTopic<String, String> rec =
          d.createOutputTopic(
              s.reconcilesTopic(), new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<String, String> ctl =
          d.createOutputTopic(
              s.controllersTopic(), new StringDeserializer(), new StringDeserializer());
      TreeMap<String, String> latest = new TreeMap<>();
      int sent = 0;
      for (int i = 0; i < in.size(); i++) {
        CollectorRecords.Rec r = in.get(i);
        Duration pause = pauses.get(i);
        if (pause != null) {
          d.advanceWallClockTime(pause);
        }
        input.pipeInput(
            new TestRecord<>(r.key(), r.value(), Instant.ofEpochMilli(r.timestampMillis())));
        if (i % 100 == 99) {
          d.advanceWallClockTime(Duration.ofSeconds(1));
        }
      }
      // the input pauses: held traces are flushed (those missing a parent after the longer wait),
      // then a pass classifies them
      d.advanceWallClockTime(s.idleFlush().plusSeconds(1));
      d.advanceWallClockTime(
          s.idleFlush().multipliedBy(TraceStage.INCOMPLETE_IDLE_FACTOR - 1).plusSeconds(1));
      d.advanceWallClockTime(Duration.ofSeconds(1));
      for (TestRecord<String, String> r : rec.readRecordsToList()) {
        latest.put(r.key(), r.value());
        sent++;
      }
      TreeMap<String, String> controllers = new TreeMap<>();
      for (var kv : ctl.readKeyValuesToList()) {
        controllers.put(kv.key, kv.value);
      }
      StoreWindow read =
          StoreWindow.read(d.<String, byte[]>getKeyValueStore(ControllerStage.STORE), 0);
      long late = ReleasedTraces.lateSpans(d.getKeyValueStore(ReleasedTraces.STORE));
      StoreWindow window = new StoreWindow(read.watermarkNanos(), read.entries(), 0, late);
      TreeMap<String, byte[]> released = new TreeMap<>();
      try (var it = d.<String, byte[]>getKeyValueStore(ReleasedTraces.STORE).all()) {
        it.forEachRemaining(kv -> released.put(kv.key, kv.value));
      }
      return new Run(latest, controllers, sent, window, released);
    }
  }

  /** Equal maps, or a message naming the first differences (not both maps whole). */
  static void assertSame(TreeMap<String, String> want, TreeMap<String, String> got) {
    List<String> diff = new ArrayList<>();
    for (String k : want.keySet()) {
      if (!want.get(k).equals(got.get(k))) {
        diff.add(k + ": want " + want.get(k) + "\n   got " + got.get(k));
      }
    }
    for (String k : got.keySet()) {
      if (!want.containsKey(k)) {
        diff.add(k + ": not in the batch analysis: " + got.get(k));
      }
    }
    assertTrue(
        diff.isEmpty(),
        diff.size()
            + " of "
            + want.size()
            + " differ:\n"
            + String.join("\n", diff.subList(0, Math.min(3, diff.size()))));
  }

  @Test
  void inOrderRecords_giveTheBatchVerdicts() {
    Run r = run(settings(LiveSettings.DEFAULT_WINDOW_NANOS), records);
    assertTrue(batch.size() > 800, "a trace worth replaying: " + batch.size());
    assertSame(batch, r.reconciles());
    assertTrue(r.sent() >= batch.size());
  }

  @Test
  void inputPausedBetweenTwoRecordsOfOneTrace_theTraceStillJoins() {
    int pause = firstSplit(records);
    assertTrue(pause > 0, "a trace exported in two records");
    Run r = run(settings(LiveSettings.DEFAULT_WINDOW_NANOS), records, pause);
    assertSame(batch, r.reconciles());
  }

  /**
   * The input pauses for longer than the idle horizon (an incomplete trace goes after {@link
   * TraceStage#INCOMPLETE_IDLE_FACTOR} idle flushes) before every record that goes on a trace begun
   * in an earlier record: the first part of each such trace is extracted without its reconcile
   * span, which comes after the pause.
   */
  @Test
  void inputPausedLongerThanTheIdleHorizon_insideTraces_stillGivesTheBatchVerdicts() {
    StreamSettings s = settings(LiveSettings.DEFAULT_WINDOW_NANOS);
    Duration longPause =
        s.idleFlush().multipliedBy(TraceStage.INCOMPLETE_IDLE_FACTOR).plusSeconds(1);
    Map<Integer, Duration> pauses = new TreeMap<>();
    for (int i : continuations(records)) {
      pauses.put(i, longPause);
    }
    assertTrue(pauses.size() > 20, "traces exported in several records: " + pauses.size());
    assertSame(batch, run(s, records, pauses).reconciles());
  }

  /**
   * Every record that a later record of the same trace goes on (children exported before their
   * reconcile span) arrives only once the input's trace time is twice the grace period past the end
   * of the trace's last record: the reconcile was extracted without them.
   */
  @Test
  void childrenArrivingBeyondTheGracePeriod_stillGiveTheBatchVerdicts() {
    long grace = LiveSettings.DEFAULT_GRACE_NANOS / 1_000_000;
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      last.put(traceHex(records.get(i)), i);
    }
    // each record goes after the first record 2 × grace past its trace's last record
    TreeMap<Integer, List<CollectorRecords.Rec>> after = new TreeMap<>();
    List<CollectorRecords.Rec> stay = new ArrayList<>();
    int moved = 0;
    for (int i = 0; i < records.size(); i++) {
      CollectorRecords.Rec r = records.get(i);
      int end = last.get(traceHex(r));
      if (end == i) {
        stay.add(r);
        continue;
      }
      long due = records.get(end).timestampMillis() + 2 * grace;
      int j = end;
      while (j < records.size() && records.get(j).timestampMillis() <= due) {
        j++;
      }
      after.computeIfAbsent(j, k -> new ArrayList<>()).add(r);
      stay.add(null);
      moved++;
    }
    List<CollectorRecords.Rec> late = new ArrayList<>();
    for (int i = 0; i <= records.size(); i++) {
      if (i < records.size() && stay.get(i) != null) {
        late.add(stay.get(i));
      }
      late.addAll(after.getOrDefault(i, List.of()));
    }
    assertTrue(moved > 20, "records moved past the grace period: " + moved);
    assertEquals(records.size(), late.size());
    assertSame(batch, run(settings(LiveSettings.DEFAULT_WINDOW_NANOS), late).reconciles());
  }

  /** The records that go on a trace begun in an earlier record. */
  private static List<Integer> continuations(List<CollectorRecords.Rec> in) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      if (!seen.add(traceHex(in.get(i)))) {
        out.add(i);
      }
    }
    return out;
  }

  /** The first record after which a trace whose spans came in an earlier record goes on. */
  private static int firstSplit(List<CollectorRecords.Rec> in) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < in.size(); i++) {
      Integer j = first.putIfAbsent(HexFormat.of().formatHex(in.get(i).key()), i);
      if (j != null && j < i - 1) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void controllerRecords_giveTheBatchControllerResults() {
    Run r = run(settings(LiveSettings.DEFAULT_WINDOW_NANOS), records);
    long end = batchResult.analysis().windowEndNanos();
    assertEquals(batchResult.analysis().controllers().size(), r.controllers().size());
    for (var c : batchResult.analysis().controllers()) {
      String json = r.controllers().get(OutputJson.controllerKey(c.operator(), c.controller()));
      String want = OutputJson.controller(c, end);
      // the watermark is the latest span end seen, the batch window's end
      assertEquals(want, json);
    }
  }

  @Test
  void storeQueriedAfterTheRun_holdsEveryReconcile_andItsViewIsTheBatchAnalysis() throws Exception {
    StreamSettings s = settings(LiveSettings.DEFAULT_WINDOW_NANOS);
    Run r = run(s, records);
    StoreWindow w = r.window();
    assertEquals(batch.keySet(), keys(w.reconciles()), "the store holds each reconcile once");
    assertEquals(batchResult.analysis().windowEndNanos(), w.watermarkNanos());
    // what the interactive query answers: serve's view, the batch analysis of the store
    var view = w.view(s.live());
    TreeMap<String, String> verdicts = new TreeMap<>();
    for (var cr : view.analysis().reconciles()) {
      verdicts.put(OutputJson.reconcileKey(cr.reconcile()), OutputJson.reconcile(cr));
    }
    assertSame(batch, verdicts);
    assertEquals(SummaryOperators.of(batchResult.analysis()), SummaryOperators.of(view.analysis()));
    // through JSON, as a peer instance receives it
    StoreWindow copy = Codec.read(Codec.write(w), StoreWindow.class);
    assertEquals(w, copy);
    assertEquals(w, copy.merge(w), "a window merged with itself counts each entry once");
  }

  private static java.util.Set<String> keys(List<io.github.wakeupanalyze.model.Reconcile> rs) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (var rc : rs) {
      assertTrue(out.add(OutputJson.reconcileKey(rc)), "twice: " + rc);
    }
    return out;
  }

  @Test
  void outOfOrderRecords_withinTheGracePeriod_giveTheSameVerdicts() {
    // shuffle within blocks of 4 records (a few seconds of trace time, less than the 10 s grace),
    // so a trace's later export arrives before its earlier one and traces interleave
    List<CollectorRecords.Rec> shuffled = new ArrayList<>();
    Random rnd = new Random(7);
    for (int i = 0; i < records.size(); i += 4) {
      List<CollectorRecords.Rec> block =
          new ArrayList<>(records.subList(i, Math.min(records.size(), i + 4)));
      Collections.shuffle(block, rnd);
      shuffled.addAll(block);
    }
    assertFalse(shuffled.equals(records));
    assertSame(batch, run(settings(LiveSettings.DEFAULT_WINDOW_NANOS), shuffled).reconciles());
  }

  @Test
  void redeliveredRecords_areCountedOnce() {
    List<CollectorRecords.Rec> twice = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      twice.add(records.get(i));
      if (i % 7 == 0) {
        twice.add(records.get(i));
      }
    }
    assertSame(batch, run(settings(LiveSettings.DEFAULT_WINDOW_NANOS), twice).reconciles());
  }

  private static String traceHex(CollectorRecords.Rec r) {
    return String.format("%032x", new java.math.BigInteger(1, r.key()));
  }

  @Test
  void lateRecord_olderThanTheWindow_isDropped() {
    // a short window; an early trace that is one record with one reconcile is delivered at the
    // very end, when the watermark is a whole window past its reconcile
    long window = 5 * 60_000_000_000L;
    int pick = -1;
    String want = null;
    for (int i = 0; i < records.size() && pick < 0; i++) {
      String t = traceHex(records.get(i));
      List<String> keys = batch.keySet().stream().filter(k -> k.startsWith(t + "/")).toList();
      long sameTrace = records.stream().filter(r -> traceHex(r).equals(t)).count();
      if (keys.size() == 1 && sameTrace == 1) {
        pick = i;
        want = keys.get(0);
      }
    }
    assertTrue(pick >= 0 && pick < 50, "an early single-record trace: " + pick);
    List<CollectorRecords.Rec> late = new ArrayList<>(records);
    late.add(late.remove(pick));
    Run inOrder = run(settings(window), records);
    Run withLate = run(settings(window), late);
    Map<String, String> missing = new TreeMap<>(inOrder.reconciles());
    missing.keySet().removeAll(withLate.reconciles().keySet());
    assertEquals(List.of(want), List.copyOf(missing.keySet()), "exactly the late reconcile");
    assertTrue(withLate.reconciles().keySet().stream().allMatch(inOrder.reconciles()::containsKey));
  }

  @Test
  void spansPastTheRetention_areCountedNotJoined_andReleasedTracesLeaveTheStore() {
    // the window (and so the retention of released traces) is 5 minutes of a 30-minute trace; an
    // early trace's record comes again at the very end
    long window = 5 * 60_000_000_000L;
    int pick = -1;
    for (int i = 0; i < records.size() && pick < 0; i++) {
      String t = traceHex(records.get(i));
      if (batch.keySet().stream().anyMatch(k -> k.startsWith(t + "/"))) {
        pick = i;
      }
    }
    assertTrue(pick >= 0 && pick < 50, "an early trace with a reconcile: " + pick);
    String trace = traceHex(records.get(pick));
    List<CollectorRecords.Rec> again = new ArrayList<>(records);
    again.add(records.get(pick));
    Run r = run(settings(window), again);
    Run inOrder = run(settings(window), records);

    assertEquals(inOrder.reconciles(), r.reconciles(), "the late copy changes no verdict");
    TreeMap<String, byte[]> kept = r.released();
    long spans = CollectorRecords.spanCount(records.get(pick));
    assertEquals(
        spans,
        Codec.read(kept.get(ReleasedTraces.LATE_SPANS), Long.class),
        "each span of the late record counted");
    assertEquals(spans, r.window().view(settings(window).live()).counts().orphanSpans());
    assertEquals(0, inOrder.window().lateSpans());
    long horizon = r.window().watermarkNanos() - window;
    int traces = 0;
    int keptSpans = 0;
    for (Map.Entry<String, byte[]> e : kept.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("#")) {
        traces++;
        long end = Codec.read(e.getValue(), Long.class);
        assertTrue(end >= horizon, "kept past the retention: " + k);
      } else if (!k.equals(ReleasedTraces.LATE_SPANS)) {
        String t = k.substring(0, k.indexOf('/'));
        assertTrue(kept.containsKey("#" + t), "a span kept without its trace: " + k);
        assertFalse(t.equals(trace), "the late trace is not kept");
        keptSpans++;
      }
    }
    long all = records.stream().map(TopologyTest::traceHex).distinct().count();
    assertTrue(traces > 0 && traces < all / 2, traces + " of " + all + " traces kept");
    assertTrue(keptSpans > traces, "their spans kept with them: " + keptSpans);
  }

  @Test
  void undecodableRecord_isSkipped_andTheRestAnalysed() {
    List<CollectorRecords.Rec> bad = new ArrayList<>(records);
    bad.add(5, new CollectorRecords.Rec(new byte[] {1}, new byte[] {(byte) 0xff, 0x7f, 1}, 0));
    assertSame(batch, run(settings(LiveSettings.DEFAULT_WINDOW_NANOS), bad).reconciles());
  }
}
