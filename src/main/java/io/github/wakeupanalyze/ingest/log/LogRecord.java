package io.github.wakeupanalyze.ingest.log;

import java.util.HashMap;
import java.util.Map;

/**
 * One parsed log line, reused from line to line by the reader (so it is mutable and
 * package-private: nothing keeps it past the line).
 */
final class LogRecord {
  /** Severity, as the formats name it; {@code Level(-5)} and {@code V(5)} lines are DEBUG. */
  enum Level {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    UNKNOWN
  }

  /** The line's own time: epoch nanoseconds when complete, else see {@link #partial}. */
  long ownNanos = -1;

  /**
   * How complete the own time is: {@link LogTime#COMPLETE}, {@link LogTime#NO_YEAR} (klog: month,
   * day and time), {@link LogTime#NO_DATE} (time of day only), or {@link LogTime#NONE}.
   */
  int partial = LogTime.NONE;

  /** Fraction digits of the own time, e.g. 6 for {@code 12:00:00.123456}. */
  int fractionDigits;

  /** The {@code kubectl logs --timestamps} time, epoch nanoseconds, or -1. */
  long prefixNanos = -1;

  /** The {@code kubectl logs --prefix} pod and container, or null. */
  String pod;

  String container;

  Level level = Level.UNKNOWN;
  String logger = "";
  String thread = "";
  String message = "";

  /**
   * The innermost tracing span's name ({@code reconciling object}), or "" when the line shows none.
   */
  String span = "";

  /**
   * Structured fields: zap/klog/logfmt key-values, JSON keys (nested objects flattened with dots:
   * {@code Memcached.name}), MDC entries, and the kube-rs span fields {@code object.ref} and {@code
   * object.reason}.
   */
  final Map<String, String> fields = new HashMap<>();

  void reset() {
    ownNanos = -1;
    partial = LogTime.NONE;
    fractionDigits = 0;
    prefixNanos = -1;
    pod = null;
    container = null;
    level = Level.UNKNOWN;
    logger = "";
    thread = "";
    message = "";
    span = "";
    fields.clear();
  }

  String field(String key) {
    return fields.get(key);
  }

  /** The first of {@code keys} present with a non-empty value, or null. */
  String first(String... keys) {
    for (String k : keys) {
      String v = fields.get(k);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  /** The logger's last dotted segment: {@code ReconciliationDispatcher} for any abbreviation. */
  String loggerClass() {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }

  static Level level(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]") && t.length() > 2) {
      t = t.substring(1, t.length() - 1).trim();
    }
    switch (t.toUpperCase(java.util.Locale.ROOT)) {
      case "TRACE", "TRC", "FINEST", "FINER":
        return Level.TRACE;
      case "DEBUG", "DBG", "FINE", "D":
        return Level.DEBUG;
      case "INFO", "INF", "I", "NOTICE", "CONFIG":
        return Level.INFO;
      case "WARN", "WARNING", "WRN", "W":
        return Level.WARN;
      case "ERROR", "ERR", "E", "F", "FATAL", "CRITICAL", "SEVERE", "DPANIC", "PANIC":
        return Level.ERROR;
      default:
        break;
    }
    String u = t.toUpperCase(java.util.Locale.ROOT);
    if (u.startsWith("LEVEL(-") || u.startsWith("V(")) {
      return Level.DEBUG; // zapr writes V(n) as zap level -n
    }
    return Level.UNKNOWN;
  }

  @Override
  public String toString() {
    return level + " " + logger + " [" + thread + "] " + message + " " + fields;
  }
}
