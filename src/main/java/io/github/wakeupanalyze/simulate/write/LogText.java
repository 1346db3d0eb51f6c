package io.github.wakeupanalyze.simulate.write;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.simulate.Label;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/** The pieces of text the log dialects share: times in each layout, names, quoting. */
final class LogText {
  private static final String POD_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private LogText() {}

  private static ZonedDateTime utc(long nanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
        .atZone(ZoneOffset.UTC);
  }

  /** {@code 2026-01-01T00:00:05} (no fraction, no zone). */
  private static String seconds(ZonedDateTime t) {
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond());
  }

  /** ISO-8601 with {@code digits} fractional digits and {@code Z}. */
  static String iso(long nanos, int digits) {
    ZonedDateTime t = utc(nanos);
    String frac = String.format(Locale.ROOT, "%09d", t.getNano()).substring(0, digits);
    return seconds(t) + (digits > 0 ? "." + frac : "") + "Z";
  }

  /** The kubelet's {@code RFC3339NanoFixed}: always nine fractional digits. */
  static String kubeletTime(long nanos) {
    return iso(nanos, 9);
  }

  /** zap's epoch time: seconds with the microseconds, {@code 1767225605.248904}. */
  static String epochSeconds(long nanos) {
    long s = Math.floorDiv(nanos, 1_000_000_000L);
    long us = Math.floorMod(nanos, 1_000_000_000L) / 1000;
    return s + "." + String.format(Locale.ROOT, "%06d", us);
  }

  /** klog's header time: {@code 0101 00:00:05.248904} (no year). */
  static String klogTime(long nanos) {
    ZonedDateTime t = utc(nanos);
    return String.format(
        Locale.ROOT,
        "%02d%02d %02d:%02d:%02d.%06d",
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        t.getNano() / 1000);
  }

  /** A time of day with milliseconds: {@code 00:00:05.248}. */
  static String timeOfDay(long nanos) {
    return iso(nanos, 3).substring(11, 23);
  }

  /**
   * A duration as Go's {@code time.Duration.String()} writes it: {@code 5s}, {@code 1m30s}, {@code
   * 2.5s}, {@code 150ms}, {@code 1h0m0s}.
   */
  static String goDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return trim(nanos / 1e3) + "µs";
    }
    if (nanos < 1_000_000_000) {
      return trim(nanos / 1e6) + "ms";
    }
    long h = nanos / 3_600_000_000_000L;
    long m = nanos / 60_000_000_000L % 60;
    long ns = nanos % 60_000_000_000L;
    String s = trimNanos(ns) + "s";
    if (h > 0) {
      return h + "h" + m + "m" + s;
    }
    return m > 0 ? m + "m" + s : s;
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String trimNanos(long ns) {
    String s =
        (ns / 1_000_000_000L) + "." + String.format(Locale.ROOT, "%09d", ns % 1_000_000_000L);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * A pod name for an operator, as a Deployment's ReplicaSet gives it: {@code <operator>-<10
   * characters>-<5 characters>}, the same for the same operator.
   */
  static String podName(String operator) {
    long h = operator.hashCode() * 0x9E3779B97F4A7C15L;
    StringBuilder sb = new StringBuilder(operator.toLowerCase(Locale.ROOT)).append('-');
    for (int i = 0; i < 15; i++) {
      if (i == 10) {
        sb.append('-');
      }
      sb.append(POD_ALPHABET.charAt((int) Math.floorMod(h, (long) POD_ALPHABET.length())));
      h = h * 6364136223846793005L + 1442695040888963407L;
    }
    return sb.toString();
  }

  /** A UUID-shaped id made from the reconcile's span id, like controller-runtime's reconcileID. */
  static String reconcileId(Label l) {
    String hex = String.format(Locale.ROOT, "%016x%016x", l.traceIdLow(), l.spanId());
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }

  /** A JSON string literal, quoted. */
  static String json(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  /** A Go-quoted string (klog values): JSON quoting is the same for the text written here. */
  static String go(String s) {
    return json(s);
  }

  /**
   * The kube-rs {@code object.reason} of a reconcile whose trace is not kube-rs: what kube-runtime
   * would say for its cause.
   */
  static String kubeRsReason(Label l) {
    if (l.reason() != null) {
      return l.reason();
    }
    if (l.cause() == Cause.ERROR_RETRY) {
      return "error policy requested retry";
    }
    if (l.truth() == io.github.wakeupanalyze.model.Trigger.TIMER) {
      return "reconciler requested retry";
    }
    return "object updated";
  }
}
