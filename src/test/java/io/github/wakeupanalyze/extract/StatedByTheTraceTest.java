package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.SamplingSource;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.TriggerHint;
import io.github.wakeupanalyze.model.WakeupAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a reconcile's own record states reaches the {@link Reconcile}: sampling, trigger, delay. */
class StatedByTheTraceTest {
  static ExtractResult extract(ExtractRules rules, List<Span> spans) {
    ReconcileExtractor x = new ReconcileExtractor(rules);
    x.startSource(0, "t");
    spans.forEach(x::accept);
    return x.finish();
  }

  static Span.Builder reconcile(String service, long trace, long id, long parent, long start) {
    return Span.builder()
        .service(service)
        .traceId(0, trace)
        .spanId(id)
        .parentSpanId(parent)
        .name("Reconcile")
        .startNanos(start)
        .endNanos(start + 10)
        .attribute("object.ref", "a");
  }

  @Test
  void samplingProbability_fromTracestate_rootTags_orTheOption() {
    List<Span> spans =
        List.of(
            reconcile("otel-op", 1, 1, 0, 100).traceState("ot=th:c;rv:0123456789abcd").build(),
            // Jaeger: the sampler tags are on the trace's root, which is not the reconcile
            reconcile("jaeger-op", 2, 2, 20, 200).build(),
            Span.builder()
                .service("jaeger-op")
                .traceId(0, 2)
                .spanId(20)
                .name("HTTP POST /hook")
                .startNanos(190)
                .endNanos(230)
                .attribute("sampler.type", "probabilistic")
                .attribute("sampler.param", "0.1")
                .build(),
            reconcile("limited-op", 3, 3, 0, 300)
                .attribute("sampler.type", "ratelimiting")
                .attribute("sampler.param", "2")
                .build(),
            reconcile("plain-op", 4, 4, 0, 400).build());
    ExtractResult none = extract(ExtractRules.defaults(), spans);
    Map<String, Double> p = probabilities(none);
    assertEquals(0.25, p.get("otel-op"));
    assertEquals(0.1, p.get("jaeger-op"));
    assertTrue(p.get("limited-op").isNaN());
    assertTrue(p.get("plain-op").isNaN());
    ExtractResult option = extract(ExtractRules.defaults().withSamplingRatio(0.5), spans);
    p = probabilities(option);
    assertEquals(0.25, p.get("otel-op"), "what the trace states wins");
    assertEquals(0.5, p.get("plain-op"));
    assertTrue(
        p.get("limited-op").isNaN(), "a rate limiter is no probability, whatever the option");

    Map<String, SamplingSummary> s = summaries(option);
    assertEquals(SamplingSource.TRACESTATE, s.get("otel-op").source());
    assertEquals(SamplingSource.TAG, s.get("jaeger-op").source());
    assertEquals(SamplingSource.OPTION, s.get("plain-op").source());
    assertNull(s.get("limited-op").source());
    assertEquals(Map.of("ratelimiting", 1L), s.get("limited-op").nonProbabilistic());
    assertEquals(0, s.get("limited-op").stated());
    assertTrue(
        option.warnings().stream().anyMatch(w -> w.contains("ratelimiting")),
        option.warnings()::toString);
  }

  @Test
  void wakeupAttributes_becomeTheHintAndTheRequeueDelay() {
    List<Span> spans =
        List.of(
            reconcile("op", 1, 1, 0, 100)
                .attribute(WakeupAttributes.TRIGGER, "timer")
                .attribute(WakeupAttributes.REQUEUE_AFTER_NANOS, "5000000000")
                .build(),
            reconcile("op", 2, 2, 0, 200).attribute(WakeupAttributes.TRIGGER, "EVENT").build(),
            reconcile("op", 3, 3, 0, 300).attribute(WakeupAttributes.TRIGGER, "retry").build(),
            reconcile("op", 4, 4, 0, 400)
                .attribute(WakeupAttributes.TRIGGER, "sometimes")
                .attribute(WakeupAttributes.REQUEUE_AFTER_NANOS, "soon")
                .build());
    List<Reconcile> rs = extract(ExtractRules.defaults(), spans).reconciles();
    assertEquals(TriggerHint.TIMER, rs.get(0).hint());
    assertEquals(5_000_000_000L, rs.get(0).requeueAfterNanos());
    assertEquals(TriggerHint.EVENT, rs.get(1).hint());
    assertEquals(-1, rs.get(1).requeueAfterNanos());
    assertEquals(TriggerHint.RETRY, rs.get(2).hint());
    assertNull(rs.get(3).hint());
    assertEquals(-1, rs.get(3).requeueAfterNanos());
  }

  @Test
  void otlpJsonTraceState_reachesTheReconcile() throws Exception {
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name",
          "value":{"stringValue":"op"}}]},"scopeSpans":[{"spans":[
          {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331",
           "traceState":"ot=th:c;rv:0123456789abcd,vendor=1","name":"Reconcile","kind":1,
           "startTimeUnixNano":"1000","endTimeUnixNano":"2000"},
          {"traceId":"0af7651916cd43dd8448eb211c80319d","spanId":"b7ad6b7169203332",
           "trace_state":"ot=p:3","name":"Reconcile","kind":1,
           "startTimeUnixNano":"3000","endTimeUnixNano":"4000"}]}]}]}
        """;
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "t.json");
    io.github.wakeupanalyze.ingest.TraceFormat.OTLP_JSON
        .newReader()
        .read(
            new java.io.ByteArrayInputStream(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "t.json",
            x);
    List<Reconcile> rs = x.finish().reconciles();
    assertEquals(0.25, rs.get(0).samplingProbability());
    assertEquals(0.125, rs.get(1).samplingProbability());
  }

  private static Map<String, Double> probabilities(ExtractResult r) {
    Map<String, Double> out = new java.util.HashMap<>();
    r.reconciles().forEach(x -> out.put(x.key().operator(), x.samplingProbability()));
    return out;
  }

  private static Map<String, SamplingSummary> summaries(ExtractResult r) {
    Map<String, SamplingSummary> out = new java.util.HashMap<>();
    r.sampling().forEach(x -> out.put(x.operator(), x));
    return out;
  }
}
