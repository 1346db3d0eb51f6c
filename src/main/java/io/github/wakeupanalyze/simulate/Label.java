package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.model.Trigger;

/**
 * The ground truth of one simulated reconcile: one line of {@code labels.csv}.
 *
 * @param startNanos reconcile start, epoch nanoseconds
 * @param endNanos reconcile end, epoch nanoseconds
 * @param object as the extractor names it: {@code namespace/name}, or the kube-rs object ref
 * @param cause what woke the reconcile
 * @param periodNanos delay of the timer behind a timer-driven reconcile; 0 for events
 * @param error the reconcile returned an error
 * @param reason kube-rs {@code object.reason} (also when it is omitted from the span), else null
 * @param kept the reconcile's span is in the trace: false when head sampling dropped its trace or
 *     its span was lost on the way (the reconcile still happened)
 */
public record Label(
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    long startNanos,
    long endNanos,
    String operator,
    String controller,
    String object,
    Cause cause,
    long periodNanos,
    boolean error,
    String reason,
    boolean kept) {

  /**
   * This label as recorded: times shifted by the operator's clock offset, and whether it is kept.
   */
  Label recorded(long offsetNanos, boolean isKept) {
    return new Label(
        traceIdHigh,
        traceIdLow,
        spanId,
        startNanos + offsetNanos,
        endNanos + offsetNanos,
        operator,
        controller,
        object,
        cause,
        periodNanos,
        error,
        reason,
        isKept);
  }

  /** Event or timer: requeue, resync and error retries are timers; everything else an event. */
  public Trigger truth() {
    return truth(cause);
  }

  static Trigger truth(Cause c) {
    return switch (c) {
      case REQUEUE, RESYNC, ERROR_RETRY, MAX_INTERVAL -> Trigger.TIMER;
      default -> Trigger.EVENT;
    };
  }

  public String traceIdHex() {
    return Ids.hex(traceIdHigh, traceIdLow);
  }

  public String spanIdHex() {
    return Ids.hex(spanId);
  }
}
