package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.unload.OperatorUnload;
import java.util.List;

/**
 * One operator of one side.
 *
 * @param controllers sorted by name
 * @param unload the unload model's results it carries, one per unload-after time (may be empty)
 * @param sampling how the analysis marked a sampled trace, e.g. {@code sampled p≈0.10 (inferred)};
 *     "" when not sampled (or the summary.json predates the mark)
 */
public record OperatorSnapshot(
    String operator,
    List<ControllerSnapshot> controllers,
    List<OperatorUnload> unload,
    String sampling) {
  public OperatorSnapshot {
    controllers = List.copyOf(controllers);
    unload = List.copyOf(unload);
    sampling = sampling == null ? "" : sampling;
  }

  /** An operator of a complete trace. */
  public OperatorSnapshot(
      String operator, List<ControllerSnapshot> controllers, List<OperatorUnload> unload) {
    this(operator, controllers, unload, "");
  }

  int reconciles() {
    return controllers.stream().mapToInt(ControllerSnapshot::reconciles).sum();
  }

  int timerDriven() {
    return controllers.stream().mapToInt(ControllerSnapshot::timerDriven).sum();
  }

  /** Sum over controllers, or -1 when any controller does not say. */
  long apiWrites() {
    return sumKnown(controllers.stream().mapToLong(ControllerSnapshot::apiWrites).toArray());
  }

  long callsRecorded() {
    return controllers.stream().mapToLong(ControllerSnapshot::callsRecorded).sum();
  }

  long errors() {
    return sumKnown(controllers.stream().mapToLong(ControllerSnapshot::errors).toArray());
  }

  int timers() {
    return controllers.stream().mapToInt(c -> c.timers().size()).sum();
  }

  private static long sumKnown(long[] xs) {
    long s = 0;
    for (long x : xs) {
      if (x < 0) {
        return -1;
      }
      s += x;
    }
    return s;
  }
}
