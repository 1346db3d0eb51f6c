package io.github.wakeupanalyze.unload;

import java.util.List;

/**
 * One operator's unload table: the idle-timeout policy at each unload-after time, and the
 * predictive policy at each reload lead.
 *
 * @param idle by unload-after time, in the order asked for
 * @param predictive by reload lead, in the order asked for; empty when none was asked for
 */
public record UnloadTable(List<OperatorUnload> idle, List<PredictiveResult> predictive) {
  /** No rows: an operator without reconciles. */
  public static final UnloadTable EMPTY = new UnloadTable(List.of(), List.of());

  public UnloadTable {
    idle = List.copyOf(idle);
    predictive = List.copyOf(predictive);
  }
}
