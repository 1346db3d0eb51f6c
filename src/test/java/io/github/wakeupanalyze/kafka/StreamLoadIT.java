package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.pipeline.Pipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load test on a KRaft broker on loopback: the simulated fleet's records as a backlog,
 * drained by one and then by two instances (sustained spans/s from start to the last verdict); then
 * the fleet replayed at ten times trace speed to one running instance (produce-to-output latency,
 * median and p99); broker and store sizes. Prints the figures; asserts only that every reconcile
 * came out with the batch verdict.
 */
class StreamLoadIT {
  static final int PARTITIONS = 4;

  @TempDir static Path dir;
  static TestBroker broker;
  static List<CollectorRecords.Rec> records;
  static TreeMap<String, String> batch;
  static long spans;
  static long traceNanos;

  @BeforeAll
  static void start() throws Exception {
    broker = new TestBroker(dir.resolve("broker"));
    Path trace = CollectorRecords.simulate(StreamScaleOutIT.FLEET, 0, 0, dir);
    records = CollectorRecords.records(trace);
    Pipeline.Result b = CollectorRecords.analyze(trace);
    batch = CollectorRecords.verdicts(b);
    spans = b.extraction().spans();
    traceNanos = b.analysis().windowEndNanos() - b.analysis().windowStartNanos();
    StreamScaleOutIT.broker = broker;
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  private static double drainWith(int instances, String input) throws Exception {
    String app = "load" + instances;
    broker.createTopics(PARTITIONS, app + ".reconciles", app + ".controllers");
    StreamSettings s =
        new StreamSettings(
            StreamSettings.defaults().live(),
            input,
            Encoding.OTLP_PROTO,
            null,
            app + ".",
            Duration.ofSeconds(1),
            Duration.ofSeconds(3));
    List<StreamRunner> runners = new ArrayList<>();
    StringWriter log = new StringWriter();
    long startMillis = System.currentTimeMillis();
    try (KafkaConsumer<String, String> out = broker.consumer(app + ".reconciles", "check-" + app)) {
      for (int i = 0; i < instances; i++) {
        StreamRunner r =
            new StreamRunner(
                s,
                StreamScaleOutIT.config(app, dir.resolve("state-" + app + "-" + i)),
                new PrintWriter(log, true));
        runners.add(r);
        r.start();
      }
      TestBroker.Seen seen = new TestBroker.Seen();
      StreamScaleOutIT.drain(
          out, seen, batch.size(), Duration.ofSeconds(1), Duration.ofSeconds(300));
      double secs = (seen.lastChangeMillis - startMillis) / 1e3;
      long entries = 0;
      for (StreamRunner r : runners) {
        for (String store : List.of(TraceStage.STORE, ControllerStage.STORE)) {
          entries +=
              r.streams()
                  .store(
                      StoreQueryParameters.fromNameAndType(
                          store, QueryableStoreTypes.<String, byte[]>keyValueStore()))
                  .approximateNumEntries();
        }
      }
      long diskBytes = 0;
      for (int i = 0; i < instances; i++) {
        diskBytes += bytesUnder(dir.resolve("state-" + app + "-" + i));
      }
      System.out.printf(
          Locale.ROOT,
          "load: %d instance(s), %d partitions: %d spans, %d reconciles in %.1f s = %.0f spans/s;"
              + " %d output records; %d store entries, %.1f MB of RocksDB state on disk%n",
          instances,
          PARTITIONS,
          spans,
          seen.latest.size(),
          secs,
          spans / secs,
          seen.records,
          entries,
          diskBytes / 1e6);
      TopologyTest.assertSame(batch, seen.latest);
      return spans / secs;
    } finally {
      for (StreamRunner r : runners) {
        r.close();
      }
    }
  }

  /** Bytes of the files under {@code dir} (0 when it does not exist). */
  static long bytesUnder(Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return 0;
    }
    try (var files = java.nio.file.Files.walk(dir)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  @Test
  void backlog_oneAndTwoInstances_thenLatencyAtTenTimesTraceSpeed() throws Exception {
    broker.createTopics(PARTITIONS, "load_in", "lat_in", "lat.reconciles", "lat.controllers");
    try (KafkaProducer<byte[], byte[]> p = broker.producer()) {
      StreamScaleOutIT.produce(p, "load_in", records);
    }
    double one = drainWith(1, "load_in");
    double two = drainWith(2, "load_in");
    assertTrue(one > 0 && two > 0);

    StreamSettings s =
        new StreamSettings(
            StreamSettings.defaults().live(),
            "lat_in",
            Encoding.OTLP_PROTO,
            null,
            "lat.",
            Duration.ofSeconds(1),
            Duration.ofSeconds(3));
    StringWriter log = new StringWriter();
    try (StreamRunner r =
            new StreamRunner(
                s,
                StreamScaleOutIT.config("lat", dir.resolve("state-lat")),
                new PrintWriter(log, true));
        KafkaProducer<byte[], byte[]> p = broker.producer();
        KafkaConsumer<String, String> out = broker.consumer("lat.reconciles", "check-lat")) {
      r.start();
      StreamScaleOutIT.awaitRunning(log);
      TestBroker.Seen seen = new TestBroker.Seen();
      long first = records.get(0).timestampMillis();
      long wall0 = System.currentTimeMillis();
      for (CollectorRecords.Rec rec : records) {
        long due = wall0 + (rec.timestampMillis() - first) / 10;
        while (System.currentTimeMillis() < due) {
          for (var o : out.poll(Duration.ofMillis(Math.max(1, due - System.currentTimeMillis())))) {
            seen.add(o, System.currentTimeMillis());
          }
        }
        p.send(
            new ProducerRecord<>(
                "lat_in", null, System.currentTimeMillis(), rec.key(), rec.value()));
      }
      p.flush();
      StreamScaleOutIT.drain(
          out, seen, batch.size(), Duration.ofSeconds(2), Duration.ofSeconds(240));
      List<Long> lat = new ArrayList<>(seen.latenciesMillis);
      Collections.sort(lat);
      System.out.printf(
          Locale.ROOT,
          "load: latency at 10x trace speed (%.0f spans/s offered), produce to first verdict:"
              + " median %d ms, p99 %d ms over %d reconciles%n",
          spans / (traceNanos / 1e9 / 10),
          lat.get(lat.size() / 2),
          lat.get((int) Math.min(lat.size() - 1, Math.round(lat.size() * 0.99))),
          lat.size());
      TopologyTest.assertSame(batch, seen.latest);
    }
    System.out.println("load: broker bytes per topic: " + broker.topicSizes());
  }
}
