package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Java Operator SDK semantics, each pinned by a tiny hand-computed timeline. Zero dispatch, watch
 * and timer latency, fixed reconcile durations; times in seconds from the start (a whole second, so
 * the millisecond clock of {@code java.util.Timer} is exact unless a test says otherwise).
 */
class SimJosdkTest {

  @Test
  void rescheduleAfter_countsFromTheEndOfEachReconcile() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "7s",
            """
        duration: 200ms
        requeueAfter: 2s
        """);
    assertEquals(List.of("0", "2.2", "4.4", "6.6"), r.starts());
    assertEquals(List.of("external-event", "requeue 2", "requeue 2", "requeue 2"), r.causes());
  }

  @Test
  void eventDuringAPendingTimer_runsAtOnce_andItsSuccessReArmsTheTimerFromItsEnd()
      throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "12s",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [3s]}
        """);
    // the timer due at 5.2 is cancelled when the event's reconcile succeeds at 3.2: next at 8.2
    assertEquals(List.of("0", "3", "8.2"), r.starts());
    assertEquals(List.of("external-event", "external-event", "requeue 5"), r.causes());
  }

  @Test
  void oldTimerFiringDuringAnEventReconcile_reRunsTheObjectRightAfterIt() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "11s",
            """
        duration: 200ms
        requeueAfter: 5s
        edits:
          - {type: times, times: [5100ms]}
        """);
    // the event at 5.1 does not cancel the timer due at 5.2: it fires during the reconcile, and the
    // object runs again when that reconcile finishes at 5.3; that run re-arms 5 s from 5.5
    assertEquals(List.of("0", "5.1", "5.3", "10.5"), r.starts());
    assertEquals(List.of("external-event", "external-event", "requeue 5", "requeue 5"), r.causes());
  }

  @Test
  void timer_countsWholeMillisecondsFromTheMillisecondItWasArmedIn() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "3s",
            """
        duration: 200700us
        requeueAfter: 2s
        """);
    // armed at 0.2007 s: java.util.Timer takes floor_ms(now) + 2000 ms = 2.2 s, 0.7 ms "early"
    assertEquals(List.of("0", "2.2"), r.starts());
  }

  @Test
  void timerLatency_addsTheTimerThreadsWakeUp() throws Exception {
    SimRecorder r =
        SimRecorder.run(
            """
        duration: 3s
        operators:
          - service: op
            framework: java-operator-sdk
            dispatchLatency: 0s
            watchLatency: 0s
            timerLatency: 900us
            controllers:
              - {name: c, objects: [ns/a], duration: 200700us, requeueAfter: 2s}
        """);
    assertEquals(List.of("0", "2.2009"), r.starts());
  }

  @Test
  void statusPatch_runsAfterTheReconcileSpan_andTheTimerCountsFromItsEnd() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "4s",
            """
        duration: 200ms
        requeueAfter: 2s
        patchStatus: 1
        """);
    List<Label> labels = r.of("ns/a");
    List<SimSpan> patches =
        r.others.stream().sorted(Comparator.comparingLong(SimSpan::startNanos)).toList();
    assertEquals(2, labels.size(), "a status write never wakes the operator");
    SimSpan patch = patches.get(0);
    assertEquals("PATCH", patch.name());
    assertEquals(SimSpan.CLIENT, patch.kind());
    assertEquals(0, patch.parentSpanId(), "outside the reconcile span: its own trace");
    assertTrue(patch.startNanos() >= labels.get(0).endNanos());
    long ms = 1_000_000L;
    assertEquals(
        Math.floorDiv(patch.endNanos(), ms) * ms + 2_000_000_000L, labels.get(1).startNanos());
  }

  @Test
  void maxReconciliationInterval_isAPerObjectTimerRestartedByEveryEvent() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "30s",
            """
        duration: 200ms
        maxReconciliationInterval: 10s
        edits:
          - {type: times, times: [15s]}
        """);
    assertEquals(List.of("0", "10.2", "15", "25.2"), r.starts());
    assertEquals(
        List.of("external-event", "max-interval 10", "external-event", "max-interval 10"),
        r.causes());
  }

  @Test
  void rescheduleAfter_takesPrecedenceOverMaxReconciliationInterval() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "5s",
            """
        duration: 200ms
        requeueAfter: 2s
        maxReconciliationInterval: 1s
        """);
    assertEquals(List.of("0", "2.2", "4.4"), r.starts());
  }

  @Test
  void genericRetry_usesTheInitialIntervalTwiceThenDoubles() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "60s",
            """
        duration: 100ms
        maxReconciliationInterval: 30s
        retry: {initialInterval: 500ms, multiplier: 2, maxAttempts: 6}
        errors: {at: [1], run: 7}
        """);
    // fails at 0, then retries after 0.5, 0.5, 1, 2, 4, 8 s (each from the failure's end); after
    // the sixth retry fails, attempts are exhausted and the max-interval timer takes over
    assertEquals(List.of("0", "0.6", "1.2", "2.3", "4.4", "8.5", "16.6", "46.7"), r.starts());
    assertEquals(
        List.of(
            "external-event",
            "error-retry 0.5",
            "error-retry 0.5",
            "error-retry 1",
            "error-retry 2",
            "error-retry 4",
            "error-retry 8",
            "max-interval 30"),
        r.causes());
  }

  @Test
  void genericRetry_defaultsAreJosdks() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "40s",
            """
        duration: 100ms
        errors: {at: [1], run: 10}
        """);
    // GradualRetry defaults: 2 s, x1.5, 5 attempts: 2, 2, 3, 4.5, 6.75 s
    assertEquals(
        List.of(
            "external-event",
            "error-retry 2",
            "error-retry 2",
            "error-retry 3",
            "error-retry 4.5",
            "error-retry 6.75"),
        r.causes());
    assertEquals(List.of("0", "2.1", "4.2", "7.3", "11.9", "18.75"), r.starts());
  }

  @Test
  void editDuringBackoff_runsAtOnce_andTheAttemptCountCarriesOn() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "10s",
            """
        duration: 100ms
        retry: {initialInterval: 1s, multiplier: 2, maxAttempts: 6}
        errors: {at: [1], run: 3}
        edits:
          - {type: times, times: [500ms]}
        """);
    // 0 fails (retry due 1.1); the edit at 0.5 runs at once and fails: second delay 1 s from 0.6;
    // 1.6 fails: third delay 2 s (not 1 s: the count carried on); 3.7 succeeds
    assertEquals(List.of("0", "0.5", "1.6", "3.7"), r.starts());
    assertEquals(
        List.of("external-event", "external-event", "error-retry 1", "error-retry 2"), r.causes());
  }

  @Test
  void eventDuringAFailingReconcile_runsAgainAtOnceWithoutUsingAnAttempt() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "10s",
            """
        duration: 200ms
        retry: {initialInterval: 1s, multiplier: 2, maxAttempts: 6}
        errors: {at: [1], run: 2}
        edits:
          - {type: times, times: [100ms]}
        """);
    // 0 fails with the edit marked: 0.2 runs at once (fails); first delay 1 s: 1.4 succeeds
    assertEquals(List.of("0", "0.2", "1.4"), r.starts());
    assertEquals(List.of("external-event", "external-event", "error-retry 1"), r.causes());
  }

  @Test
  void generationFilter_dropsOwnStatusWritesAndMetadataEdits_notSpecEdits() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "10s",
            """
        duration: 200ms
        calls:
          - {method: GET, path: self}
          - {method: PATCH, path: status}
        patchStatus: 1
        edits:
          - {type: times, times: [3s], change: metadata}
          - {type: times, times: [6s]}
        """);
    assertEquals(List.of("0", "6"), r.starts());
  }

  @Test
  void ownSpecWrite_comesBackAsASelfWriteReconcile() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "2s",
            """
        duration: 200ms
        calls:
          - {method: PATCH, path: self}
        errors: {at: [3], run: 50}
        """);
    // each reconcile writes the spec; the event arrives while it runs, so the next run follows its
    // end; the third fails (no write) and the default retry waits 2 s
    assertEquals(List.of("0", "0.2", "0.4"), r.starts());
    assertEquals(List.of("external-event", "self-write", "self-write"), r.causes());
  }

  @Test
  void threadPool_runsObjectsConcurrentlyUpToItsSize_thenInOrder() throws Exception {
    SimRecorder r =
        SimRecorder.run(
            """
        duration: 1s
        operators:
          - service: op
            framework: java-operator-sdk
            dispatchLatency: 0s
            controllers:
              - {name: c, objects: [ns/a, ns/b, ns/c], maxConcurrentReconciles: 2,
                 duration: 300ms}
        """);
    assertEquals(List.of("0", "0", "0.3"), r.starts());
  }

  @Test
  void spans_lookLikeTheJavaAgentsWithSpanAndHttpClientInstrumentation() throws Exception {
    SimRecorder r =
        SimRecorder.josdk(
            "1s",
            """
        reconciler: io.example.web.WebPageReconciler
        duration: 200ms
        calls:
          - {method: GET, path: self}
        edits:
          - {type: times, times: [500ms], visible: client, client: web-ui/1.0, service: web-ui}
        """);
    List<SimSpan> first = r.reconcileTraces.get(0);
    SimSpan root = first.get(first.size() - 1);
    assertEquals("WebPageReconciler.reconcile", root.name());
    assertEquals("io.opentelemetry.opentelemetry-instrumentation-annotations-1.16", root.scope());
    Map<String, Object> attrs =
        root.attributes().stream()
            .collect(Collectors.toMap(SimSpan.Attr::key, SimSpan.Attr::value));
    assertEquals(
        Map.of(
            "code.namespace",
            "io.example.web.WebPageReconciler",
            "code.function",
            "reconcile",
            "k8s.namespace.name",
            "ns",
            "k8s.webpage.name",
            "a"),
        attrs);
    SimSpan get = first.get(0);
    assertEquals("GET", get.name());
    assertEquals("io.opentelemetry.vertx-http-client-4.0", get.scope());
    assertEquals(root.spanId(), get.parentSpanId());
    SimSpan edit = r.others.get(0);
    assertEquals("HTTP PATCH", edit.name());
    assertEquals("web-ui", edit.service());
    assertEquals(SimSpan.CLIENT, edit.kind());
    assertTrue(
        edit.attributes()
            .contains(
                SimSpan.Attr.of(
                    "url.full",
                    "https://10.96.0.1:443/apis/example.com/v1/namespaces/ns/webpages/a")),
        edit.attributes().toString());
  }
}
