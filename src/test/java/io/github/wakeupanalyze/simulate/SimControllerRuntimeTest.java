package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * controller-runtime semantics, each pinned by a tiny hand-computed timeline. Zero queue and watch
 * latency, fixed reconcile durations; times in seconds from the start.
 */
class SimControllerRuntimeTest {

  @Test
  void requeueAfter_countsFromTheEndOfEachReconcile() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "16s",
            "",
            """
        duration: 200ms
        requeueAfter: 5s
        """);
    assertEquals(List.of("0", "5.2", "10.4", "15.6"), r.starts());
    assertEquals(List.of("external-event", "requeue 5", "requeue 5", "requeue 5"), r.causes());
  }

  @Test
  void eventUnderLegacyQueue_runsAtOnceAndThePendingTimerStillFires() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "16s",
            "queue: legacy",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [7s]}
        """);
    assertEquals(List.of("0", "5.2", "7", "10.4", "15.6"), r.starts());
    assertEquals(
        List.of("external-event", "requeue 5", "external-event", "requeue 5", "requeue 5"),
        r.causes());
  }

  @Test
  void eventUnderPriorityQueue_consumesThePendingTimer() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "16s",
            "queue: priority",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [7s]}
        """);
    assertEquals(List.of("0", "5.2", "7", "12.2"), r.starts());
    assertEquals(List.of("external-event", "requeue 5", "external-event", "requeue 5"), r.causes());
  }

  @Test
  void eventWhileReconciling_marksDirtyAndRunsRightAfter_legacyKeepsFirstTimer() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "6s",
            "queue: legacy",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [100ms]}
        """);
    // the first reconcile's AddAfter(5s) at 0.2 is kept: the rerun's later one at 5.4 is dropped
    assertEquals(List.of("0", "0.2", "5.2"), r.starts());
    assertEquals(List.of("external-event", "external-event", "requeue 5"), r.causes());
  }

  @Test
  void eventWhileReconciling_marksDirtyAndRunsRightAfter_priorityTimesFromTheRerun()
      throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "6s",
            "queue: priority",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [100ms]}
        """);
    // the key is already queued (ready) when the first reconcile returns: its AddAfter is a no-op
    assertEquals(List.of("0", "0.2", "5.4"), r.starts());
  }

  @Test
  void eventsForAQueuedKey_areDeduplicated() throws Exception {
    SimRecorder r =
        SimRecorder.run(
            """
        duration: 10s
        operators:
          - service: op
            dispatchLatency: 0s
            watchLatency: 0s
            queue: legacy
            controllers:
              - name: c
                objects: [ns/a, ns/b]
                duration: 1s
                edits:
                  - {type: times, times: [500ms, 600ms], objects: [ns/b]}
        """);
    // b waits in the queue behind a (one worker) while both edits arrive: one reconcile of b
    assertEquals(List.of("0"), r.of("ns/a").stream().map(l -> "0").toList());
    assertEquals(1, r.of("ns/b").size());
    assertEquals(List.of("0", "1"), r.starts());
  }

  @Test
  void maxConcurrentReconciles_boundsWorkersNotKeys() throws Exception {
    String yaml =
        """
        duration: 3500ms
        operators:
          - service: op
            dispatchLatency: 0s
            controllers:
              - name: c
                objects: [ns/a, ns/b, ns/c]
                duration: 1s
                maxConcurrentReconciles: %d
        """;
    assertEquals(List.of("0", "1", "2"), SimRecorder.run(yaml.formatted(1)).starts());
    assertEquals(List.of("0", "0", "1"), SimRecorder.run(yaml.formatted(2)).starts());
  }

  @Test
  void errorBackoff_doublesFrom5msAndResetsOnSuccess() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "11s",
            "",
            """
        duration: 100ms
        requeueAfter: 5s
        errors: {at: [1, 4], run: 2}
        """);
    assertEquals(List.of("0", "0.105", "0.215", "5.315", "5.42", "5.53", "10.63"), r.starts());
    assertEquals(
        List.of(
            "external-event",
            "error-retry 0.005",
            "error-retry 0.01",
            "requeue 5",
            "error-retry 0.005",
            "error-retry 0.01",
            "requeue 5"),
        r.causes());
    List<Label> ls = r.of("ns/a");
    assertEquals(
        List.of(true, true, false, true, true, false, false),
        ls.stream().map(Label::error).toList());
  }

  @Test
  void errorSpan_hasStatusErrorAndAFailingCall() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "1s",
            "",
            """
        duration: 100ms
        errors: {at: [1]}
        calls:
          - {method: GET, path: self}
          - {method: PATCH, path: status}
        """);
    List<SimSpan> spans = r.reconcileTraces.get(0);
    SimSpan root = spans.get(spans.size() - 1);
    assertTrue(root.error());
    SimSpan patch = spans.get(1);
    assertEquals("PATCH", patch.name());
    assertTrue(patch.error());
    assertTrue(patch.attributes().contains(SimSpan.Attr.of("http.response.status_code", 500L)));
  }

  @Test
  void resync_reenqueuesEveryObjectAtOnePeriodDrawnOncePerInformer() throws Exception {
    SimRecorder r =
        SimRecorder.run(
            """
        duration: 35s
        operators:
          - service: op
            dispatchLatency: 0s
            controllers:
              - name: c
                objects: [ns/a, ns/b]
                duration: 10ms
                maxConcurrentReconciles: 2
                syncPeriod: 10s
        """);
    List<Label> a = r.of("ns/a");
    List<Label> b = r.of("ns/b");
    assertEquals(4, a.size());
    long period = a.get(1).periodNanos();
    assertTrue(period >= 9_000_000_000L && period < 11_000_000_000L, "period " + period);
    for (int i = 1; i < 4; i++) {
      assertEquals("resync", a.get(i).cause().label());
      assertEquals(period, a.get(i).periodNanos());
      assertEquals(r.start() + i * period, a.get(i).startNanos(), "strictly periodic");
      assertEquals(a.get(i).startNanos(), b.get(i).startNanos(), "all objects in one burst");
    }
  }

  @Test
  void generationChangedPredicate_dropsResyncsAndStatusWrites() throws Exception {
    String yaml =
        """
        duration: 25s
        operators:
          - service: op
            dispatchLatency: 0s
            watchLatency: 10ms
            controllers:
              - name: c
                objects: [ns/a]
                duration: 200ms
                syncPeriod: 10s
                generationChangedPredicate: %s
                calls:
                  - {method: PATCH, path: status, probability: 1}
        """;
    SimRecorder with = SimRecorder.run(yaml.formatted("true"));
    assertEquals(List.of("0"), with.starts());
    SimRecorder without = SimRecorder.run(yaml.formatted("false"));
    assertTrue(without.labels.size() > 100, "a self-trigger loop: " + without.labels.size());
  }

  @Test
  void statusWrite_comesBackAsASelfTriggeredReconcile() throws Exception {
    SimRecorder r =
        SimRecorder.run(
            """
        duration: 6s
        operators:
          - service: op
            dispatchLatency: 0s
            watchLatency: 300ms
            controllers:
              - name: c
                objects: [ns/a]
                duration: 200ms
                requeueAfter: 5s
                calls:
                  - {method: PATCH, path: status}
        """);
    // the PATCH ends inside [0.02, 0.18]; its watch event comes 0.3 s later, after the reconcile
    List<Label> ls = r.of("ns/a");
    assertEquals("self-write", ls.get(1).cause().label());
    long gap = ls.get(1).startNanos() - ls.get(0).endNanos();
    assertTrue(gap > 100_000_000L && gap < 300_000_000L, "gap " + gap);
  }

  @Test
  void conditionalTimer_switchesFrom5sTo60sOnceReady() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "80s",
            "",
            """
        duration: 200ms
        requeueAfter: 5s
        whenReady: {after: 12s, requeueAfter: 60s}
        """);
    assertEquals(List.of("0", "5.2", "10.4", "15.6", "75.8"), r.starts());
    assertEquals(
        List.of("external-event", "requeue 5", "requeue 5", "requeue 5", "requeue 60"), r.causes());
  }

  @Test
  void requeueJitter_staysWithinWaitJitterBounds() throws Exception {
    SimRecorder r =
        SimRecorder.controllerRuntime(
            "10m",
            "",
            """
        duration: 200ms
        requeueAfter: 5s
        requeueJitter: 0.1
        """);
    List<Label> ls = r.of("ns/a");
    for (int i = 1; i < ls.size(); i++) {
      long gap = ls.get(i).startNanos() - ls.get(i - 1).endNanos();
      assertEquals(gap, ls.get(i).periodNanos());
      assertTrue(gap >= 5_000_000_000L && gap < 5_500_000_000L, "gap " + gap);
    }
  }
}
