package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;

/**
 * Why one reconcile ran.
 *
 * @param confidence in [0, 1]: how sure the analysis is of {@code trigger}; 0.5 means "cannot tell"
 * @param timerSeconds the delay of the timer it was attributed to (the RequeueAfter, the backoff
 *     delay for an error retry, the resync interval); NaN for events
 * @param basis what decided, e.g. {@code object.reason}, {@code visible write}, {@code span link},
 *     {@code events file}, {@code error status}, {@code own write}, {@code backoff run}, {@code
 *     timer window}, {@code anchor window}, {@code resync burst}, {@code timing}, {@code first
 *     reconcile}
 */
public record Classification(
    Trigger trigger, Cause cause, double confidence, double timerSeconds, String basis) {

  /** The components before {@code basis} was added. */
  public Classification(Trigger trigger, Cause cause, double confidence, double timerSeconds) {
    this(trigger, cause, confidence, timerSeconds, "timing");
  }

  public static Classification event(Cause cause, double confidence) {
    return new Classification(Trigger.EVENT, cause, confidence, Double.NaN);
  }

  public static Classification timer(Cause cause, double confidence, double timerSeconds) {
    return new Classification(Trigger.TIMER, cause, confidence, timerSeconds);
  }

  static Classification event(Cause cause, double confidence, String basis) {
    return new Classification(Trigger.EVENT, cause, confidence, Double.NaN, basis);
  }

  static Classification timer(Cause cause, double confidence, double timerSeconds, String basis) {
    return new Classification(Trigger.TIMER, cause, confidence, timerSeconds, basis);
  }
}
