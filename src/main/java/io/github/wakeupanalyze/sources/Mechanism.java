package io.github.wakeupanalyze.sources;

/** How a call site makes the controller reconcile again. */
public enum Mechanism {
  /**
   * A timer for this object: {@code Result{RequeueAfter: d}}, {@code Action::requeue(d)}, {@code
   * rescheduleAfter(d)}.
   */
  REQUEUE_AFTER("requeue-after"),
  /**
   * {@code Result{Requeue: true}}: back into the queue through the controller's rate limiter (5 ms
   * doubling per failure up to 1000 s by default), no fixed delay.
   */
  REQUEUE("requeue"),
  /** {@code Action::await_change()}: no timer, the object waits for a watch event. */
  AWAIT_CHANGE("await-change"),
  /**
   * A period for every object: the informer's {@code SyncPeriod}, {@code
   * MaxReconciliationInterval}.
   */
  RESYNC("resync"),
  /** Retry after an error: workqueue rate limiters, GradualRetry, GenericRetry; the first delay. */
  BACKOFF("backoff"),
  /** kube-rs' {@code Config::debounce}: events closer than this are merged into one reconcile. */
  DEBOUNCE("debounce"),
  /** kube-rs' {@code reconcile_all_on(stream)}: every object reconciles when the stream fires. */
  RECONCILE_ALL("reconcile-all");

  private final String label;

  Mechanism(String label) {
    this.label = label;
  }

  /** The name in outputs, e.g. {@code requeue-after}. */
  public String label() {
    return label;
  }
}
