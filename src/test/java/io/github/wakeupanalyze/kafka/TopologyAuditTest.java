package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.testing.WebhookBatches;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.TreeMap;
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
  static final Instant WALL = TopologyTest.WALL;

  @TempDir static Path dir;
  static AuditedRun run;

  @BeforeAll
  static void simulate() throws Exception {
    run = AuditedRun.simulate(dir);
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
  private static TreeMap<String, String> verdicts(StreamSettings s, boolean sendAudit) {
    Properties p = WakeupTopology.config("test", "unused:9092", new Properties());
    p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + sendAudit).toString());
    try (TopologyTestDriver d = new TopologyTestDriver(WakeupTopology.build(s), p, WALL)) {
      TestInputTopic<byte[], byte[]> input = TopologyTest.bytesTopic(d, s.inputTopic());
      TestInputTopic<byte[], byte[]> auditTopic =
          s.auditTopic() == null ? null : TopologyTest.bytesTopic(d, s.auditTopic());
      if (sendAudit) {
        // a broken record (a bridge cut it short) is skipped with one line; the rest is read
        auditTopic.pipeInput(new TestRecord<>(null, AuditedRun.BROKEN, WALL));
      }
      int[] piped = {0};
      run.inSendingOrder(
          r -> {
            input.pipeInput(
                new TestRecord<>(r.key(), r.value(), Instant.ofEpochMilli(r.timestampMillis())));
            if (++piped[0] % 100 == 0) {
              d.advanceWallClockTime(Duration.ofSeconds(1));
            }
          },
          b -> {
            if (sendAudit) {
              send(auditTopic, b);
            }
          });
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
    assertEquals(run.withLog().keySet(), run.traceAlone().keySet());
    assertNotEquals(run.withLog(), run.traceAlone(), "on this run the log changes verdicts");
    TopologyTest.assertSame(run.withLog(), verdicts(settings("k8s_audit"), true));
  }

  @Test
  void withoutTheAuditTopic_theVerdictsAreThoseOfTheTraceAlone() {
    TreeMap<String, String> alone = verdicts(settings(null), false);
    assertTrue(alone.size() > 100, "reconciles: " + alone.size());
    TopologyTest.assertSame(run.traceAlone(), alone);
  }
}
