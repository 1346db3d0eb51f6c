package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.core.KubeletTime;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import java.util.regex.Pattern;

/**
 * Parses one raw log line into a {@link LogRecord}, whatever its format.
 *
 * <ol>
 *   <li>ANSI colour codes are removed.
 *   <li>{@code kubectl logs --prefix}: a leading {@code [pod/NAME/CONTAINER] } gives the pod and
 *       container; so do stern's and logcli's lines ({@link PodLine}).
 *   <li>{@code kubectl logs --timestamps}: a leading RFC 3339 time with exactly nine fractional
 *       digits and a space (the kubelet's fixed layout) gives {@link LogRecord#prefixNanos}; the
 *       times it wrote where the container runtime split a long line are taken out ({@link
 *       KubeletTime#joinPartials}).
 *   <li>The rest is tried as, by its first character: a JSON object ({@link JsonLine}); klog
 *       ({@link GoText#klog}); zap console ({@link GoText#zapConsole}), a Java pattern ({@link
 *       PatternLine}) or tracing ({@link TracingLine}) after a time; logfmt ({@link
 *       GoText#logfmt}). If none reads it but a kubectl time was there, the line is a record of
 *       plain text (an operator printing with {@code fmt.Println}).
 * </ol>
 *
 * <p>A line that is none of these, or starts with white space (a stack frame, a continuation), is
 * not a record: it belongs to the record before it.
 */
final class LineParser {
  /** A ReplicaSet's pod name suffix: {@code -<template hash>-<5 characters>}. */
  private static final Pattern POD_SUFFIX =
      Pattern.compile("-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$");

  private LineParser() {}

  /**
   * Parses {@code raw} into {@code r} (reset first).
   *
   * @return false when the line is not a record of its own
   */
  static boolean parse(String raw, LogRecord r) {
    String s = Pairs.stripAnsi(raw);
    String pod = null;
    String container = null;
    int close = prefixClose(s);
    if (close > 0) {
      String[] parts = s.substring(5, close).split("/", 2);
      pod = parts[0];
      container = parts.length > 1 ? parts[1] : "";
      s = s.substring(close + 2);
    } else if (!s.startsWith("[pod/")) {
      PodLine tool = PodLine.of(s); // stern's or logcli's
      if (tool != null) {
        pod = tool.pod();
        container = tool.container();
        s = tool.line();
      }
    }
    int stamp = KubeletTime.end(s, 0);
    long prefix = stamp > 0 ? kubeletTime(s, 0, stamp) : -1;
    if (prefix == Long.MIN_VALUE) {
      prefix = -1;
      stamp = -1;
    }
    String rest = stamp > 0 ? KubeletTime.joinPartials(s.substring(stamp + 1)) : s;
    boolean ok = format(rest, r);
    if (!ok && stamp > 0) {
      ok = format(s, r); // the log's own time had the kubelet's layout
    }
    if (!ok && stamp > 0 && !rest.isBlank() && !Character.isWhitespace(rest.charAt(0))) {
      r.reset();
      r.message = rest.strip();
      ok = true;
    }
    if (ok) {
      r.pod = pod;
      r.container = container;
      r.prefixNanos = prefix;
    }
    return ok;
  }

  /**
   * Where a {@code kubectl logs --prefix} line's {@code [pod/NAME/CONTAINER] } prefix closes (the
   * index of its {@code "] "}), or -1 when it has none.
   */
  private static int prefixClose(String s) {
    if (!s.startsWith("[pod/")) {
      return -1;
    }
    int close = s.indexOf("] ");
    return close > 5 ? close : -1;
  }

  /**
   * The pod a {@code kubectl logs --prefix} line names ({@code [pod/NAME/CONTAINER] }), or null.
   */
  static String prefixPod(String raw) {
    int close = prefixClose(raw);
    if (close < 0) {
      return null;
    }
    int slash = raw.indexOf('/', 5);
    return raw.substring(5, slash > 5 && slash < close ? slash : close);
  }

  /**
   * The kubelet's time of a {@code kubectl logs [--prefix] --timestamps} line (what {@code serve}
   * makes of an OTLP log record), in nanoseconds, without parsing the rest; or {@link
   * Long#MIN_VALUE} when it has none.
   */
  static long kubeletNanos(String raw) {
    int close = prefixClose(raw);
    int from = close < 0 ? 0 : close + 2;
    int stamp = KubeletTime.end(raw, from);
    return stamp < 0 ? Long.MIN_VALUE : kubeletTime(raw, from, stamp);
  }

  /** The kubelet time in {@code s} from {@code from} to {@code stamp}, or Long.MIN_VALUE. */
  private static long kubeletTime(String s, int from, int stamp) {
    try {
      return Timestamps.parse(s.substring(from, stamp));
    } catch (IllegalArgumentException e) {
      return Long.MIN_VALUE;
    }
  }

  private static boolean format(String s, LogRecord r) {
    r.reset();
    if (s.isEmpty() || Character.isWhitespace(s.charAt(0))) {
      return false;
    }
    char c = s.charAt(0);
    if (c == '{') {
      return JsonLine.parse(s, r);
    }
    if ("IWEF".indexOf(c) >= 0 && s.length() > 1 && Character.isDigit(s.charAt(1))) {
      return GoText.klog(s, r);
    }
    if (Character.isDigit(c)) {
      if (s.indexOf('\t') > 0 && GoText.zapConsole(s, r)) {
        return true;
      }
      r.reset();
      if (PatternLine.parse(s, r)) {
        return true;
      }
      r.reset();
      return TracingLine.parse(s, r);
    }
    if (Character.isLetter(c)) {
      return GoText.logfmt(s, r);
    }
    return false;
  }

  /**
   * The operator a {@code --prefix} pod names: the pod name without the ReplicaSet's suffixes
   * ({@code memcached-operator} for {@code memcached-operator-6d8f7b9c4-x2k9p}).
   */
  static String operatorOfPod(String pod) {
    return POD_SUFFIX.matcher(pod).replaceFirst("");
  }
}
