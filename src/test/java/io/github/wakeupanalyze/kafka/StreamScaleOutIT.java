package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.pipeline.Pipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated fleet (three operators, 2,100 objects) as the Collector exports it, through two
 * application instances on a real KRaft broker on loopback; one instance is a separate JVM that is
 * killed (SIGKILL) mid-stream and restarted. The output equals the batch analysis of the same
 * spans: every reconcile once (by key), with the batch verdict.
 */
class StreamScaleOutIT {
  static final Path FLEET = Path.of("src/test/resources/kafka/fleet.yaml");
  static final int PARTITIONS = 4;

  @TempDir static Path dir;
  static TestBroker broker;
  static List<CollectorRecords.Rec> records;
  static TreeMap<String, String> batch;
  static long spans;

  @BeforeAll
  static void start() throws Exception {
    broker = new TestBroker(dir.resolve("broker"));
    Path trace = CollectorRecords.simulate(FLEET, 0, 0, dir);
    records = CollectorRecords.records(trace);
    Pipeline.Result b = CollectorRecords.analyze(trace);
    batch = CollectorRecords.verdicts(b);
    spans = b.extraction().spans();
  }

  /** The instances started as processes, killed at the end whatever happened. */
  static final List<Process> PROCESSES = new ArrayList<>();

  @AfterAll
  static void stop() throws Exception {
    for (Process p : PROCESSES) {
      p.destroyForcibly().waitFor();
    }
    if (broker != null) {
      broker.close();
    }
  }

  static Properties config(String appId, Path state) {
    Properties p = new Properties();
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    p.put("session.timeout.ms", "6000");
    p.put("heartbeat.interval.ms", "1000");
    return WakeupTopology.config(appId, broker.bootstrap(), p);
  }

  static Process startInstance(Path props, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "io.github.wakeupanalyze.Main",
            "stream",
            "--config",
            props.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  static void awaitLine(Path log, String text, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no \"" + text + "\" in " + Files.readString(log));
  }

  static void produce(
      KafkaProducer<byte[], byte[]> p, String topic, List<CollectorRecords.Rec> rs) {
    for (CollectorRecords.Rec r : rs) {
      p.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), r.key(), r.value()));
    }
    p.flush();
  }

  /** Reads the output until every batch reconcile is there and nothing changed for a while. */
  static TestBroker.Seen drain(
      KafkaConsumer<String, String> c,
      TestBroker.Seen seen,
      int want,
      Duration quiet,
      Duration max) {
    long end = System.currentTimeMillis() + max.toMillis();
    while (System.currentTimeMillis() < end) {
      for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
        seen.add(r, System.currentTimeMillis());
      }
      if (seen.latest.size() >= want
          && System.currentTimeMillis() - seen.lastChangeMillis > quiet.toMillis()) {
        break;
      }
    }
    return seen;
  }

  /** Waits until an in-process instance's log says it runs. */
  static void awaitRunning(StringWriter log) throws InterruptedException {
    long end = System.currentTimeMillis() + 60_000;
    while (!log.toString().contains("-> RUNNING") && System.currentTimeMillis() < end) {
      Thread.sleep(100);
    }
  }

  static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void twoInstances_oneKilledAndRestarted_giveTheBatchAnalysis() throws Exception {
    String in = "otlp_spans";
    broker.createTopics(PARTITIONS, in, "wakeup.reconciles", "wakeup.controllers");
    StringWriter logA = new StringWriter();
    Path propsB = dir.resolve("b.properties");
    Properties b = config("fleet", dir.resolve("state-b"));
    try (var w = Files.newBufferedWriter(propsB, StandardCharsets.UTF_8)) {
      b.store(w, "instance B");
    }
    Path logB = dir.resolve("b.log");
    assertTrue(spans > 25_000 && batch.size() > 10_000, spans + " spans, " + batch.size());
    int half = records.size() / 2;
    try (StreamRunner a =
            new StreamRunner(
                StreamSettings.defaults(),
                config("fleet", dir.resolve("state-a")),
                new PrintWriter(logA, true));
        KafkaProducer<byte[], byte[]> producer = broker.producer();
        KafkaConsumer<String, String> out = broker.consumer("wakeup.reconciles", "check")) {
      a.start();
      Process pb = startInstance(propsB, logB);
      PROCESSES.add(pb);
      awaitLine(logB, "-> RUNNING", Duration.ofSeconds(60));
      produce(producer, in, records.subList(0, half));
      TestBroker.Seen seen = new TestBroker.Seen();
      drain(out, seen, batch.size() / 4, Duration.ofSeconds(60), Duration.ofSeconds(60));
      assertTrue(
          seen.latest.size() > 0,
          "output before the kill; A: " + logA + "\nB: " + Files.readString(logB));
      int rebalancesBefore = count(logA.toString(), "took");
      pb.destroyForcibly().waitFor();
      long killed = System.currentTimeMillis();
      System.out.printf(
          Locale.ROOT, "scale-out: killed B after %d reconciles seen%n", seen.latest.size());
      produce(producer, in, records.subList(half, records.size()));
      // A takes B's partitions once B's session times out, then B comes back
      long deadline = System.currentTimeMillis() + 30_000;
      while (count(logA.toString(), "took") == rebalancesBefore
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(3_000);
      long restarted = System.currentTimeMillis();
      Process pb2 = startInstance(propsB, logB);
      PROCESSES.add(pb2);
      awaitLine(logB, "(rebalance and restore took", Duration.ofSeconds(60));
      drain(out, seen, batch.size(), Duration.ofSeconds(12), Duration.ofSeconds(90));
      pb2.destroy();
      pb2.waitFor();
      System.out.printf(
          Locale.ROOT,
          "scale-out: %d spans, %d reconciles expected, %d seen, %d output records;"
              + " B killed at +0 s, restarted at +%.1f s%n",
          spans,
          batch.size(),
          seen.latest.size(),
          seen.records,
          (restarted - killed) / 1e3);
      System.out.println("scale-out: instance A:\n" + logA.toString().strip());
      System.out.println(
          "scale-out: instance B:\n"
              + String.join(
                  "\n",
                  Files.readAllLines(logB).stream().filter(l -> l.startsWith("stream:")).toList()));
      assertEquals(KafkaStreams.State.RUNNING, a.streams().state());
      TopologyTest.assertSame(batch, seen.latest);
    }
  }
}
