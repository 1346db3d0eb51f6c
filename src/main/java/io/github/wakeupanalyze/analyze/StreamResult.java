package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.StreamKey;
import java.util.List;

/**
 * The analysis of one (operator, controller, object) stream.
 *
 * @param insufficientData true when the data cannot decide whether the stream has a timer (too few
 *     gaps to test); its timer-free verdict then means "cannot tell", not "no timer"
 * @param verdict whether a timer drives it, none does, or the data cannot tell
 * @param notes honest limits and caveats in plain words, e.g. "earliest-deadline queue suspected
 *     …"; may be empty
 */
public record StreamResult(
    StreamKey key,
    int reconciles,
    int timerDriven,
    List<TimerFinding> timers,
    boolean insufficientData,
    Verdict verdict,
    List<String> notes) {
  public StreamResult {
    timers = List.copyOf(timers);
    notes = List.copyOf(notes);
  }

  /** The components before {@code verdict} and {@code notes} were added. */
  public StreamResult(
      StreamKey key,
      int reconciles,
      int timerDriven,
      List<TimerFinding> timers,
      boolean insufficientData) {
    this(
        key,
        reconciles,
        timerDriven,
        timers,
        insufficientData,
        !timers.isEmpty()
            ? Verdict.TIMER
            : insufficientData ? Verdict.INSUFFICIENT_DATA : Verdict.NO_TIMER,
        List.of());
  }
}
