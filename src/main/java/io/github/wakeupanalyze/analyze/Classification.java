package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;

/**
 * Why one reconcile ran.
 *
 * @param confidence in [0, 1]: how sure the analysis is of {@code trigger}
 * @param timerSeconds the delay of the timer it was attributed to (the RequeueAfter, or the
 *     backoff delay for an error retry); NaN for events
 */
public record Classification(Trigger trigger, Cause cause, double confidence, double timerSeconds) {

  public static Classification event(Cause cause, double confidence) {
    return new Classification(Trigger.EVENT, cause, confidence, Double.NaN);
  }

  public static Classification timer(Cause cause, double confidence, double timerSeconds) {
    return new Classification(Trigger.TIMER, cause, confidence, timerSeconds);
  }
}
