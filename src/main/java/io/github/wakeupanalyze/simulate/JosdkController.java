package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.Cause;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A Java Operator SDK controller (operator-framework/java-operator-sdk 5.x, {@code EventProcessor},
 * {@code ReconciliationDispatcher}, {@code TimerEventSource}, {@code GenericRetryExecution}), as
 * its source reads and as measured on JOSDK 5.2.
 *
 * <ul>
 *   <li><b>Events</b> ({@code handleEvent}): an event marks the object; if it is not being
 *       processed it is submitted to the executor at once (a pool of {@code
 *       maxConcurrentReconciles} threads, default 50, FIFO when all are busy). An event for an
 *       object being processed stays marked. Timer events take the same path.
 *   <li><b>After a successful reconcile</b> ({@code eventProcessingFinished}): the retry state is
 *       reset and the object's pending timer is cancelled. If an event was marked meanwhile, the
 *       object is submitted again at once (a dirty re-run); otherwise {@code rescheduleAfter(d)}
 *       arms the timer for d, else {@code maxReconciliationInterval} arms it for that interval.
 *       Both count from the moment processing finished: after the framework's status patch when the
 *       reconcile returned {@code UpdateControl.patchStatus}. So a pending timer is <em>not</em>
 *       cancelled when an event arrives, only when the next reconcile succeeds; if it fires while a
 *       reconcile runs, the object is re-run right after that reconcile.
 *   <li><b>After a failed reconcile</b> ({@code handleRetryOnException}): if an event was marked
 *       meanwhile, the object runs again at once without using a retry attempt; otherwise {@code
 *       GenericRetry} gives the next delay (the initial interval twice, then multiplied, capped),
 *       armed on the same timer; when attempts are exhausted the max-interval timer is armed
 *       instead, and the retry state stays until a success. An edit during the backoff runs the
 *       object at once, and its attempt count carries on. (JOSDK 5.4 adds one rule not modelled
 *       here: a failure more than 5 s before the pending retry keeps that deadline.)
 *   <li><b>Filter</b>: generation-aware event processing (on by default) drops updates that leave
 *       {@code metadata.generation} unchanged: the operator's own status patches and metadata-only
 *       edits.
 *   <li><b>Timer</b> ({@code TimerEventSource.scheduleOnce} over one {@code java.util.Timer}):
 *       scheduling cancels the object's previous task. The delay is whole milliseconds, counted
 *       from the millisecond clock, and the timer thread wakes a little after: the task fires at
 *       {@code floor_ms(armed) + delay + timerLatency} (default lognormal, median 0.95 ms, σ 0.35),
 *       that is up to ~0.6 ms early, median ~0.45 ms late and p95 ~1.3 ms late against {@code armed
 *       + delay}, as measured.
 * </ul>
 *
 * <p>Ground truth: a reconcile run by the timer is {@code requeue} (rescheduleAfter), {@code
 * error-retry} (a retry delay) or {@code max-interval}; the first event marked since the last
 * submission names the cause of a re-run.
 */
final class JosdkController extends ControllerModel {
  private static final long MS = 1_000_000L;

  private final Scenario.Josdk josdk;
  private final boolean[] eventPresent;
  private final Wake[] markedWake;
  private final boolean[] underProcessing;
  private final int[] attempts;
  private final long[] intervalMs;
  private final long[] timerGen;
  private final ArrayDeque<Submitted> executorQueue = new ArrayDeque<>();
  private int busy;

  private record Submitted(int obj, Wake wake) {}

  JosdkController(
      Engine engine,
      Scenario.Operator operator,
      Scenario.Controller spec,
      SplittableRandom random,
      IdSource ids,
      SimSink sink) {
    super(engine, operator, spec, random, ids, sink);
    this.josdk = spec.josdk();
    int n = spec.objects().size();
    eventPresent = new boolean[n];
    markedWake = new Wake[n];
    underProcessing = new boolean[n];
    attempts = new int[n];
    intervalMs = new long[n];
    timerGen = new long[n];
  }

  /** {@code handleEvent}: mark the object, and submit it unless it is being processed. */
  @Override
  void enqueue(int obj, Wake wake) {
    eventPresent[obj] = true;
    if (markedWake[obj] == null) {
      markedWake[obj] = wake;
    }
    if (!underProcessing[obj]) {
      submit(obj);
    }
  }

  private void submit(int obj) {
    underProcessing[obj] = true;
    Wake w = markedWake[obj];
    eventPresent[obj] = false;
    markedWake[obj] = null;
    executorQueue.add(new Submitted(obj, w));
    dispatch();
  }

  /** The executor's threads take submitted reconciles in order. */
  private void dispatch() {
    while (busy < spec.maxConcurrentReconciles() && !executorQueue.isEmpty()) {
      Submitted s = executorQueue.poll();
      busy++;
      reconcile(s.obj(), s.wake(), engine.now() + dispatchLatency(), r -> returned(s.obj(), r));
    }
  }

  /** The reconcile method returned: the framework patches the status when asked, then finishes. */
  private void returned(int obj, Result r) {
    if (!r.error()
        && josdk.patchStatus() > 0
        && (josdk.patchStatus() >= 1 || random.nextDouble() < josdk.patchStatus())) {
      long patched = statusPatch(obj, engine.now() + dispatchLatency());
      engine.at(patched, () -> finished(obj, r));
    } else {
      finished(obj, r);
    }
  }

  /** {@code eventProcessingFinished}. */
  private void finished(int obj, Result r) {
    busy--;
    underProcessing[obj] = false;
    if (r.error()) {
      failed(obj);
    } else {
      attempts[obj] = 0;
      cancelTimer(obj);
      if (eventPresent[obj]) {
        submit(obj);
      } else if (r.requeueAfterNanos() > 0) {
        long d = r.requeueAfterNanos();
        scheduleOnce(obj, d, Wake.timer(Cause.REQUEUE, d, null));
      } else {
        maxInterval(obj);
      }
    }
    dispatch();
  }

  /** {@code handleRetryOnException}. */
  private void failed(int obj) {
    if (eventPresent[obj]) {
      submit(obj);
      return;
    }
    eventPresent[obj] = true; // JOSDK marks the object; the next event or the timer submits it
    Scenario.Retry retry = josdk.retry();
    if (attempts[obj] >= retry.maxAttempts()) {
      maxInterval(obj);
      return;
    }
    if (attempts[obj] == 0) {
      intervalMs[obj] = retry.initialIntervalNanos() / MS;
    } else if (attempts[obj] > 1) {
      intervalMs[obj] =
          Math.min((long) (intervalMs[obj] * retry.multiplier()), retry.maxIntervalNanos() / MS);
    }
    attempts[obj]++;
    long d = intervalMs[obj] * MS;
    scheduleOnce(obj, d, Wake.timer(Cause.ERROR_RETRY, d, null));
  }

  private void maxInterval(int obj) {
    long m = josdk.maxReconciliationIntervalNanos();
    if (m > 0) {
      scheduleOnce(obj, m, Wake.timer(Cause.MAX_INTERVAL, m, null));
    }
  }

  /** {@code TimerEventSource.scheduleOnce}: replaces the object's pending task. */
  private void scheduleOnce(int obj, long delayNanos, Wake wake) {
    long g = ++timerGen[obj];
    long now = engine.now();
    long due = Math.floorDiv(now, MS) * MS + delayNanos / MS * MS;
    long fire = Math.max(now, due + operator.timerLatency().sample(random));
    engine.at(
        fire,
        () -> {
          if (timerGen[obj] == g) {
            enqueue(obj, wake);
          }
        });
  }

  private void cancelTimer(int obj) {
    timerGen[obj]++;
  }
}
