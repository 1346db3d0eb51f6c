package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --audit-topic} on a real KRaft broker on loopback: a 10 % head-sampled Percona-like run
 * (40 min) on a topic of four partitions, and the API server's audit log on a topic of two, in the
 * webhook's 10 s batches sent half a minute behind the trace with a broken record among them, read
 * by two instances. The latest verdict per reconcile is the batch verdict of {@code analyze trace
 * audit.log}, which on this run differs from that of the trace alone.
 */
class StreamAuditIT {
  static final int PARTITIONS = 4;
  static final String TRACES = "sampled_spans";
  static final String AUDIT = "k8s_audit";
  static final String APP = "audited";

  @TempDir static Path dir;
  static TestBroker broker;
  static AuditedRun run;

  @BeforeAll
  static void start() throws Exception {
    broker = new TestBroker(dir.resolve("broker"));
    StreamScaleOutIT.broker = broker;
    run = AuditedRun.simulate(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * The trace records stamped with their trace time, and each audit batch as one record stamped
   * when the webhook sent it, in sending order, after a broken audit record.
   */
  static void produce(KafkaProducer<byte[], byte[]> p) {
    long first = run.records().get(0).timestampMillis();
    p.send(new ProducerRecord<>(AUDIT, null, first, null, AuditedRun.BROKEN));
    run.inSendingOrder(
        r -> p.send(new ProducerRecord<>(TRACES, null, r.timestampMillis(), r.key(), r.value())),
        b -> p.send(new ProducerRecord<>(AUDIT, null, b.sendNanos() / 1_000_000L, null, b.body())));
    p.flush();
  }

  @Test
  void twoInstances_auditTopicHalfAMinuteLate_giveTheBatchVerdictsOfTraceAndLog() throws Exception {
    TreeMap<String, String> withLog = run.withLog();
    assertEquals(withLog.keySet(), run.traceAlone().keySet());
    assertNotEquals(withLog, run.traceAlone(), "on this run the log changes verdicts");
    broker.createTopics(PARTITIONS, TRACES, APP + ".reconciles", APP + ".controllers");
    broker.createTopics(2, AUDIT);
    try (KafkaProducer<byte[], byte[]> p = broker.producer()) {
      produce(p);
    }
    StreamSettings s =
        new StreamSettings(
            LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS),
            TRACES,
            Encoding.OTLP_PROTO,
            AUDIT,
            APP + ".",
            Duration.ofSeconds(1),
            Duration.ofSeconds(3));
    List<StreamRunner> runners = new ArrayList<>();
    StringWriter log = new StringWriter();
    PrintStream stderr = System.err;
    ByteArrayOutputStream skipped = new ByteArrayOutputStream();
    System.setErr(
        new PrintStream(new TeeOutputStream(stderr, skipped), true, StandardCharsets.UTF_8));
    try (KafkaConsumer<String, String> out = broker.consumer(APP + ".reconciles", "check")) {
      for (int i = 0; i < 2; i++) {
        StreamRunner r =
            new StreamRunner(
                s,
                StreamScaleOutIT.config(APP, dir.resolve("state-" + i)),
                new PrintWriter(log, true));
        runners.add(r);
        r.start();
      }
      TestBroker.Seen seen = new TestBroker.Seen();
      StreamScaleOutIT.drain(
          out, seen, withLog.size(), Duration.ofSeconds(5), Duration.ofSeconds(240));
      TopologyTest.assertSame(withLog, seen.latest);
    } finally {
      for (StreamRunner r : runners) {
        r.close();
      }
      System.setErr(stderr);
    }
    List<String> lines =
        skipped
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("stream: skipped a record of " + AUDIT))
            .toList();
    assertEquals(1, lines.size(), "one line for the broken record: " + lines);
    assertTrue(lines.get(0).contains("not Kubernetes audit events"), lines.get(0));
  }

  /** Writes to two streams. */
  static final class TeeOutputStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeOutputStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
