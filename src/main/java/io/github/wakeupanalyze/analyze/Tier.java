package io.github.wakeupanalyze.analyze;

/** How narrow a timer's delay window is, relative to its delay. */
public enum Tier {
  /** Half-width at most {@code sharpLimit} (10 %) of the delay: a timer. */
  SHARP("sharp"),
  /** Wider: possibly a quasi-periodic event source rather than a timer (weaker evidence). */
  WIDE("wide");

  private final String label;

  Tier(String label) {
    this.label = label;
  }

  /** The word used in reports and {@code summary.json}, e.g. {@code sharp}. */
  public String label() {
    return label;
  }
}
