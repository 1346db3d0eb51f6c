package io.github.wakeupanalyze.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.serve.ViewServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
  static Path trace;

  @BeforeAll
  static void start() throws Exception {
    broker = new TestBroker(dir.resolve("broker"));
    trace = CollectorRecords.simulate(FLEET, 0, 0, dir);
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
            props.toString(),
            "--http-port",
            "0");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  static void awaitLine(Path log, String text, Duration timeout) throws Exception {
    awaitLine(log, 0, text, timeout);
  }

  /** Waits until {@code text} appears in {@code log} past its first {@code from} characters. */
  static void awaitLine(Path log, int from, String text, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).indexOf(text, from) >= 0) {
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

  static Properties with(Properties p, String key, String value) {
    p.put(key, value);
    return p;
  }

  /** The port of the last "HTTP API on HOST:PORT" line of an instance's log. */
  static int lastPort(Path log) throws Exception {
    String marker = "HTTP API on 127.0.0.1:";
    String text = Files.readString(log);
    int at = text.lastIndexOf(marker) + marker.length();
    return Integer.parseInt(text.substring(at, text.indexOf('\n', at)).strip());
  }

  /**
   * A GET on loopback, retried while the view is unavailable (503, a rebalance) for up to 180 s.
   */
  static String get(int port, String path) throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    long end = System.currentTimeMillis() + 180_000;
    while (true) {
      HttpResponse<String> r = c.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return r.body();
      }
      if (r.statusCode() != 503 || System.currentTimeMillis() > end) {
        throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
      }
      Thread.sleep(500);
    }
  }

  /** The reconciles of a summary.json's operators. */
  static int windowReconciles(String summary) throws Exception {
    int n = 0;
    for (var op : new ObjectMapper().readTree(summary).get("operators")) {
      n += op.get("reconciles").asInt();
    }
    return n;
  }

  /** The batch reconciles not seen, counted by controller and its partition of the repartition. */
  static TreeMap<String, Integer> missing(TreeMap<String, String> want, TreeMap<String, String> got)
      throws Exception {
    TreeMap<String, Integer> out = new TreeMap<>();
    ObjectMapper m = new ObjectMapper();
    for (Map.Entry<String, String> e : want.entrySet()) {
      if (!got.containsKey(e.getKey())) {
        var j = m.readTree(e.getValue());
        String op = j.get("operator").asText();
        String c = j.get("controller").asText();
        out.merge(Routing.partition(op, c, PARTITIONS) + " " + op + "/" + c, 1, Integer::sum);
      }
    }
    return out;
  }

  /** The partitions of the controller stage (second sub-topology) an instance runs actively. */
  static Set<Integer> controllerPartitions(KafkaStreams streams) {
    Set<Integer> out = new TreeSet<>();
    for (var t : streams.metadataForLocalThreads()) {
      for (var task : t.activeTasks()) {
        if (task.taskId().subtopology() == 1) {
          out.add(task.taskId().partition());
        }
      }
    }
    return out;
  }

  /** The batch reconciles whose controller is on one of {@code partitions}. */
  static int reconcilesOn(TreeMap<String, String> batch, Set<Integer> partitions) throws Exception {
    ObjectMapper m = new ObjectMapper();
    int n = 0;
    for (String v : batch.values()) {
      var j = m.readTree(v);
      if (partitions.contains(
          Routing.partition(
              j.get("operator").asText(), j.get("controller").asText(), PARTITIONS))) {
        n++;
      }
    }
    return n;
  }

  /** The sum of the samples of a Prometheus text exposition whose lines start with {@code name}. */
  static long sampleSum(String exposition, String name) {
    double sum = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Math.round(sum);
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
    StreamQueries queries = new StreamQueries(StreamSettings.defaults());
    Properties configA = config("fleet", dir.resolve("state-a"));
    try (ViewServer api =
            ViewServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                "test",
                queries::view,
                queries::running,
                Map.of(StreamQueries.WINDOW_PATH, queries::windowJson));
        StreamRunner a =
            new StreamRunner(
                StreamSettings.defaults(),
                with(configA, StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + api.port()),
                new PrintWriter(logA, true));
        KafkaProducer<byte[], byte[]> producer = broker.producer();
        KafkaConsumer<String, String> out = broker.consumer("wakeup.reconciles", "check")) {
      queries.attach(a.streams(), "127.0.0.1:" + api.port());
      a.start();
      Process pb = startInstance(propsB, logB);
      PROCESSES.add(pb);
      awaitLine(logB, "-> RUNNING", Duration.ofSeconds(180));
      produce(producer, in, records.subList(0, half));
      TestBroker.Seen seen = new TestBroker.Seen();
      // generous bounds: the machine running the tests may be loaded many times over
      drain(out, seen, batch.size() / 4, Duration.ofSeconds(2), Duration.ofSeconds(180));
      assertTrue(
          seen.latest.size() > 0,
          "output before the kill; A: " + logA + "\nB: " + Files.readString(logB));
      int rebalancesBefore = count(logA.toString(), "took");
      pb.destroyForcibly().waitFor();
      long killed = System.currentTimeMillis();
      int atKill = logA.toString().length();
      System.out.printf(
          Locale.ROOT, "scale-out: killed B after %d reconciles seen%n", seen.latest.size());
      produce(producer, in, records.subList(half, records.size()));
      // A takes B's partitions once B's session times out, then B comes back
      long deadline = System.currentTimeMillis() + 30_000;
      while (count(logA.toString(), "took") == rebalancesBefore
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      long restarted = System.currentTimeMillis();
      int beforeRestart = Files.readString(logB).length();
      Process pb2 = startInstance(propsB, logB);
      PROCESSES.add(pb2);
      awaitLine(logB, beforeRestart, "(rebalance and restore took", Duration.ofSeconds(180));
      drain(out, seen, batch.size(), Duration.ofSeconds(20), Duration.ofSeconds(300));
      System.out.println("scale-out: missing after the restart: " + missing(batch, seen.latest));
      // interactive queries: each instance's own partitions, and the combined view from A
      String all = get(api.port(), "/api/v1/summary?scope=all");
      // A's own view is that of the controllers on the partitions it runs, read while they stay
      Set<Integer> partitionsOfA = controllerPartitions(a.streams());
      String ownA = get(api.port(), "/api/v1/summary");
      for (int i = 0; i < 20 && !partitionsOfA.equals(controllerPartitions(a.streams())); i++) {
        partitionsOfA = controllerPartitions(a.streams());
        ownA = get(api.port(), "/api/v1/summary");
      }
      String ownB = get(lastPort(logB), "/api/v1/summary");
      String metricsA = get(api.port(), "/metrics");
      String metricsB = get(lastPort(logB), "/metrics");
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
      String restoredA = logA.toString().substring(atKill);
      assertTrue(
          restoredA.contains("restored object-windows partition"),
          "A restored the killed instance's windows from their changelogs: " + logA);
      int inA = windowReconciles(ownA);
      int inB = windowReconciles(ownB);
      System.out.printf(
          Locale.ROOT,
          "scale-out: interactive queries: A's partitions %d reconciles, B's %d, combined %d%n",
          inA,
          inB,
          windowReconciles(all));
      assertEquals(batch.size(), inA + inB, "the instances' own views partition the window");
      assertEquals(
          reconcilesOn(batch, partitionsOfA),
          inA,
          "A's own view: the reconciles of the controllers on its partitions " + partitionsOfA);
      assertEquals(batch.size(), windowReconciles(all));
      assertEquals(
          SummaryOperators.of(CollectorRecords.analyze(trace).analysis()),
          SummaryOperators.of(all),
          "the combined summary is the batch analysis");
      assertEquals(
          batch.size(),
          sampleSum(metricsA, "wakeup_window_reconciles{")
              + sampleSum(metricsB, "wakeup_window_reconciles{"),
          "each instance's gauges cover its partitions, together the window:\n"
              + metricsA
              + metricsB);
    }
  }
}
