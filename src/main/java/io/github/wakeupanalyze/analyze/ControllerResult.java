package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Cause;
import java.util.List;
import java.util.Map;

/**
 * The analysis of one controller of one operator, pooled over its objects.
 *
 * @param causes reconciles per cause, every cause present (zero when none)
 * @param timers timers found: streams' timers with overlapping windows merged, timers found only by
 *     pooling the objects' gaps, and resync bursts; by delay
 * @param insufficientDataObjects objects with too few reconciles to tell
 * @param notes honest limits and caveats in plain words; may be empty
 * @param sampling with what probability its reconciles were kept in the trace, stated or inferred
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
    int insufficientDataObjects,
    List<String> notes,
    SamplingEstimate sampling) {
  public ControllerResult {
    sampling = sampling == null ? SamplingEstimate.UNKNOWN : sampling;
    causes = Map.copyOf(causes);
    timers = List.copyOf(timers);
    notes = List.copyOf(notes);
  }
}
