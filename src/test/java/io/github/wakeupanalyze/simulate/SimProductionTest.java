package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenario keys that record the simulation as production does: head sampling, span loss, clock
 * offsets. The law behind all of them: the simulated timeline does not move; only what reaches the
 * trace changes, and every reconcile keeps its label.
 */
class SimProductionTest {
  /**
   * A Percona-like operator: RequeueAfter 5 s, 3 objects, visible edits, calls to the apiserver.
   */
  private static final String OPERATOR =
      """
      name: p
      seed: 5
      duration: 20m
      %s
      operators:
        - service: op
          queue: legacy
          apiServerSpans: true
          controllers:
            - name: c
              objects: [ns/a, ns/b, ns/c]
              duration: {median: 150ms, sigma: 0.35}
              requeueAfter: 5s
              calls:
                - {method: GET, path: self}
                - {method: PATCH, path: status, probability: 0.1}
              helper: {name: reconcileReplsets, probability: 1}
              edits:
                - {type: poisson, meanInterval: 2m, visible: apiserver}
      """;

  private static SimRecorder run(String production) throws Exception {
    return SimRecorder.run(OPERATOR.formatted(production));
  }

  private static long kept(SimRecorder r) {
    return r.labels.stream().filter(Label::kept).count();
  }

  @Test
  void productionKeys_neverMoveTheTimeline_everyReconcileKeepsItsLabel() throws Exception {
    SimRecorder plain = run("");
    SimRecorder recorded =
        run(
            """
            sampling: {ratio: 0.3, record: tracestate}
            spanLoss: 0.05
            clockOffsets: {op: 0s, kube-apiserver: 20ms}
            """);
    assertEquals(plain.labels.size(), recorded.labels.size());
    for (int i = 0; i < plain.labels.size(); i++) {
      Label a = plain.labels.get(i);
      Label b = recorded.labels.get(i);
      assertEquals(a.spanId(), b.spanId());
      assertEquals(a.startNanos(), b.startNanos());
      assertEquals(a.cause(), b.cause());
    }
    assertTrue(plain.labels.stream().allMatch(Label::kept));
  }

  @Test
  void sampling_keepsTheRatioOfReconciles_withTheirTracestate() throws Exception {
    SimRecorder r = run("sampling: {ratio: 0.5, record: tracestate}");
    int n = r.labels.size();
    assertEquals(n * 0.5, kept(r), 4 * Math.sqrt(n * 0.25), "kept of " + n);
    for (int i = 0; i < n; i++) {
      List<SimSpan> spans = r.reconcileTraces.get(i);
      if (r.labels.get(i).kept()) {
        assertTrue(spans.stream().allMatch(s -> s.traceState().equals("ot=th:8")), "" + spans);
      } else {
        assertTrue(spans.isEmpty(), "parent-based: the whole trace is dropped");
      }
    }
  }

  @Test
  void notParentBased_anotherServiceDecidesWithItsOwnRatio() throws Exception {
    SimRecorder r =
        run(
            """
            sampling:
              ratio: 0.1
              parentBased: false
              record: tracestate
              services: {kube-apiserver: 1}
            """);
    int orphanTraces = 0;
    for (int i = 0; i < r.labels.size(); i++) {
      List<SimSpan> spans = r.reconcileTraces.get(i);
      boolean operator = spans.stream().anyMatch(s -> s.service().equals("op"));
      boolean apiserver = spans.stream().anyMatch(s -> s.service().equals("kube-apiserver"));
      assertTrue(apiserver, "the apiserver keeps every request");
      assertEquals(r.labels.get(i).kept(), operator);
      orphanTraces += operator ? 0 : 1;
      for (SimSpan s : spans) {
        assertEquals(s.service().equals("op") ? "ot=th:e666" : "ot=th:0", s.traceState());
      }
    }
    assertTrue(orphanTraces > r.labels.size() / 2, "apiserver spans whose client was not sampled");
  }

  @Test
  void jaegerTags_goOnRootSpansOnly() throws Exception {
    SimRecorder r = run("sampling: {ratio: 0.25, record: jaeger-tags}");
    int roots = 0;
    for (List<SimSpan> spans : r.reconcileTraces) {
      for (SimSpan s : spans) {
        boolean tagged =
            s.attributes().contains(SimSpan.Attr.of("sampler.type", "probabilistic"))
                && s.attributes().contains(SimSpan.Attr.of("sampler.param", 0.25));
        assertEquals(s.parentSpanId() == 0, tagged, s.toString());
        assertEquals("", s.traceState());
        roots += tagged ? 1 : 0;
      }
    }
    assertEquals(kept(r), roots);
  }

  @Test
  void spanLoss_dropsSpansIndependently_soChildrenOutliveTheirReconcile() throws Exception {
    SimRecorder r = run("spanLoss: 0.05");
    long spans = 0;
    long planned = 0;
    int fragments = 0;
    SimRecorder plain = run("");
    for (int i = 0; i < r.labels.size(); i++) {
      spans += r.reconcileTraces.get(i).size();
      planned += plain.reconcileTraces.get(i).size();
      if (!r.labels.get(i).kept() && !r.reconcileTraces.get(i).isEmpty()) {
        fragments++;
      }
    }
    double lost = 1 - (double) spans / planned;
    assertEquals(0.05, lost, 0.01);
    assertTrue(fragments > 10, "reconciles whose root is lost but whose children survive");
    assertEquals(r.labels.size() * 0.95, kept(r), 4 * Math.sqrt(r.labels.size() * 0.05));
  }

  @Test
  void clockOffsets_shiftEveryTimeOfThatServiceOnly() throws Exception {
    SimRecorder plain = run("");
    SimRecorder skewed = run("clockOffsets: {kube-apiserver: -20ms, op: 3ms}");
    Map<Long, SimSpan> before = new HashMap<>();
    for (List<SimSpan> t : plain.reconcileTraces) {
      t.forEach(s -> before.put(s.spanId(), s));
    }
    plain.others.forEach(s -> before.put(s.spanId(), s));
    Set<String> services = new HashSet<>();
    for (List<SimSpan> t : skewed.reconcileTraces) {
      for (SimSpan s : t) {
        long offset = s.service().equals("op") ? 3_000_000L : -20_000_000L;
        assertEquals(before.get(s.spanId()).startNanos() + offset, s.startNanos());
        assertEquals(before.get(s.spanId()).endNanos() + offset, s.endNanos());
        services.add(s.service());
      }
    }
    for (SimSpan s : skewed.others) {
      assertEquals(before.get(s.spanId()).startNanos() - 20_000_000L, s.startNanos());
    }
    assertEquals(Set.of("op", "kube-apiserver"), services);
    assertEquals(plain.labels.get(7).startNanos() + 3_000_000L, skewed.labels.get(7).startNanos());
  }

  @Test
  void apiServerSpans_areChildrenOfTheOperatorsCalls_insideThem() throws Exception {
    SimRecorder r = run("");
    for (List<SimSpan> t : r.reconcileTraces) {
      Map<Long, SimSpan> byId = new HashMap<>();
      t.forEach(s -> byId.put(s.spanId(), s));
      for (SimSpan s : t) {
        if (s.service().equals("kube-apiserver")) {
          SimSpan client = byId.get(s.parentSpanId());
          assertEquals(SimSpan.CLIENT, client.kind());
          assertEquals(SimSpan.SERVER, s.kind());
          assertTrue(s.startNanos() > client.startNanos() && s.endNanos() < client.endNanos());
        }
      }
    }
    assertFalse(r.reconcileTraces.isEmpty());
  }
}
