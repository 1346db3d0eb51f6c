package io.github.wakeupanalyze.analyze.numeric;

/**
 * Counts against what chance puts there: one home for the margin the engine's count rules ask of a
 * count before they read it as more than coincidence.
 */
public final class Chance {
  private Chance() {}

  /**
   * True when {@code observed} exceeds the chance count E by more than three of its Poisson
   * standard deviations plus {@code slack}: observed > E + 3√E + slack. The slack keeps a handful
   * of coincidences from counting where E is near 0 (2 for a stream's own count, 3 for a test that
   * pools several streams).
   */
  public static boolean beyond(double observed, double expected, double slack) {
    return observed > expected + 3 * Math.sqrt(expected) + slack;
  }

  /**
   * The chance that some of a Poisson stream's events (rate per second) falls in a window of this
   * width, seconds: 1 − e^(−rate·width).
   */
  public static double someIn(double rate, double width) {
    return -Math.expm1(-rate * width);
  }
}
