package io.github.wakeupanalyze.model;

/**
 * Span attributes with which readers of non-trace inputs (operator logs, timestamp CSVs) hand what
 * their records state about a reconcile to the extractor, which turns them into {@link Reconcile}
 * fields. Trace exports never carry them; a span that does is taken at its word.
 */
public final class WakeupAttributes {
  /** {@code timer}, {@code event} or {@code retry}: {@link TriggerHint}, lower case. */
  public static final String TRIGGER = "wakeup.trigger";

  /** The requeue delay the reconcile asked for, in nanoseconds, as a decimal string. */
  public static final String REQUEUE_AFTER_NANOS = "wakeup.requeue_after_ns";

  /**
   * {@code true} on a reconcile from a record that holds every reconcile (an operator's log, which
   * is never sampled): a trace's reconcile at the same time in the same stream is the same one.
   */
  public static final String COMPLETE = "wakeup.complete";

  /**
   * Whether {@code s} is a reconcile of a record that holds every reconcile ({@link #COMPLETE}).
   */
  public static boolean complete(Span s) {
    return "true".equals(s.attribute(COMPLETE));
  }

  /** The controller, where the record names it apart from the span name. */
  public static final String CONTROLLER = "controller";

  private WakeupAttributes() {}
}
