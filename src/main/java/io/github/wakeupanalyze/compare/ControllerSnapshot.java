package io.github.wakeupanalyze.compare;

import java.util.List;

/**
 * One controller of one side, in counts; rates are derived with the side's window.
 *
 * @param apiWrites API writes made by its reconciles, or -1 when the side does not say (a
 *     summary.json written before the field existed)
 * @param errors reconciles that ended in error, or -1 when the side does not say
 * @param timers sorted by delay
 */
public record ControllerSnapshot(
    String controller,
    int reconciles,
    int timerDriven,
    long apiWrites,
    long errors,
    List<TimerSnapshot> timers) {
  public ControllerSnapshot {
    timers = List.copyOf(timers);
  }
}
