package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Cause;
import java.util.List;
import java.util.Map;

/**
 * The analysis of one controller of one operator, pooled over its objects.
 *
 * @param causes reconciles per cause, every cause present (zero when none)
 * @param timers timers found, streams' timers with the same delay merged, by delay
 * @param insufficientDataObjects objects with too few reconciles to tell
 */
public record ControllerResult(
    String operator,
    String controller,
    int objects,
    int reconciles,
    int eventDriven,
    int timerDriven,
    Map<Cause, Integer> causes,
    List<TimerFinding> timers,
    int insufficientDataObjects) {
  public ControllerResult {
    causes = Map.copyOf(causes);
    timers = List.copyOf(timers);
  }
}
