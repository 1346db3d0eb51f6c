package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Ids;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The world around a controller: edit sources, and how their writes show in the trace. */
class SimWorldTest {

  private static SimRecorder edits(String duration, String source) throws Exception {
    return SimRecorder.controllerRuntime(
        duration,
        "",
        """
        duration: 1ms
        edits:
          - %s
        """
            .formatted(source));
  }

  private static long externals(SimRecorder r) {
    return r.labels.stream().filter(l -> l.cause() == Cause.EXTERNAL_EVENT).count() - 1;
  }

  @Test
  void poissonEdits_arriveAtTheirMeanRate() throws Exception {
    SimRecorder r = edits("10000s", "{type: poisson, meanInterval: 10s}");
    long n = externals(r);
    // 1000 expected; Poisson sd ~32
    assertTrue(Math.abs(n - 1000) < 130, "edits " + n);
  }

  @Test
  void periodicEdits_stayInsideTheirJitterBox() throws Exception {
    SimRecorder r = edits("300s", "{type: periodic, period: 10s, jitter: 0.05}");
    List<Label> ls = r.of("ns/a").subList(1, r.of("ns/a").size());
    assertTrue(ls.size() >= 29 && ls.size() <= 30, "edits " + ls.size());
    long phase = Math.floorMod(ls.get(0).startNanos() - r.start(), 10_000_000_000L);
    for (Label l : ls) {
      long offset =
          Math.floorMod(l.startNanos() - r.start() - phase + 1_000_000_000L, 10_000_000_000L)
              - 1_000_000_000L;
      assertTrue(Math.abs(offset) <= 1_000_000_000L, "lattice offset " + offset);
    }
  }

  @Test
  void burstEdits_comeInGroupsOfTheirSize() throws Exception {
    SimRecorder r = edits("1000s", "{type: burst, meanInterval: 10s, size: 4, spacing: 100ms}");
    List<Label> ls = r.of("ns/a");
    int spaced = 0;
    for (int i = 2; i < ls.size(); i++) {
      if (ls.get(i).startNanos() - ls.get(i - 1).startNanos() == 100_000_000L) {
        spaced++;
      }
    }
    // 3 of every 4 edits follow the previous one by exactly 'spacing'
    long n = externals(r);
    assertTrue(n > 300, "edits " + n);
    assertTrue(Math.abs(spaced - 0.75 * n) < 8, spaced + " of " + n);
  }

  @Test
  void visibleEdits_writeKubeApiserverSpansNamingTheObject() throws Exception {
    SimRecorder r = edits("10s", "{type: times, times: [2s, 4s], visible: apiserver}");
    assertEquals(2, r.others.size());
    SimSpan w = r.others.get(0);
    assertEquals("kube-apiserver", w.service());
    assertEquals(SimSpan.SERVER, w.kind());
    assertEquals(r.start() + 2_000_000_000L, w.endNanos());
    assertTrue(w.attributes().contains(SimSpan.Attr.of("k8s.namespace.name", "ns")));
    assertTrue(w.attributes().contains(SimSpan.Attr.of("k8s.object.name", "a")));
    assertTrue(w.attributes().contains(SimSpan.Attr.of("http.request.method", "PATCH")));
    assertTrue(
        w.attributes()
            .contains(
                SimSpan.Attr.of(
                    "url.full",
                    "https://10.96.0.1:443/apis/example.com/v1/namespaces/ns/widgets/a")));
  }

  @Test
  void linkedEdits_linkTheTriggeredReconcileToTheWrite() throws Exception {
    SimRecorder r = edits("10s", "{type: times, times: [2s], visible: both}");
    SimSpan write = r.others.get(0);
    List<SimSpan> trace = r.reconcileTraces.get(1);
    SimSpan root = trace.get(trace.size() - 1);
    assertEquals(1, root.links().size());
    assertEquals(Ids.hex(write.spanId()), Ids.hex(root.links().get(0).spanId()));
    assertEquals(write.traceIdLow(), root.links().get(0).traceIdLow());
  }

  @Test
  void hiddenEdits_leaveNoSpan() throws Exception {
    SimRecorder r = edits("10s", "{type: times, times: [2s]}");
    assertTrue(r.others.isEmpty());
    assertEquals(List.of("0", "2"), r.starts());
  }

  @Test
  void reconcileSpans_carryTheStreamAttributesAndNestedHelper() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "1s",
            "",
            """
        duration: 100ms
        helper: {name: reconcileReplsets}
        calls:
          - {method: GET, path: self}
          - {method: LIST, path: "/api/v1/namespaces/{namespace}/pods", helper: true}
          - {method: PATCH, path: status}
        """);
    List<SimSpan> t = r.reconcileTraces.get(0);
    assertEquals(
        List.of("GET", "LIST", "PATCH", "reconcileReplsets", "Reconcile"),
        t.stream().map(SimSpan::name).toList());
    SimSpan root = t.get(4);
    SimSpan helper = t.get(3);
    assertEquals(helper.spanId(), t.get(1).parentSpanId(), "the LIST sits in the helper");
    assertEquals(root.spanId(), t.get(0).parentSpanId());
    assertEquals(root.spanId(), helper.parentSpanId());
    assertTrue(t.get(1).attributes().contains(SimSpan.Attr.of("http.request.method", "GET")));
    assertTrue(
        t.get(2)
            .attributes()
            .contains(
                SimSpan.Attr.of(
                    "url.full",
                    "https://10.96.0.1:443/apis/example.com/v1/namespaces/ns/widgets/a/status")));
    assertTrue(
        root.attributes()
            .containsAll(
                List.of(
                    SimSpan.Attr.of("controller", "c"),
                    SimSpan.Attr.of("k8s.namespace.name", "ns"),
                    SimSpan.Attr.of("k8s.object.name", "a"))));
    for (SimSpan s : t) {
      assertTrue(s.startNanos() >= root.startNanos() && s.endNanos() <= root.endNanos(), s.name());
    }
  }
}
