package io.github.wakeupanalyze.ingest.core;

import io.github.wakeupanalyze.text.Names;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamp and duration text as users and exporters write it, to epoch nanoseconds.
 *
 * <p>Accepted timestamps ({@link #parse}):
 *
 * <ul>
 *   <li>ISO-8601 / RFC 3339 date-time with {@code T} or a space between date and time, 0–9
 *       fractional digits after a point or a comma ({@code 12:00:00,123}, as log4j writes), and an
 *       optional zone {@code Z}, {@code +02:00}, {@code +0200} or {@code +02}; <b>no zone means
 *       UTC</b>: {@code 2024-05-01T12:00:00.5Z}, {@code 2024-05-01 12:00:00.123456789}.
 *   <li>Unix time as a non-negative decimal number, optionally with a fraction, its unit told by
 *       the magnitude of the integer part: below 10<sup>11</sup> seconds, below 10<sup>14</sup>
 *       milliseconds, below 10<sup>17</sup> microseconds, else nanoseconds (a time past the year
 *       2262 cannot be held in 64-bit nanoseconds and is out of range). So {@code 1714564800},
 *       {@code 1714564800.25}, {@code 1714564800250} and {@code 1714564800250000000} are the same
 *       instant. The assumption: times are after 1973-03-03 (10<sup>11</sup> ms), where the ranges
 *       cannot overlap.
 * </ul>
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message says what was expected and what was
 * found, ready to follow a location.
 */
public final class Timestamps {
  private static final BigDecimal E8 = BigDecimal.TEN.pow(8);
  private static final BigDecimal E11 = BigDecimal.TEN.pow(11);
  private static final BigDecimal E14 = BigDecimal.TEN.pow(14);
  private static final BigDecimal E17 = BigDecimal.TEN.pow(17);
  private static final Pattern NUMBER = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);

  private Timestamps() {}

  /** Whether {@code text} is a timestamp {@link #parse} accepts. */
  public static boolean isTimestamp(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A timestamp as epoch nanoseconds.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static long parse(String text) {
    String s = text.trim();
    if (!s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9' && s.indexOf('-') < 0) {
      return parseUnix(s);
    }
    return parseDateTime(s);
  }

  /**
   * Whether {@code text} reads as a time that a column of reconcile times would hold: an ISO-8601
   * date-time, or a unix number at or after 10<sup>8</sup> (1973-03-03 in seconds, the assumption
   * of the magnitude rule). Small numbers such as counts or durations are times to {@link #parse}
   * but not here, so a column of them is never taken for the time column.
   */
  public static boolean isPlausible(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      return false;
    }
    if (s.charAt(0) >= '0' && s.charAt(0) <= '9' && s.indexOf('-') < 0) {
      Matcher m = NUMBER.matcher(s);
      return m.matches() && new BigDecimal(m.group(1)).compareTo(E8) >= 0 && isTimestamp(s);
    }
    return isTimestamp(s);
  }

  /** Unix time, unit by magnitude (see the class comment). */
  static long parseUnix(String s) {
    Matcher m = NUMBER.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a time (unix seconds/ms/µs/ns or ISO-8601), found \""
              + Names.abbreviate(s)
              + "\"");
    }
    String integer = m.group(1);
    BigDecimal value = new BigDecimal(s);
    BigDecimal whole = new BigDecimal(integer);
    int shift;
    if (whole.compareTo(E11) < 0) {
      shift = 9; // seconds
    } else if (whole.compareTo(E14) < 0) {
      shift = 6; // milliseconds
    } else if (whole.compareTo(E17) < 0) {
      shift = 3; // microseconds
    } else {
      shift = 0; // nanoseconds
    }
    try {
      return value.movePointRight(shift).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "time out of range: \""
              + Names.abbreviate(s)
              + "\" is beyond the year 2262 in nanoseconds");
    }
  }

  /** An ISO-8601 date-time; no zone means UTC. */
  public static long parseDateTime(String text) {
    String s = text.trim();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    if (s.length() > 19 && s.charAt(19) == ',') {
      s = s.substring(0, 19) + '.' + s.substring(20); // ISO-8601 allows a decimal comma
    }
    Instant instant;
    try {
      TemporalAccessor t = DATE_TIME.parse(s);
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        instant = OffsetDateTime.from(t).toInstant();
      } else {
        instant = LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "expected a time (ISO-8601 such as "
              + "2024-05-01T12:00:00.123Z, or unix seconds/ms/µs/ns), found \""
              + Names.abbreviate(text)
              + "\"");
    }
    if (instant.getEpochSecond() < 0) {
      throw new IllegalArgumentException(
          "expected a time after 1970-01-01, found \"" + Names.abbreviate(text) + "\"");
    }
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "time out of range: \"" + Names.abbreviate(text) + "\" is beyond the year 2262");
    }
  }
}
