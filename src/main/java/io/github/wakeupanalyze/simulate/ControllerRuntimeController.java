package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.Cause;
import java.util.SplittableRandom;

/**
 * A controller-runtime controller: {@code MaxConcurrentReconciles} workers over a {@link
 * WorkQueue}, and the result handling of {@code reconcileHandler}
 * (kubernetes-sigs/controller-runtime {@code pkg/internal/controller/controller.go}):
 *
 * <ul>
 *   <li>error → {@code AddRateLimited} (backoff from {@link RateLimiter}, cause error-retry);
 *   <li>{@code RequeueAfter > 0} → {@code Forget} + {@code AddAfter(RequeueAfter)}, counted from
 *       the moment Reconcile returns (cause requeue);
 *   <li>otherwise → {@code Forget};
 *   <li>then {@code Done}, which re-queues a key that became dirty while it was reconciled.
 * </ul>
 *
 * <p>SyncPeriod resync (kubernetes-sigs/controller-runtime {@code pkg/cache/internal/informers.go}
 * {@code calculateResyncPeriod}): the period is multiplied once per informer by a factor drawn from
 * [0.9, 1.1), then every object is re-delivered as an update every period, in list order. A resync
 * does not change the generation, so a generation-changed predicate drops it.
 */
final class ControllerRuntimeController extends ControllerModel {
  private final WorkQueue queue;
  private final RateLimiter limiter;
  private int busy;

  ControllerRuntimeController(
      Engine engine,
      Scenario.Operator operator,
      Scenario.Controller spec,
      SplittableRandom random,
      IdSource ids,
      SimSink sink) {
    super(engine, operator, spec, random, ids, sink);
    int n = spec.objects().size();
    queue =
        operator.queue() == Scenario.QueueFlavor.LEGACY
            ? new ClientGoQueue(engine, n, this::dispatch)
            : new PriorityWorkQueue(engine, n, this::dispatch);
    limiter = new RateLimiter(n);
  }

  @Override
  void start() {
    super.start();
    if (spec.syncPeriodNanos() > 0) {
      double factor = random.nextDouble() / 5.0 + 0.9;
      long period = (long) (spec.syncPeriodNanos() * factor);
      engine.every(
          engine.now() + period,
          period,
          () -> {
            for (int i = 0; i < objects.size(); i++) {
              watchEvent(i, Wake.timer(Cause.RESYNC, period, null), false);
            }
          });
    }
  }

  @Override
  void enqueue(int obj, Wake wake) {
    queue.add(obj, wake);
  }

  /** Hands ready keys to idle workers. */
  private void dispatch() {
    while (busy < spec.maxConcurrentReconciles()) {
      WorkQueue.Taken t = queue.get();
      if (t == null) {
        return;
      }
      busy++;
      int key = t.key();
      reconcile(key, t.wake(), engine.now() + dispatchLatency(), r -> finished(key, r));
    }
  }

  private void finished(int key, Result r) {
    if (r.error()) {
      long delay = limiter.when(key, engine.now());
      queue.addAfter(key, delay, Wake.timer(Cause.ERROR_RETRY, delay, null));
    } else {
      limiter.forget(key);
      if (r.requeueAfterNanos() > 0) {
        queue.addAfter(
            key, r.requeueAfterNanos(), Wake.timer(Cause.REQUEUE, r.requeueAfterNanos(), null));
      }
    }
    busy--;
    queue.done(key);
    dispatch();
  }
}
