package io.github.wakeupanalyze.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Fixed, locale-independent number formats for every writer: a decimal comma or a {@code -0.0}
 * never reaches a report, a CSV file or a CI log.
 */
public final class Numbers {
  private Numbers() {}

  /**
   * {@code v} with exactly {@code decimals} decimals, rounded half up on the shortest decimal that
   * reads back as {@code v} ({@code 0.125} to two decimals is {@code 0.13}); {@code NaN} and
   * infinities as {@code %f} writes them. Several times faster than {@code String.format}, which
   * matters once per row of a large CSV.
   */
  public static String fixed(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * With an explicit sign: {@code +2.2}, {@code -0.5}; a value that rounds to zero is {@code +0.0},
   * never {@code -0.0}.
   */
  public static String signed(double v, int decimals) {
    String s = fixed(v, decimals);
    if (s.startsWith("-")) {
      return new BigDecimal(s).signum() == 0 ? "+" + s.substring(1) : s;
    }
    return Double.isNaN(v) ? s : "+" + s;
  }

  /** A share in [0, 1] as a percentage with one decimal, {@code 95.1 %}; {@code n/a} for NaN. */
  public static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : fixed(100 * share, 1) + " %";
  }

  /**
   * A count and its noun: {@code 1 object}, {@code 1,204 reconciles} (thousands grouped, the plural
   * by an added {@code s}).
   */
  public static String count(long n, String word) {
    return String.format(Locale.ROOT, "%,d %s%s", n, word, n == 1 ? "" : "s");
  }

  /**
   * An English ordinal: {@code 1st}, {@code 2nd}, {@code 3rd}, {@code 4th}, {@code 11th}, {@code
   * 22nd}.
   */
  public static String ordinal(long n) {
    long tens = Math.abs(n) % 100;
    String suffix =
        tens >= 11 && tens <= 13
            ? "th"
            : switch ((int) (tens % 10)) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }
}
