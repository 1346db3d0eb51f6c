package io.github.wakeupanalyze.analyze;

/** What drives a timer the analysis found. */
public enum TimerSource {
  /** The operator asked to be run again after a delay (RequeueAfter, {@code rescheduleAfter}). */
  REQUEUE("requeue"),
  /** Backoff after an error return. */
  ERROR_RETRY("error-retry"),
  /** Informer resync: synchronized bursts across a controller's objects. */
  RESYNC("resync"),
  /**
   * A periodic source outside the operator: visible writes explain it, or its start→start lattice
   * is tighter than its end→start gaps.
   */
  EXTERNAL_PERIODIC("external-periodic");

  private final String label;

  TimerSource(String label) {
    this.label = label;
  }

  /** The word used in reports and {@code summary.json}, e.g. {@code requeue}. */
  public String label() {
    return label;
  }
}
