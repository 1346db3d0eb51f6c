package io.github.wakeupanalyze.ingest.core;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The time {@code kubectl logs --timestamps} puts before each line: the kubelet's fixed RFC 3339
 * layout with exactly nine fractional digits and a zone ({@code 2024-05-01T12:00:00.123456789Z}, or
 * {@code +02:00}), then one space.
 *
 * <p>The container runtime stores a line longer than its limit (containerd's {@code
 * max_container_log_line_size}, 16 KiB by default) as several records, each but the last marked
 * partial. The kubelet writes each record after its own time and without a newline after a partial
 * one, so the line comes back whole with a time and a space wherever it was split: {@code T1 first
 * 16 KiB…T2 rest}. {@link #joinPartials} takes those out again.
 */
public final class KubeletTime {
  /** Characters of the kubelet's time before its zone: {@code 2024-05-01T12:00:00.123456789}. */
  private static final int LOCAL = 29;

  private KubeletTime() {}

  /**
   * The end of a kubelet time at {@code from} in {@code s} (the index of the space after it), or
   * -1.
   */
  public static int end(String s, int from) {
    int end = runtimeTimeEnd(s, from);
    boolean nine = end >= from + LOCAL + 1 && digits(s, from + 20, from + LOCAL);
    return nine && end < s.length() && s.charAt(end) == ' ' ? end : -1;
  }

  /**
   * The end of an RFC 3339 time at the start of {@code s} as container runtimes write it: date,
   * {@code T}, time, 0–9 fractional digits, {@code Z} or an offset {@code ±hh:mm}; or -1.
   */
  public static int runtimeTimeEnd(String s) {
    return runtimeTimeEnd(s, 0);
  }

  /** {@link #runtimeTimeEnd(String)} for the time at {@code from}. */
  static int runtimeTimeEnd(String s, int from) {
    if (s.length() - from < 20
        || s.charAt(from + 4) != '-'
        || s.charAt(from + 7) != '-'
        || s.charAt(from + 10) != 'T'
        || s.charAt(from + 13) != ':'
        || s.charAt(from + 16) != ':') {
      return -1;
    }
    for (int[] digits : DATE_TIME_DIGITS) {
      if (!digits(s, from + digits[0], from + digits[1])) {
        return -1;
      }
    }
    int i = from + 19;
    if (s.charAt(i) == '.') {
      int fraction = ++i;
      while (i < s.length() && i - fraction < 9 && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == fraction) {
        return -1;
      }
    }
    if (i < s.length() && s.charAt(i) == 'Z') {
      i++;
    } else if (i + 6 <= s.length()
        && (s.charAt(i) == '+' || s.charAt(i) == '-')
        && digits(s, i + 1, i + 3)
        && s.charAt(i + 3) == ':'
        && digits(s, i + 4, i + 6)) {
      i += 6;
    } else {
      return -1;
    }
    return i;
  }

  /** Where the digits of {@code 2024-05-01T12:00:00} are: [from, to) pairs. */
  private static final int[][] DATE_TIME_DIGITS = {
    {0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}
  };

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The RFC 3339 time in {@code s} before {@code end} (date, {@code T}, time, 0–9 fractional
   * digits, {@code Z} or {@code ±hh:mm}, already checked) in the kubelet's layout: nine fractional
   * digits, {@code Z} for a zero offset.
   */
  public static String of(String s, int end) {
    int zone = 19;
    while (zone < end && s.charAt(zone) != 'Z' && s.charAt(zone) != '+' && s.charAt(zone) != '-') {
      zone++;
    }
    String fraction = zone > 20 ? s.substring(20, zone) : "";
    String offset = s.substring(zone, end);
    if (offset.equals("+00:00") || offset.equals("-00:00")) {
      offset = "Z";
    }
    return s.substring(0, 19) + '.' + fraction + "000000000".substring(fraction.length()) + offset;
  }

  /**
   * {@code s} in the kubelet's layout when the whole of it is an RFC 3339 time as runtimes write it
   * ({@link #runtimeTimeEnd}); else null.
   */
  public static String ofWhole(String s) {
    return s != null && runtimeTimeEnd(s) == s.length() ? of(s, s.length()) : null;
  }

  /** Epoch nanoseconds in the kubelet's layout (UTC, nine fractional digits, {@code Z}). */
  public static String ofNanos(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d.%09dZ",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        nanos);
  }

  /** Whether a kubelet time starts in {@code s} at an index from {@code from} to {@code to}. */
  public static boolean startsIn(String s, int from, int to) {
    for (int t = s.indexOf('T', from + 10); t >= 0 && t - 10 < to; t = s.indexOf('T', t + 1)) {
      if (end(s, t - 10) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code s}, a line's text after its own kubelet time, without the times (and their space) the
   * kubelet wrote where the runtime had split the line; {@code s} itself when there are none.
   */
  public static String joinPartials(String s) {
    int t = s.indexOf('T', 10);
    StringBuilder joined = null;
    int copied = 0;
    while (t >= 0) {
      int at = t - 10;
      int space = end(s, at);
      if (space < 0) {
        t = s.indexOf('T', t + 1);
        continue;
      }
      if (joined == null) {
        joined = new StringBuilder(s.length());
      }
      joined.append(s, copied, at);
      copied = space + 1;
      t = s.indexOf('T', copied + 10);
    }
    if (joined == null) {
      return s;
    }
    return joined.append(s, copied, s.length()).toString();
  }
}
