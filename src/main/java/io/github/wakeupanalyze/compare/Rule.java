package io.github.wakeupanalyze.compare;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --fail-on} threshold. Grammar:
 *
 * <pre>
 * RULE   = "new-timer"                      a candidate timer that matches no baseline timer
 *        | METRIC ":" SIGN NUMBER [UNIT]
 * SIGN   = "+"                              fail when the candidate is higher by more than ...
 *        | "-"                              fail when the candidate is lower by more than ...
 * UNIT   = "%"                              ... this percentage of the baseline (relative)
 *        | "pp"                             ... this many percentage points (share metrics only)
 *        | (none)                           ... this much in the metric's own unit (absolute)
 * METRIC = one of {@link Metric}'s names, e.g. wakeups-per-hour, timer-share, unloaded-share
 * </pre>
 *
 * <p>Examples: {@code wakeups-per-hour:+10%}, {@code timer-share:+5pp}, {@code
 * writes-per-wakeup:+20%}, {@code unloaded-share:-10pp}, {@code timers:+0}, {@code new-timer}.
 * "More than" is strict: a change of exactly the threshold passes. A relative threshold on a
 * baseline of 0 fails for any increase (the change is infinite).
 *
 * <p>A threshold no change could exceed is refused, because a gate that can never fail lies: a
 * share (in [0, 1]) moves by less than 1 absolute or 100 pp, and nothing falls by 100 % or more. So
 * {@code timer-share:+10} (1000 pp) is a usage error that suggests {@code +10pp}.
 *
 * @param text the rule as written
 * @param metric null for {@code new-timer}
 * @param sign +1 or -1: the direction that regresses
 * @param amount the threshold, at least 0, in the unit's terms (10 for 10 %)
 */
public record Rule(String text, Metric metric, int sign, double amount, Unit unit) {
  /** How the threshold is measured. */
  public enum Unit {
    PERCENT("%"),
    POINTS("pp"),
    ABSOLUTE("");

    private final String suffix;

    Unit(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  private static final Pattern THRESHOLD =
      Pattern.compile("([a-z-]+):([+-])(\\d+(?:\\.\\d+)?)(%|pp)?");

  public boolean newTimer() {
    return metric == null;
  }

  /**
   * Parses one rule.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static Rule parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("new-timer")) {
      return new Rule(t, null, 0, 0, Unit.ABSOLUTE);
    }
    Matcher m = THRESHOLD.matcher(t);
    if (!m.matches()) {
      int colon = t.indexOf(':');
      if (colon > 0 && Metric.fromCliName(t.substring(0, colon)) == null) {
        throw new IllegalArgumentException(
            "unknown metric \""
                + t.substring(0, colon)
                + "\" in rule \""
                + text
                + "\" (expected new-timer or one of "
                + metricNames()
                + ")");
      }
      throw new IllegalArgumentException(
          "malformed rule \""
              + text
              + "\": expected new-timer or "
              + "METRIC:+N%, METRIC:-N%, METRIC:+Npp (shares) or METRIC:+N (absolute), e.g. "
              + "wakeups-per-hour:+10%");
    }
    Metric metric = Metric.fromCliName(m.group(1));
    if (metric == null) {
      throw new IllegalArgumentException(
          "unknown metric \""
              + m.group(1)
              + "\" in rule \""
              + text
              + "\" (expected new-timer or one of "
              + metricNames()
              + ")");
    }
    Unit unit =
        m.group(4) == null ? Unit.ABSOLUTE : m.group(4).equals("%") ? Unit.PERCENT : Unit.POINTS;
    if (unit == Unit.POINTS && !metric.share()) {
      throw new IllegalArgumentException(
          "rule \""
              + text
              + "\": pp (percentage points) applies "
              + "to shares only; "
              + metric.cliName()
              + " is not a share, use % or an absolute number");
    }
    int sign = m.group(2).equals("+") ? 1 : -1;
    double amount = Double.parseDouble(m.group(3));
    checkRange(text, metric, sign, amount, unit);
    return new Rule(t, metric, sign, amount, unit);
  }

  /** Refuses a threshold that no change of the metric could exceed. */
  private static void checkRange(String text, Metric metric, int sign, double amount, Unit unit) {
    String why = null;
    if (metric.share() && unit == Unit.ABSOLUTE && amount >= 1) {
      why =
          metric.cliName()
              + " is a share between 0 and 1, so it never changes by more than 1; for "
              + fmt(amount)
              + " percentage points write "
              + (sign > 0 ? "+" : "-")
              + fmt(amount)
              + "pp";
    } else if (metric.share() && unit == Unit.POINTS && amount >= 100) {
      why =
          metric.cliName()
              + " is a share between 0 and 1: it never changes by 100 percentage points or more";
    } else if (unit == Unit.PERCENT && sign < 0 && amount >= 100) {
      why = metric.cliName() + " (" + metric.unit() + ") cannot fall by 100 % or more";
    }
    if (why != null) {
      throw new IllegalArgumentException("rule \"" + text + "\" can never fail: " + why);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * The regression measured in the unit of the threshold, positive in the direction that fails (NaN
   * when unknown): e.g. 20 for a 20 % increase under a {@code +N%} rule.
   */
  double regression(Change c) {
    double v =
        switch (unit) {
          case PERCENT -> 100 * c.relative();
          case POINTS -> 100 * c.difference();
          case ABSOLUTE -> c.difference();
        };
    if (unit == Unit.PERCENT && c.known() && c.baseline() == 0 && c.candidate() == 0) {
      v = 0;
    }
    return sign * v;
  }

  /** True when the change exceeds the threshold; false when it does not or is unknown. */
  boolean exceeded(Change c) {
    double r = regression(c);
    return !Double.isNaN(r) && r > amount;
  }

  static String metricNames() {
    StringBuilder sb = new StringBuilder();
    for (Metric m : Metric.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(m.cliName());
    }
    return sb.toString();
  }
}
