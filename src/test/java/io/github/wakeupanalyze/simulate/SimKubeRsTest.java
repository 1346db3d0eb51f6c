package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** kube-rs scheduler semantics, each pinned by a tiny hand-computed timeline. */
class SimKubeRsTest {
  private static final String REF = "Doc.v1.kube.rs/a.ns";

  private static List<String> reasons(SimRecorder r) {
    return r.of(REF).stream().map(Label::reason).toList();
  }

  @Test
  void actionRequeue_countsFromReconcileEnd() throws Exception {
    SimRecorder r =
        SimRecorder.kubeRs(
            "11s",
            """
        duration: 200ms
        requeueAfter: 5s
        """);
    assertEquals(List.of("0", "5.2", "10.4"), r.starts());
    assertEquals(
        List.of("object updated", "reconciler requested retry", "reconciler requested retry"),
        reasons(r));
  }

  @Test
  void event_replacesALaterRequeue_earliestRequestWins() throws Exception {
    SimRecorder r =
        SimRecorder.kubeRs(
            "16s",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [7s]}
        """);
    assertEquals(List.of("0", "5.2", "7", "12.2"), r.starts());
    assertEquals("object updated", reasons(r).get(2));
    assertEquals("external-event", r.of(REF).get(2).cause().label());
  }

  @Test
  void eventWhileReconciling_isHeldAndRunsRightAfter_droppingThatReconcilesRequeue()
      throws Exception {
    SimRecorder r =
        SimRecorder.kubeRs(
            "6s",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [100ms]}
        """);
    assertEquals(List.of("0", "0.2", "5.4"), r.starts());
  }

  @Test
  void awaitChange_schedulesNothing() throws Exception {
    SimRecorder r = SimRecorder.kubeRs("30s", "duration: 200ms");
    assertEquals(List.of("0"), r.starts());
  }

  @Test
  void errorPolicy_requeuesAfterItsDelayWithItsReason() throws Exception {
    SimRecorder r =
        SimRecorder.kubeRs(
            "12s",
            """
        duration: 200ms
        requeueAfter: 5s
        errors: {at: [2]}
        errorPolicyRequeue: 1s
        """);
    assertEquals(List.of("0", "5.2", "6.4", "11.6"), r.starts());
    assertEquals(
        List.of(
            "object updated",
            "reconciler requested retry",
            "error policy requested retry",
            "reconciler requested retry"),
        reasons(r));
    assertEquals("error-retry", r.of(REF).get(2).cause().label());
  }

  @Test
  void relatedObjectEdit_hasRelatedReason() throws Exception {
    SimRecorder r =
        SimRecorder.kubeRs(
            "5s",
            """
        duration: 200ms
        edits:
          - {type: times, times: [2s], related: ConfigMap}
        """);
    assertEquals("related object updated: ConfigMap.v1./a-configmap.ns", reasons(r).get(1));
  }

  @Test
  void bulkReconcile_wakesEveryObjectWithBulkReason() throws Exception {
    SimRecorder r =
        SimRecorder.kubeRs(
            "25s",
            """
        duration: 200ms
        bulkReconcileEvery: 10s
        """);
    assertEquals(List.of("0", "10", "20"), r.starts());
    assertEquals("bulk reconcile requested", reasons(r).get(1));
    assertEquals("resync", r.of(REF).get(1).cause().label());
  }

  @Test
  void spans_nameTheObjectRefAndReason_unlessOmitted() throws Exception {
    SimRecorder with = SimRecorder.kubeRs("1s", "duration: 200ms");
    SimSpan root = last(with.reconcileTraces.get(0));
    assertEquals("reconciling object", root.name());
    assertEquals("c", root.scope());
    assertTrue(root.attributes().contains(SimSpan.Attr.of("object.ref", REF)));
    assertTrue(root.attributes().contains(SimSpan.Attr.of("object.reason", "object updated")));

    SimRecorder without =
        SimRecorder.kubeRs(
            "1s",
            """
        duration: 200ms
        omitReason: true
        """);
    SimSpan bare = last(without.reconcileTraces.get(0));
    assertFalse(bare.attributes().stream().anyMatch(a -> a.key().equals("object.reason")));
    assertEquals("object updated", without.labels.get(0).reason(), "the label keeps the truth");
  }

  private static SimSpan last(List<SimSpan> spans) {
    return spans.get(spans.size() - 1);
  }
}
