package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.Cause;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A kube-rs {@code Controller} (kube-runtime {@code controller/mod.rs}, {@code scheduler.rs},
 * {@code controller/runner.rs}).
 *
 * <ul>
 *   <li>The scheduler keeps at most one request per object: a new request replaces a scheduled one
 *       only if it is due no later ({@code run_at >= next_time}), taking over its reason; a later
 *       one is dropped ("earliest pending"). So an event consumes a pending requeue (reset
 *       semantics).
 *   <li>A request that falls due while its object is being reconciled is held as pending and runs
 *       right after ({@code hold_unless}); while it is pending, further requests for the object are
 *       dropped ("can't even expedite it"). This model applies the finished reconcile's own requeue
 *       request before releasing the held one, so the requeue is dropped in that case.
 *   <li>{@code Action::requeue(d)} on success schedules {@code d} after the reconcile ends, reason
 *       {@code reconciler requested retry}; {@code Action::await_change()} (requeueAfter 0)
 *       schedules nothing; an error goes to {@code error_policy}, modelled as a fixed {@code
 *       Action::requeue(errorPolicyRequeue)}, reason {@code error policy requested retry}.
 *   <li>Watch events: {@code object updated}, or {@code related object updated: <ref>} for owned
 *       objects; {@code reconcile_all_on} triggers {@code bulk reconcile requested}.
 *   <li>Concurrency: unbounded by default ({@code Config::concurrency(0)}); one reconcile per
 *       object at a time.
 * </ul>
 */
final class KubeRsController extends ControllerModel {
  private static final long NONE = Long.MIN_VALUE;

  private final long[] runAt;
  private final Wake[] scheduled;
  private final long[] gen;
  private final boolean[] pending;
  private final Wake[] pendingWake;
  private final boolean[] running;
  private final ArrayDeque<Integer> pendingOrder = new ArrayDeque<>();
  private int runningCount;

  KubeRsController(
      Engine engine,
      Scenario.Operator operator,
      Scenario.Controller spec,
      SplittableRandom random,
      IdSource ids,
      SimSink sink) {
    super(engine, operator, spec, random, ids, sink);
    int n = spec.objects().size();
    runAt = new long[n];
    Arrays.fill(runAt, NONE);
    scheduled = new Wake[n];
    gen = new long[n];
    pending = new boolean[n];
    pendingWake = new Wake[n];
    running = new boolean[n];
  }

  @Override
  void start() {
    super.start();
    long every = spec.bulkEveryNanos();
    if (every > 0) {
      engine.every(
          engine.now() + every,
          every,
          () -> {
            for (int i = 0; i < objects.size(); i++) {
              enqueue(i, Wake.timer(Cause.RESYNC, every, Wake.BULK));
            }
          });
    }
  }

  @Override
  void enqueue(int obj, Wake wake) {
    schedule(obj, engine.now(), wake);
  }

  private void schedule(int obj, long at, Wake wake) {
    if (pending[obj]) {
      return;
    }
    if (runAt[obj] != NONE && runAt[obj] < at) {
      return;
    }
    runAt[obj] = at;
    scheduled[obj] = wake;
    long g = ++gen[obj];
    engine.at(
        at,
        () -> {
          if (gen[obj] == g && runAt[obj] != NONE) {
            runAt[obj] = NONE;
            pending[obj] = true;
            pendingWake[obj] = scheduled[obj];
            pendingOrder.add(obj);
            release();
          }
        });
  }

  /** Starts held requests whose object is idle, in the order they fell due. */
  private void release() {
    int n = pendingOrder.size();
    for (int i = 0; i < n; i++) {
      int obj = pendingOrder.poll();
      int limit = spec.maxConcurrentReconciles();
      if (running[obj] || (limit > 0 && runningCount >= limit)) {
        pendingOrder.add(obj);
        continue;
      }
      pending[obj] = false;
      running[obj] = true;
      runningCount++;
      Wake w = pendingWake[obj];
      reconcile(obj, w, engine.now() + dispatchLatency(), r -> finished(obj, r));
    }
  }

  private void finished(int obj, Result r) {
    running[obj] = false;
    runningCount--;
    long now = engine.now();
    if (r.error()) {
      long d = spec.errorPolicyRequeueNanos();
      schedule(obj, now + d, Wake.timer(Cause.ERROR_RETRY, d, Wake.ERROR_POLICY_RETRY));
    } else if (r.requeueAfterNanos() > 0) {
      long d = r.requeueAfterNanos();
      schedule(obj, now + d, Wake.timer(Cause.REQUEUE, d, Wake.RECONCILER_RETRY));
    }
    release();
  }
}
