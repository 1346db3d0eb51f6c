package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.StreamKey;
import java.util.List;

/**
 * The analysis of one (operator, controller, object) stream.
 *
 * @param insufficientData true when the stream has too few reconciles for any timer to be found;
 *     its timer-free verdict then means "cannot tell", not "no timer"
 */
public record StreamResult(
    StreamKey key, int reconciles, int timerDriven, List<TimerFinding> timers, boolean insufficientData) {
  public StreamResult {
    timers = List.copyOf(timers);
  }
}
