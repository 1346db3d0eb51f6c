package io.github.wakeupanalyze.analyze;

/** What the analysis concludes about one object's stream. */
public enum Verdict {
  /** At least one timer of the operator's own drives it. */
  TIMER("timer"),
  /** Enough gaps were tested and none shows a timer. */
  NO_TIMER("no-timer"),
  /** Too few gaps to tell whether a timer drives it. */
  INSUFFICIENT_DATA("insufficient-data");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The word used in reports, e.g. {@code no-timer}. */
  public String label() {
    return label;
  }
}
