package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Replay;
import io.github.wakeupanalyze.testing.WebhookBatches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
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
 * The API server's audit log on a topic of its own ({@code --audit-topic}) beside a 10 %
 * head-sampled trace: the latest verdict per reconcile is the batch verdict of {@code analyze trace
 * audit.log}, with the audit events arriving in batches half a minute behind the trace, as the API
 * server's webhook sends them (here through a bridge that writes each batch as one record).
 */
class TopologyAuditTest {
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir static Path dir;
  static List<CollectorRecords.Rec> records;
  static WebhookBatches audit;
  static TreeMap<String, String> withLog;
  static TreeMap<String, String> traceAlone;

  @BeforeAll
  static void simulate() throws Exception {
    SimulationRun.Written w =
        SimulationRun.write(
            ScenarioLoader.load(Replay.PERCONA_SAMPLED_AUDIT).withDuration(40 * 60_000_000_000L),
            OutputFormat.OTLP_PROTO_DELIMITED,
            dir,
            "audit");
    records = CollectorRecords.records(w.trace());
    audit = WebhookBatches.of(w.audit());
    withLog = CollectorRecords.verdicts(Replay.analyze(w.trace(), w.audit()));
    traceAlone = CollectorRecords.verdicts(Replay.analyze(w.trace()));
  }

  private static StreamSettings settings(String auditTopic) {
    return new StreamSettings(
        LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS),
        "otlp_spans",
        Encoding.OTLP_PROTO,
        auditTopic,
        "wakeup.",
        Duration.ofSeconds(1),
        Duration.ofSeconds(5));
  }

  /** The latest verdict per reconcile after the records, with audit events late when given. */
  private static TreeMap<String, String> run(StreamSettings s, boolean sendAudit) {
    Properties p = WakeupTopology.config("test", "unused:9092", new Properties());
    p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + sendAudit).toString());
    try (TopologyTestDriver d = new TopologyTestDriver(WakeupTopology.build(s), p, WALL)) {
      TestInputTopic<byte[], byte[]> input =
          d.createInputTopic(
              s.inputTopic(),
              new ByteArraySerializer(),
              new ByteArraySerializer(),
              WALL,
              Duration.ZERO);
      TestInputTopic<byte[], byte[]> auditTopic =
          s.auditTopic() == null
              ? null
              : d.createInputTopic(
                  s.auditTopic(),
                  new ByteArraySerializer(),
                  new ByteArraySerializer(),
                  WALL,
                  Duration.ZERO);
      if (sendAudit) {
        // a broken record (a bridge cut it short) is skipped with one line; the rest is read
        auditTopic.pipeInput(
            new TestRecord<>(
                null,
                "{\"kind\":\"EventList\",\"items\":[{\"audit".getBytes(StandardCharsets.UTF_8),
                WALL));
      }
      int next = 0;
      for (int i = 0; i < records.size(); i++) {
        CollectorRecords.Rec r = records.get(i);
        input.pipeInput(
            new TestRecord<>(r.key(), r.value(), Instant.ofEpochMilli(r.timestampMillis())));
        long now = r.timestampMillis() * 1_000_000L;
        while (sendAudit
            && next < audit.batches().size()
            && audit.batches().get(next).sendNanos() <= now) {
          send(auditTopic, audit.batches().get(next++));
        }
        if (i % 100 == 99) {
          d.advanceWallClockTime(Duration.ofSeconds(1));
        }
      }
      while (sendAudit && next < audit.batches().size()) {
        send(auditTopic, audit.batches().get(next++));
      }
      d.advanceWallClockTime(s.idleFlush().plusSeconds(1));
      d.advanceWallClockTime(
          s.idleFlush().multipliedBy(TraceStage.INCOMPLETE_IDLE_FACTOR - 1).plusSeconds(1));
      d.advanceWallClockTime(Duration.ofSeconds(1));
      TestOutputTopic<String, String> out =
          d.createOutputTopic(
              s.reconcilesTopic(), new StringDeserializer(), new StringDeserializer());
      TreeMap<String, String> latest = new TreeMap<>();
      for (TestRecord<String, String> r : out.readRecordsToList()) {
        latest.put(r.key(), r.value());
      }
      return latest;
    }
  }

  /** One batch as one record, stamped when the webhook sent it. */
  private static void send(TestInputTopic<byte[], byte[]> topic, WebhookBatches.Batch b) {
    topic.pipeInput(
        new TestRecord<>(null, b.body(), Instant.ofEpochMilli(b.sendNanos() / 1_000_000L)));
  }

  @Test
  void auditTopicHalfAMinuteLate_andABrokenRecord_giveTheBatchVerdictsOfTraceAndLog() {
    assertEquals(withLog.keySet(), traceAlone.keySet());
    assertNotEquals(withLog, traceAlone, "on this run the log changes verdicts");
    TopologyTest.assertSame(withLog, run(settings("k8s_audit"), true));
  }

  @Test
  void withoutTheAuditTopic_theVerdictsAreThoseOfTheTraceAlone() {
    TreeMap<String, String> alone = run(settings(null), false);
    assertTrue(alone.size() > 100, "reconciles: " + alone.size());
    TopologyTest.assertSame(traceAlone, alone);
  }
}
