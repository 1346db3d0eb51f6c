package io.github.wakeupanalyze.compare;

import java.util.List;

/**
 * One controller of one side, in counts; rates are derived with the side's window.
 *
 * @param apiWrites API writes made by its reconciles, or -1 when the side does not say (a
 *     summary.json written before the field existed)
 * @param errors reconciles that ended in error, or -1 when the side does not say
 * @param timers sorted by delay
 * @param callsRecorded reconciles whose API calls were recorded, the denominator of writes per
 *     wake-up (fewer than {@code reconciles} where some were found only in an operator's log)
 */
public record ControllerSnapshot(
    String controller,
    int reconciles,
    int timerDriven,
    long apiWrites,
    long errors,
    List<TimerSnapshot> timers,
    long callsRecorded) {
  public ControllerSnapshot {
    timers = List.copyOf(timers);
  }

  /** A controller every reconcile of which had its calls recorded. */
  public ControllerSnapshot(
      String controller,
      int reconciles,
      int timerDriven,
      long apiWrites,
      long errors,
      List<TimerSnapshot> timers) {
    this(controller, reconciles, timerDriven, apiWrites, errors, timers, reconciles);
  }
}
