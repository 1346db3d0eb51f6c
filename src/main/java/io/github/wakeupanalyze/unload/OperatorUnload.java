package io.github.wakeupanalyze.unload;

/**
 * The unload model for one operator and one unload-after time, as observed and without its
 * timer-driven reconciles.
 *
 * @param operator e.g. {@code percona-server-mongodb-operator}
 * @param observed every reconcile of the trace
 * @param withoutTimers the counterfactual: timer-driven reconciles removed, event-driven ones kept
 *     at the times they ran
 */
public record OperatorUnload(String operator, UnloadResult observed, UnloadResult withoutTimers) {
  public OperatorUnload {
    if (observed.unloadAfterNanos() != withoutTimers.unloadAfterNanos()
        || observed.windowNanos() != withoutTimers.windowNanos()) {
      throw new IllegalArgumentException("observed and counterfactual differ in T or window");
    }
  }

  public long unloadAfterNanos() {
    return observed.unloadAfterNanos();
  }

  /**
   * Reloads the timers cost: observed minus without timers (negative when the timers kept the
   * operator loaded between events: see {@link UnloadAnalysis}).
   */
  public long reloadsAvoided() {
    return observed.reloads() - withoutTimers.reloads();
  }

  /** Unloaded time removing the timers would gain, ns. */
  public long unloadedGainedNanos() {
    return withoutTimers.unloadedNanos() - observed.unloadedNanos();
  }
}
