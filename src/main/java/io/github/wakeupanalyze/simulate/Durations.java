package io.github.wakeupanalyze.simulate;

import java.math.BigDecimal;

/**
 * Go-style durations ({@code 5s}, {@code 150ms}, {@code 1m30s}, {@code 10h}) to nanoseconds and
 * back.
 */
public final class Durations {
  private Durations() {}

  /**
   * Parses a duration: one or more number+unit pairs with units {@code ns us µs ms s m h d}, or a
   * plain number of seconds.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static long parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw bad(text);
    }
    try {
      return secondsToNanos(new BigDecimal(s));
    } catch (NumberFormatException notPlain) {
      // number+unit pairs below
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      int numStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (i == numStart) {
        throw bad(text);
      }
      BigDecimal value;
      try {
        value = new BigDecimal(s.substring(numStart, i));
      } catch (NumberFormatException e) {
        throw bad(text);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unit =
          switch (s.substring(unitStart, i)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw bad(text);
          };
      total = Math.addExact(total, value.multiply(BigDecimal.valueOf(unit)).longValue());
    }
    return total;
  }

  static long secondsToNanos(BigDecimal seconds) {
    return seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
  }

  /**
   * Nanoseconds as plain decimal seconds, no trailing zeros: {@code 5}, {@code 0.005}, {@code
   * 36000}.
   */
  public static String seconds(long nanos) {
    BigDecimal d = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "expected a duration like 5s, 150ms, 1m30s or a number of seconds, found \"" + text + "\"");
  }
}
