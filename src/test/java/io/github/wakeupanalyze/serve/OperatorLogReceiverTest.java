package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.SimulatedLog;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code serve} takes the operators' own logs as a Collector's {@code filelog} pipeline exports
 * them (OTLP logs: {@code POST /v1/logs} in protobuf or JSON, or {@code LogsService/Export} over
 * gRPC), sent here by the OpenTelemetry SDK's own log exporters: beside a 10 % head-sampled trace
 * of the same run, the window counts every reconcile once and reads the stream as complete. Each
 * record has a resource object of its own, so the SDK's exporter sends them out of order, as OTLP
 * allows.
 */
class OperatorLogReceiverTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Seeded mutations of one valid request: truncation, random bytes, single bit flips. */
  static final int MUTATIONS = 300;

  @TempDir static Path dir;
  static SimulationRun.Written trace;
  static List<LogRecordData> records;
  static List<SimulatedLog.Line> lines;

  @BeforeAll
  static void simulate() throws Exception {
    Scenario s =
        ScenarioLoader.load(SimulatedLog.PERCONA_SAMPLED_10)
            .withDuration(TimeUnit.MINUTES.toNanos(10));
    trace = SimulationRun.write(s, OutputFormat.OTLP_PROTO, dir, "trace");
    SimulationRun.Written log = SimulationRun.write(s, OutputFormat.LOG_ZAP_JSON, dir, "log");
    records = new ArrayList<>();
    lines = new ArrayList<>();
    for (String line : Files.readAllLines(log.trace())) {
      records.add(record(line));
      lines.add(SimulatedLog.parse(line));
    }
  }

  /**
   * A line of the simulated log as the Collector's {@code filelog} receiver and {@code
   * k8sattributes} processor make it a record: the container's line as the body, the pod and
   * container on the resource, the time it was read as the observed time.
   */
  private static LogRecordData record(String line) {
    SimulatedLog.Line l = SimulatedLog.parse(line);
    return TestLogRecordData.builder()
        .setResource(
            Resource.create(
                Attributes.builder()
                    .put("k8s.pod.name", l.pod())
                    .put("k8s.container.name", l.container())
                    .build()))
        .setInstrumentationScopeInfo(InstrumentationScopeInfo.create("filelog"))
        .setObservedTimestamp(l.nanos() + 2_000_000, TimeUnit.NANOSECONDS)
        .setBody(l.body())
        .build();
  }

  private static LogRecordExporter exporter(Transport t, TestServer s) {
    return switch (t) {
      case LOGS ->
          OtlpHttpLogRecordExporter.builder()
              .setEndpoint(s.http() + HttpFront.LOGS)
              .setTimeout(Duration.ofMinutes(1))
              .build();
      case GRPC_LOGS ->
          OtlpGrpcLogRecordExporter.builder()
              .setEndpoint(s.grpc())
              .setTimeout(Duration.ofMinutes(1))
              .build();
      default -> throw new IllegalArgumentException(t + " carries no logs");
    };
  }

  private static JsonNode summary(TestServer s) throws Exception {
    return JSON.readTree(s.get("/api/v1/summary").body());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"LOGS", "GRPC_LOGS"})
  void theSdksLogExporter_besideTheSampledTrace_givesEachReconcileOnce(Transport transport)
      throws Exception {
    try (TestServer s = new TestServer()) {
      HttpResponse<byte[]> r =
          s.post(HttpFront.TRACES, HttpFront.PROTOBUF, Files.readAllBytes(trace.trace()));
      assertEquals(200, r.statusCode());
      LogRecordExporter e = exporter(transport, s);
      for (int i = 0; i < records.size(); i += 512) {
        assertTrue(
            e.export(records.subList(i, Math.min(records.size(), i + 512)))
                .join(1, TimeUnit.MINUTES)
                .isSuccess());
      }
      e.shutdown().join(10, TimeUnit.SECONDS);
      s.awaitSettled();
      JsonNode summary = summary(s);
      assertEquals(trace.reconciles(), summary.path("extraction").path("reconciles").asLong());
      assertEquals(
          trace.kept(), summary.path("extraction").path("merged_reconciles").asLong(), "joined");
      assertEquals(1, summary.path("operators").size());
      for (JsonNode op : summary.path("operators")) {
        assertFalse(op.path("sampling").path("sampled").asBoolean(true), op.toString());
      }
      String metrics = s.get("/metrics").body();
      String received = "wakeup_log_lines_received_total{transport=\"" + transport.label() + "\"} ";
      assertTrue(
          metrics.lines().anyMatch(l -> l.startsWith(received + records.size())),
          () -> metrics.lines().filter(l -> l.contains("log_lines")).toList().toString());
    }
  }

  @Test
  void theTraceAlone_staysTheSampleItIs() throws Exception {
    try (TestServer s = new TestServer()) {
      s.post(HttpFront.TRACES, HttpFront.PROTOBUF, Files.readAllBytes(trace.trace()));
      s.awaitSettled();
      JsonNode summary = summary(s);
      assertEquals(trace.kept(), summary.path("extraction").path("reconciles").asLong());
      assertEquals(0, summary.path("extraction").path("merged_reconciles").asLong());
      assertTrue(summary.path("operators").get(0).path("sampling").path("sampled").asBoolean());
    }
  }

  @Test
  void otlpJsonLogs_areTaken_andABrokenBodyIs400NamingThePlace() throws Exception {
    try (TestServer s = new TestServer()) {
      String body =
          """
          {"resourceLogs":[{"resource":{"attributes":[{"key":"k8s.pod.name","value":\
          {"stringValue":"op-6d8f7b9c4-x2k9p"}}]},"scopeLogs":[{"logRecords":[\
          {"timeUnixNano":"1767225600000260000","body":{"stringValue":"hello"}}]}]}]}""";
      HttpResponse<byte[]> ok =
          s.post(HttpFront.LOGS, HttpFront.JSON, body.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, ok.statusCode());
      assertEquals("{}", new String(ok.body(), StandardCharsets.UTF_8));
      int before = s.log.size();
      HttpResponse<byte[]> bad =
          s.post(
              HttpFront.LOGS,
              HttpFront.JSON,
              body.substring(0, 90).getBytes(StandardCharsets.UTF_8));
      assertEquals(400, bad.statusCode());
      String line = s.log.get(before);
      assertTrue(line.startsWith("serve: logs 400 from 127.0.0.1:"), line);
      assertTrue(line.contains("POST /v1/logs:1:"), line);
      assertTrue(line.contains("not valid OTLP JSON logs"), line);
      HttpResponse<byte[]> proto =
          s.post(HttpFront.LOGS, HttpFront.PROTOBUF, new byte[] {(byte) 0x0a, (byte) 0xff});
      assertEquals(400, proto.statusCode());
      assertTrue(
          s.log.get(before + 1).contains("not an OTLP logs export request in protobuf"),
          s.log::toString);
      assertEquals(405, s.get(HttpFront.LOGS).statusCode());
    }
  }

  @Test
  void mutatedRequests_are200Or400_eachRefusalOneLine_andTheServerKeepsServing() throws Exception {
    byte[] valid = SimulatedLog.otlpRequest(lines.subList(0, 40));
    SplittableRandom rnd = new SplittableRandom(11);
    try (TestServer s = new TestServer()) {
      int refused = 0;
      for (int i = 0; i < MUTATIONS; i++) {
        byte[] body = valid.clone();
        switch (rnd.nextInt(3)) {
          case 0 -> body = Arrays.copyOf(body, rnd.nextInt(body.length));
          case 1 -> {
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
              body[rnd.nextInt(body.length)] = (byte) rnd.nextInt(256);
            }
          }
          default -> body[rnd.nextInt(body.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        int before = s.log.size();
        HttpResponse<byte[]> r = s.post(HttpFront.LOGS, HttpFront.PROTOBUF, body);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 400, "status " + r.statusCode());
        if (r.statusCode() == 400) {
          refused++;
          // one line for the refusal (a mutated time accepted before may add one note, once)
          List<String> added =
              s.log.subList(before, s.log.size()).stream()
                  .filter(l -> !l.startsWith("serve: note: "))
                  .toList();
          assertEquals(1, added.size(), s.log::toString);
          String line = added.get(0);
          assertTrue(line.startsWith("serve: logs 400 from 127.0.0.1:"), line);
          assertFalse(line.chars().anyMatch(c -> c < 0x20), line);
        }
      }
      assertTrue(refused > 0 && refused < MUTATIONS, refused + " refused");
      assertEquals(200, s.post(HttpFront.LOGS, HttpFront.PROTOBUF, valid).statusCode());
      assertEquals(200, s.get("/readyz").statusCode());
    }
  }

  /** Sends the trace, then the log in requests of 500 lines with these resource attributes. */
  private static void send(TestServer s, String... resource) throws Exception {
    s.post(HttpFront.TRACES, HttpFront.PROTOBUF, Files.readAllBytes(trace.trace()));
    for (int i = 0; i < lines.size(); i += 500) {
      byte[] body =
          SimulatedLog.otlpRequest(lines.subList(i, Math.min(lines.size(), i + 500)), resource);
      assertEquals(200, s.post(HttpFront.LOGS, HttpFront.PROTOBUF, body).statusCode());
    }
    s.awaitSettled();
  }

  /** The log's lines in requests of five seconds of log each (fixed five-second windows). */
  private static List<List<SimulatedLog.Line>> fiveSecondRequests() {
    List<List<SimulatedLog.Line>> requests = new ArrayList<>();
    long window = Long.MIN_VALUE;
    for (SimulatedLog.Line l : lines) {
      if (l.nanos() / 5_000_000_000L != window) {
        window = l.nanos() / 5_000_000_000L;
        requests.add(new ArrayList<>());
      }
      requests.get(requests.size() - 1).add(l);
    }
    return requests;
  }

  private static double lateLines(TestServer s) throws Exception {
    String metrics = s.get("/metrics").body();
    return metrics
        .lines()
        .filter(l -> l.startsWith("wakeup_log_lines_late_total "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no wakeup_log_lines_late_total in " + metrics));
  }

  @Test
  void logRequestsOutOfOrder_withinTheGrace_giveEachReconcileOnce() throws Exception {
    List<List<SimulatedLog.Line>> requests = fiveSecondRequests();
    for (int i = 0; i + 1 < requests.size(); i += 2) {
      Collections.swap(requests, i, i + 1); // the later first, as parallel senders deliver them
    }
    try (TestServer s = new TestServer()) {
      s.post(HttpFront.TRACES, HttpFront.PROTOBUF, Files.readAllBytes(trace.trace()));
      for (List<SimulatedLog.Line> r : requests) {
        byte[] body = SimulatedLog.otlpRequest(r);
        assertEquals(200, s.post(HttpFront.LOGS, HttpFront.PROTOBUF, body).statusCode());
      }
      s.awaitSettled();
      JsonNode summary = summary(s);
      assertEquals(trace.reconciles(), summary.path("extraction").path("reconciles").asLong());
      assertEquals(trace.kept(), summary.path("extraction").path("merged_reconciles").asLong());
      assertEquals(0.0, lateLines(s));
      assertEquals(0, summary.path("inputs").get(0).path("warnings").size());
    }
  }

  @Test
  void aLogRequestLaterThanTheGrace_isCountedLate() throws Exception {
    List<List<SimulatedLog.Line>> requests = fiveSecondRequests();
    int late = requests.size() / 2;
    List<SimulatedLog.Line> lateRequest = requests.remove(late);
    requests.add(late + 6, lateRequest); // thirty seconds of log after its time: past the grace
    try (TestServer s = new TestServer()) {
      for (List<SimulatedLog.Line> r : requests) {
        byte[] body = SimulatedLog.otlpRequest(r);
        assertEquals(200, s.post(HttpFront.LOGS, HttpFront.PROTOBUF, body).statusCode());
      }
      s.awaitSettled();
      assertEquals(lateRequest.size(), lateLines(s));
      String warnings = summary(s).path("inputs").get(0).path("warnings").toString();
      assertTrue(
          warnings.contains(
              lateRequest.size()
                  + " lines of the operators' logs came more than --grace (10 s) after a later"
                  + " line"),
          warnings);
      assertEquals(
          1,
          s.log.stream().filter(l -> l.contains("came more than --grace")).count(),
          s.log::toString);
    }
  }

  @Test
  void aLogThatNamesTheOperatorOtherwise_isNotedOnce_andItsServiceNameJoinsIt() throws Exception {
    String pod = "psmdb-operator-6d8f7b9c4-x2k9p";
    try (TestServer s = new TestServer()) {
      send(s, "k8s.pod.name", pod);
      JsonNode summary = summary(s);
      assertEquals(0, summary.path("extraction").path("merged_reconciles").asLong());
      String warnings = summary.path("inputs").get(0).path("warnings").toString();
      assertTrue(
          warnings.contains(
                  "operator psmdb-operator (from a log) and operator percona-server-mongodb-operator"
                      + " (from a trace) reconcile the same objects at the same times")
              && warnings.contains("set service.name=percona-server-mongodb-operator"),
          warnings);
      assertEquals(
          1,
          s.log.stream().filter(l -> l.startsWith("serve: note: operator psmdb-operator")).count(),
          s.log::toString);
    }
    try (TestServer s = new TestServer()) {
      send(s, "k8s.pod.name", pod, "service.name", "percona-server-mongodb-operator");
      JsonNode summary = summary(s);
      assertEquals(trace.kept(), summary.path("extraction").path("merged_reconciles").asLong());
      assertEquals(0, summary.path("inputs").get(0).path("warnings").size());
    }
  }
}
