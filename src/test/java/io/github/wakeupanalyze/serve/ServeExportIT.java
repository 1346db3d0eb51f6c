package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.SummaryJson;
import io.github.wakeupanalyze.testing.Replay;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The OpenTelemetry Java SDK's own OTLP exporters (HTTP/protobuf and gRPC) send a simulated
 * Percona-like trace to a running server, in SDK-sized batches in the order spans end; once the
 * server has settled, its summary and metrics are those of {@code analyze} on the same file.
 */
class ServeExportIT {
  @TempDir static Path dir;
  static List<Span> spans;
  static Pipeline.Result batch;
  static JsonNode batchSummary;

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void simulateAndAnalyze() throws Exception {
    Path trace = Replay.simulate(Replay.PERCONA, 0, dir);
    spans = Replay.spansByEnd(trace);
    batch = Replay.analyze(trace);
    StringWriter w = new StringWriter();
    SummaryJson.write("test", batch.inputs(), batch.extraction(), batch.analysis(), w);
    batchSummary = JSON.readTree(w.toString());
  }

  private static SpanExporter exporter(Transport t, TestServer s) {
    return switch (t) {
      case HTTP ->
          OtlpHttpSpanExporter.builder()
              .setEndpoint(s.http() + "/v1/traces")
              .setTimeout(Duration.ofMinutes(1))
              .build();
      case GRPC ->
          OtlpGrpcSpanExporter.builder()
              .setEndpoint(s.grpc())
              .setTimeout(Duration.ofMinutes(1))
              .build();
      case AUDIT, LOGS, GRPC_LOGS ->
          throw new IllegalArgumentException(t + " carries no spans an SDK sends");
    };
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "GRPC"})
  void sdkExporter_givesTheSummaryAndMetricsOfTheBatchAnalysis(Transport transport)
      throws Exception {
    try (TestServer s = new TestServer()) {
      SpanExporter exporter = exporter(transport, s);
      for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
        CompletableResultCode r = exporter.export(SdkSpans.of(b)).join(2, TimeUnit.MINUTES);
        assertTrue(r.isSuccess(), "export failed: " + r.getFailureThrowable() + "; " + s.log);
      }
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      s.awaitSettled();

      JsonNode live = JSON.readTree(s.get("/api/v1/summary").body());
      for (String part : List.of("window", "parameters", "operators", "unload")) {
        assertEquals(batchSummary.get(part), live.get(part), part);
      }
      assertEquals(
          batchSummary.get("extraction").get("reconciles"),
          live.get("extraction").get("reconciles"));
      assertEquals(spans.size(), live.get("inputs").get(0).get("spans").asLong());

      String metrics = s.get("/metrics").body();
      assertEquals(
          (double) spans.size(),
          sample(metrics, "wakeup_spans_received_total{transport=\"" + transport.label() + "\"}"));
      Map<String, Integer> byVerdict = new TreeMap<>();
      for (ClassifiedReconcile cr : batch.analysis().reconciles()) {
        var k = cr.reconcile().key();
        var c = cr.classification();
        byVerdict.merge(
            labels(
                "operator", k.operator(),
                "controller", k.controller(),
                "trigger", c.trigger().label(),
                "cause", c.cause().label()),
            1,
            Integer::sum);
      }
      for (Map.Entry<String, Integer> e : byVerdict.entrySet()) {
        assertEquals(
            (double) e.getValue(), sample(metrics, "wakeup_window_reconciles" + e.getKey()));
      }
      double firstVerdicts = 0;
      for (String line : metrics.split("\n")) {
        if (line.startsWith("wakeup_reconciles_total{")) {
          firstVerdicts += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      assertEquals(batch.analysis().reconciles().size(), firstVerdicts, "each counted once");
      for (ControllerResult c : batch.analysis().controllers()) {
        int rank = 0;
        for (TimerFinding t : c.timers()) {
          rank++;
          String l =
              labels(
                  "operator", c.operator(),
                  "controller", c.controller(),
                  "source", t.source().label(),
                  "timer", Integer.toString(rank));
          assertEquals(t.delaySeconds(), sample(metrics, "wakeup_timer_delay_seconds" + l), 1e-9);
        }
        assertEquals(
            (double) c.timerDriven() / c.reconciles(),
            sample(
                metrics,
                "wakeup_timer_share"
                    + labels("operator", c.operator(), "controller", c.controller())),
            1e-9);
      }
      assertTrue(s.log.isEmpty(), "nothing refused: " + s.log);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "GRPC"})
  void objectsApi_predictsTheNextWakeUp_ofEveryObjectWithARequeueTimer(Transport transport)
      throws Exception {
    try (TestServer s = new TestServer()) {
      SpanExporter exporter = exporter(transport, s);
      List<List<Span>> batches = Replay.batches(spans, Replay.SDK_BATCH);
      for (List<Span> b : batches.subList(0, batches.size() / 2)) {
        assertTrue(exporter.export(SdkSpans.of(b)).join(2, TimeUnit.MINUTES).isSuccess());
      }
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      s.awaitSettled();
      JsonNode objects = JSON.readTree(s.get("/api/v1/objects").body());
      int predicted = 0;
      for (JsonNode o : objects.get("objects")) {
        JsonNode next = o.get("next_wakeup");
        if (next.isNull()) {
          continue;
        }
        predicted++;
        long expected = next.get("expected_unix_nano").asLong();
        assertTrue(next.get("earliest_unix_nano").asLong() <= expected);
        assertTrue(expected <= next.get("latest_unix_nano").asLong());
        assertTrue(expected > o.get("last").get("end_unix_nano").asLong(), "after the last one");
      }
      assertTrue(predicted > 0, "some objects wake on a timer: " + objects);
    }
  }

  /** Prometheus label set text, labels in the order given (the writer keeps them sorted). */
  private static String labels(String... kv) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      sorted.put(kv[i], kv[i + 1]);
    }
    StringBuilder sb = new StringBuilder("{");
    sorted.forEach(
        (k, v) ->
            sb.append(sb.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
    return sb.append('}').toString();
  }

  /** The value of one sample in a text exposition, or fails. */
  static double sample(String exposition, String nameAndLabels) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(nameAndLabels + " ")) {
        return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
      }
    }
    throw new AssertionError("no sample " + nameAndLabels + " in:\n" + exposition);
  }
}
