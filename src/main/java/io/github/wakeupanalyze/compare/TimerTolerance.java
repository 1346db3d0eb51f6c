package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.text.Durations;
import java.util.Locale;

/**
 * How close two timers' delays must be to be the same timer: relative ({@code 5%}: the difference
 * is at most 5 % of the longer delay) or absolute ({@code 250ms}).
 *
 * @param value the fraction (0.05) when relative, seconds when absolute
 */
public record TimerTolerance(double value, boolean relative) {
  /**
   * The default, 5 %: wide enough for a RequeueAfter measured with jitter, narrow enough to tell 5
   * s from 5.5 s.
   */
  public static final TimerTolerance DEFAULT = new TimerTolerance(0.05, true);

  /** Parses {@code 5%} or a duration such as {@code 250ms}. */
  public static TimerTolerance parse(String text) {
    String t = text.trim();
    if (t.endsWith("%")) {
      try {
        double pct = Double.parseDouble(t.substring(0, t.length() - 1));
        if (pct >= 0 && pct < 100) {
          return new TimerTolerance(pct / 100, true);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a tolerance (expected a "
              + "percentage in [0, 100) such as 5%, or a duration such as 250ms)");
    }
    try {
      return new TimerTolerance(Durations.parseNanos(t) / 1e9, false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a tolerance (expected a "
              + "percentage such as 5%, or a duration such as 250ms)");
    }
  }

  public boolean matches(double delayA, double delayB) {
    double d = Math.abs(delayA - delayB);
    return relative ? d <= value * Math.max(delayA, delayB) + 1e-12 : d <= value + 1e-12;
  }

  @Override
  public String toString() {
    return relative
        ? trim(String.format(Locale.ROOT, "%.3f", 100 * value)) + "%"
        : trim(String.format(Locale.ROOT, "%.6f", value)) + "s";
  }

  private static String trim(String t) {
    t = t.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
