package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.core.Timestamps;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Times as log lines write them, to epoch nanoseconds; and the completion of times that lack a
 * date.
 *
 * <ul>
 *   <li>Complete: ISO-8601 / RFC 3339 with {@code T} or a space, a decimal point or comma, any zone
 *       or none (UTC); unix time as a number, unit by magnitude ({@link Timestamps}): zap's epoch
 *       seconds {@code 1714564800.123456}, klog JSON's epoch milliseconds {@code
 *       1714564800123.456}.
 *   <li>No year: klog's header {@code 0501 12:00:00.123456} (month, day, time).
 *   <li>No date: {@code 12:00:00.123} (logback's default layout, many patterns).
 * </ul>
 *
 * <p>Times without a year or date are completed by {@link Clock}: with the date of the last
 * complete time seen (a {@code kubectl --timestamps} prefix, another line), else an assumed
 * 2000-01-01 (a leap year, so 29 February reads) of which the reader warns; a time of day that goes
 * back by more than 12 hours is the next day, a month that goes back by more than 6 the next year.
 */
final class LogTime {
  static final int NONE = 0;
  static final int COMPLETE = 1;
  static final int NO_YEAR = 2;
  static final int NO_DATE = 3;

  static final long DAY = 86_400_000_000_000L;
  private static final long HALF_DAY = DAY / 2;

  private LogTime() {}

  /**
   * Reads a complete time into {@code r}; false when {@code text} is not one.
   *
   * @param numbers whether a bare number counts (JSON and logfmt values, zap console)
   */
  static boolean complete(String text, boolean numbers, LogRecord r) {
    String s = text.trim();
    if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
      return false;
    }
    boolean number = s.indexOf('-') < 0 && s.indexOf(':') < 0;
    if (number && !numbers) {
      return false;
    }
    if (!number && (s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-')) {
      return false;
    }
    try {
      r.ownNanos = Timestamps.parse(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
    r.partial = COMPLETE;
    r.fractionDigits = fractionDigits(s, number ? s.indexOf('.') : fractionStart(s));
    if (number && r.fractionDigits == 0) {
      // unit by magnitude: an integer of milliseconds has 3 digits of sub-second precision
      int digits = s.length();
      r.fractionDigits = digits >= 17 ? 9 : digits >= 14 ? 6 : digits >= 11 ? 3 : 0;
    }
    return true;
  }

  private static int fractionStart(String s) {
    if (s.length() > 19 && (s.charAt(19) == '.' || s.charAt(19) == ',')) {
      return 19;
    }
    return -1;
  }

  private static int fractionDigits(String s, int dot) {
    if (dot < 0) {
      return 0;
    }
    int i = dot + 1;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i - dot - 1;
  }

  /**
   * Reads a time of day {@code HH:MM:SS[.fff]} (point or comma) into {@code r} as nanoseconds of
   * the day, {@link #NO_DATE}; false when it is not one.
   */
  static boolean timeOfDay(String s, LogRecord r) {
    long nanos = nanosOfDay(s, 0);
    if (nanos < 0) {
      return false;
    }
    r.ownNanos = nanos;
    r.partial = NO_DATE;
    r.fractionDigits = s.length() > 8 ? fractionDigits(s, 8) : 0;
    return true;
  }

  /**
   * Reads klog's {@code MMDD HH:MM:SS.uuuuuu} into {@code r} as nanoseconds since the start of a
   * leap year (so 29 February fits), {@link #NO_YEAR}; false when it is not one.
   */
  static boolean monthDayTime(String s, LogRecord r) {
    if (s.length() < 13 || s.charAt(4) != ' ') {
      return false;
    }
    int month = twoDigits(s, 0);
    int day = twoDigits(s, 2);
    long nanos = nanosOfDay(s, 5);
    if (month < 1 || month > 12 || day < 1 || nanos < 0) {
      return false;
    }
    LocalDate d;
    try {
      d = LocalDate.of(2000, month, day);
    } catch (java.time.DateTimeException e) {
      return false;
    }
    r.ownNanos = (d.getDayOfYear() - 1) * DAY + nanos;
    r.partial = NO_YEAR;
    r.fractionDigits = fractionDigits(s, 13);
    return true;
  }

  /** {@code HH:MM:SS[.f…]} at {@code from} as nanoseconds of the day, or -1. */
  private static long nanosOfDay(String s, int from) {
    if (s.length() < from + 8 || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
      return -1;
    }
    int h = twoDigits(s, from);
    int m = twoDigits(s, from + 3);
    int sec = twoDigits(s, from + 6);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) {
      return -1;
    }
    long nanos = ((h * 60L + m) * 60 + sec) * 1_000_000_000L;
    int i = from + 8;
    if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
      long frac = 0;
      int digits = 0;
      i++;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        if (digits < 9) {
          frac = frac * 10 + (s.charAt(i) - '0');
          digits++;
        }
        i++;
      }
      if (digits == 0) {
        return -1;
      }
      for (int k = digits; k < 9; k++) {
        frac *= 10;
      }
      nanos += frac;
    }
    return i == s.length() ? nanos : -1;
  }

  private static int twoDigits(String s, int at) {
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      return -1;
    }
    return (a - '0') * 10 + (b - '0');
  }

  /**
   * Completes times without a year or date, in line order. One per input: it remembers the last
   * complete time, the last date it assumed and whether it had to assume one.
   */
  static final class Clock {
    /** 2000-01-01T00:00:00Z. */
    static final long ASSUMED_START = 946_684_800_000_000_000L;

    private long lastComplete = -1;
    private long lastCompleted = -1;
    private boolean assumed;

    /** A complete time was seen (a kubectl prefix or a full timestamp). */
    void saw(long epochNanos) {
      lastComplete = epochNanos;
    }

    /** True once a date had to be assumed because nothing gave one. */
    boolean assumed() {
      return assumed;
    }

    /** The epoch nanoseconds of a {@link #NO_DATE} or {@link #NO_YEAR} time. */
    long complete(LogRecord r) {
      long anchor = lastCompleted >= 0 ? lastCompleted : lastComplete;
      if (anchor < 0) {
        anchor = ASSUMED_START;
        assumed = true;
      }
      long t;
      if (r.partial == NO_DATE) {
        long day = Math.floorDiv(anchor, DAY) * DAY;
        t = day + r.ownNanos;
        if (t < anchor - HALF_DAY) {
          t += DAY;
        }
      } else {
        t = yearOf(anchor, r.ownNanos);
      }
      lastCompleted = t;
      return t;
    }

    private static long yearOf(long anchor, long sinceLeapYearStart) {
      LocalDate anchorDate =
          java.time.Instant.ofEpochSecond(Math.floorDiv(anchor, 1_000_000_000L))
              .atOffset(ZoneOffset.UTC)
              .toLocalDate();
      long dayOfYear = sinceLeapYearStart / DAY;
      long nanosOfDay = sinceLeapYearStart % DAY;
      LocalDate d = at(anchorDate.getYear(), dayOfYear);
      if (d.isBefore(anchorDate.minusMonths(6))) {
        d = at(anchorDate.getYear() + 1, dayOfYear);
      }
      return d.toEpochDay() * DAY + nanosOfDay;
    }

    /** The date in {@code year} with the month and day of a leap year's {@code dayOfYear}. */
    private static LocalDate at(int year, long dayOfYear) {
      LocalDate leap = LocalDate.ofYearDay(2000, (int) dayOfYear + 1);
      int day = leap.getDayOfMonth();
      if (leap.getMonthValue() == 2 && day == 29 && !java.time.Year.isLeap(year)) {
        day = 28;
      }
      return LocalDate.of(year, leap.getMonthValue(), day);
    }
  }
}
