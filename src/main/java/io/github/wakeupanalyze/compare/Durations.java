package io.github.wakeupanalyze.compare;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line: {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 1h}.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|min|h)");

  private Durations() {}

  /**
   * Parses a duration with its unit into nanoseconds.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static long parseNanos(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a duration (expected a number "
              + "and a unit: ms, s, m or h, e.g. 5s or 500ms)");
    }
    double v = Double.parseDouble(m.group(1));
    double scale =
        switch (m.group(2)) {
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m", "min" -> 60e9;
          default -> 3600e9;
        };
    double nanos = v * scale;
    if (nanos > Long.MAX_VALUE / 4) {
      throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
    }
    return Math.round(nanos);
  }
}
