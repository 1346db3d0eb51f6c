package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.SummaryJson;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.testing.Replay;
import io.github.wakeupanalyze.testing.WebhookBatches;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 % head-sampled Percona-like operator exports its trace with the OpenTelemetry SDK while the
 * API server's audit webhook posts every write as it does by default (batches of events, sent up to
 * 30 s after they happened). Once the server has settled, its summary is that of {@code analyze
 * trace audit.jsonl} on the same run, and not that of the trace alone.
 *
 * <p>One difference is by design: {@code analyze} gives each operator's rates per hour of its own
 * spans (merged files may cover different times), the live window per hour of the window, which
 * here also holds the log's writes after the operator's last kept span (docs/live.md).
 */
class ServeAuditIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static List<Span> spans;

  static WebhookBatches audit;
  static JsonNode withLog;
  static JsonNode traceAlone;

  @BeforeAll
  static void simulateAndAnalyze() throws Exception {
    SimulationRun.Written w =
        Replay.simulateFiles(Replay.PERCONA_SAMPLED_AUDIT, 40 * 60_000_000_000L, dir);
    spans = Replay.spansByEnd(w.trace());
    audit = WebhookBatches.of(w.audit());
    withLog = summary(w.trace(), w.audit());
    traceAlone = summary(w.trace());
  }

  private static JsonNode summary(Path... inputs) throws Exception {
    Pipeline.Result r = Replay.analyze(inputs);
    StringWriter sw = new StringWriter();
    SummaryJson.write("test", r.inputs(), r.extraction(), r.analysis(), sw);
    return JSON.readTree(sw.toString());
  }

  /** A copy without the fields that are per hour of an operator's window. */
  private static JsonNode withoutRates(JsonNode n) {
    JsonNode copy = n.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove(List.of("hours", "wakeups_per_hour", "estimated_wakeups_per_hour"));
    }
    for (JsonNode child : n) {
      strip(child);
    }
  }

  private static void post(TestServer s, WebhookBatches.Batch b) throws Exception {
    HttpResponse<byte[]> r = s.post(HttpFront.AUDIT, HttpFront.JSON, b.body());
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void traceAndAuditWebhook_giveTheSummaryOfAnalyzeOnTraceAndLog() throws Exception {
    assertNotEquals(
        traceAlone.get("operators"),
        withLog.get("operators"),
        "on this trace the log changes the verdicts");
    try (TestServer s = new TestServer()) {
      OtlpHttpSpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setEndpoint(s.http() + HttpFront.TRACES)
              .setTimeout(Duration.ofMinutes(1))
              .build();
      int next = 0;
      for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
        CompletableResultCode r = exporter.export(SdkSpans.of(b)).join(2, TimeUnit.MINUTES);
        assertTrue(r.isSuccess(), "export failed: " + r.getFailureThrowable() + "; " + s.log);
        long now = b.get(b.size() - 1).endNanos();
        while (next < audit.batches().size() && audit.batches().get(next).sendNanos() <= now) {
          post(s, audit.batches().get(next++));
        }
      }
      while (next < audit.batches().size()) {
        post(s, audit.batches().get(next++));
      }
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      s.awaitSettled();

      JsonNode live = JSON.readTree(s.get("/api/v1/summary").body());
      for (String part : List.of("window", "parameters", "unload")) {
        assertEquals(withLog.get(part), live.get(part), part);
      }
      assertEquals(
          live.get("window").get("hours"), live.get("operators").get(0).get("hours"), "per hour");
      assertEquals(withoutRates(withLog.get("operators")), withoutRates(live.get("operators")));
      String metrics = s.get("/metrics").body();
      assertEquals(
          (double) audit.events(),
          ServeExportIT.sample(metrics, "wakeup_spans_received_total{transport=\"audit\"}"),
          "every line of the simulated log is a write");
      assertTrue(s.log.isEmpty(), "nothing refused: " + s.log);
    }
  }
}
