package io.github.wakeupanalyze.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The one home for durations: parsing what users and traces write, and formatting what the reports
 * print.
 *
 * <p>Grammar (Go's {@code time.ParseDuration}, which controller-runtime logs and Jaeger JSON use,
 * plus {@code min} and {@code d}): one or more {@code number unit} pairs without spaces, e.g.
 * {@code 5s}, {@code 150ms}, {@code 1m30s}, {@code 0.000005s}, {@code 1.5h}; units {@code ns},
 * {@code us} ({@code µs}, {@code μs}), {@code ms}, {@code s}, {@code m} ({@code min}), {@code h},
 * {@code d}. A bare number of seconds ({@code 1.5}) is accepted only where the caller says so
 * (scenario files), because on a command line or in a trace a bare number is ambiguous.
 */
public final class Durations {
  private static final long NS_PER_S = 1_000_000_000L;

  private Durations() {}

  /**
   * Parses a duration with units into nanoseconds.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static long parseNanos(String text) {
    return parseNanos(text, false);
  }

  /**
   * Parses a duration into nanoseconds; with {@code bareSeconds}, a plain number is seconds.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static long parseNanos(String text, boolean bareSeconds) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw bad(text, bareSeconds);
    }
    if (bareSeconds && isPlainNumber(s)) {
      return toNanos(new BigDecimal(s), text);
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int numStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (i == numStart) {
        throw bad(text, bareSeconds);
      }
      BigDecimal value;
      try {
        String num = s.substring(numStart, i);
        value = new BigDecimal(num.startsWith(".") ? "0" + num : num);
      } catch (NumberFormatException e) {
        throw bad(text, bareSeconds);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unit = unitNanos(s.substring(unitStart, i).toLowerCase(Locale.ROOT));
      if (unit < 0) {
        throw bad(text, bareSeconds);
      }
      total = total.add(value.multiply(BigDecimal.valueOf(unit)));
    }
    return toNanos(total.movePointLeft(9), text);
  }

  private static boolean isPlainNumber(String s) {
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!Character.isDigit(c)) {
        return false;
      }
    }
    return dots <= 1 && !s.equals(".");
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> NS_PER_S;
      case "m", "min" -> 60 * NS_PER_S;
      case "h" -> 3600 * NS_PER_S;
      case "d" -> 86_400 * NS_PER_S;
      default -> -1L;
    };
  }

  private static long toNanos(BigDecimal seconds, String text) {
    try {
      return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "duration out of range: \"" + Names.abbreviate(text) + "\" exceeds 2^63 nanoseconds");
    }
  }

  private static IllegalArgumentException bad(String text, boolean bareSeconds) {
    return new IllegalArgumentException(
        "expected a duration like "
            + (bareSeconds ? "5s, 150ms, 1m30s or a number of seconds" : "5s, 150ms or 1m30s")
            + ", found \""
            + Names.abbreviate(text == null ? "" : text)
            + "\"");
  }

  /**
   * Nanoseconds as exact plain decimal seconds, no trailing zeros: {@code 5}, {@code 0.005}, {@code
   * 36000}. For machine-read files.
   */
  public static String plainSeconds(long nanos) {
    BigDecimal d = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /**
   * Seconds with up to 6 decimals and no trailing zeros: {@code 5}, {@code 5.15}, {@code 0.000123};
   * empty for NaN. For machine-read files.
   */
  public static String plainSeconds(double s) {
    if (Double.isNaN(s)) {
      return "";
    }
    if (Double.isInfinite(s)) {
      return s > 0 ? "inf" : "-inf";
    }
    return BigDecimal.valueOf(s)
        .setScale(6, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * A duration for people, in the largest unit that keeps it readable, with up to three significant
   * digits: {@code 5 s}, {@code 5.15 s}, {@code 150 ms}, {@code 12 µs}, {@code 10 min}, {@code 10
   * h}, {@code 3 d}; {@code n/a} for NaN or infinity.
   */
  public static String human(double s) {
    if (Double.isNaN(s) || Double.isInfinite(s)) {
      return "n/a";
    }
    double a = Math.abs(s);
    if (a == 0) {
      return "0 s";
    }
    if (a < 1e-3) {
      return sig3(s * 1e6) + " µs";
    }
    if (a < 1) {
      return sig3(s * 1e3) + " ms";
    }
    if (a < 120) {
      return sig3(s) + " s";
    }
    if (a < 7200) {
      return sig3(s / 60) + " min";
    }
    if (a < 172_800) {
      return sig3(s / 3600) + " h";
    }
    return sig3(s / 86_400) + " d";
  }

  /** Three significant digits, plain, trailing zeros removed: {@code 5.15}, {@code 150}. */
  private static String sig3(double v) {
    double a = Math.abs(v);
    int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    return trimZeros(
        BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
  }

  /** {@code 5.10} → {@code 5.1}, {@code 5.00} → {@code 5}; other text unchanged. */
  public static String trimZeros(String t) {
    if (t.indexOf('.') < 0 || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
      return t;
    }
    int end = t.length();
    while (t.charAt(end - 1) == '0') {
      end--;
    }
    if (t.charAt(end - 1) == '.') {
      end--;
    }
    return t.substring(0, end);
  }
}
