package io.github.wakeupanalyze.ingest.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text formats of Go operators: klog's header, zap's console encoder, and logfmt.
 *
 * <ul>
 *   <li><b>klog</b>: {@code I0501 12:00:00.123456 1 controller.go:480] "Reconciling"
 *       controller="memcached" reconcileID="6f1c"}: severity letter, month and day (no year), time,
 *       thread id, {@code file:line]}, then a Go-quoted message and {@code key=value} pairs (or an
 *       unquoted printf message).
 *   <li><b>zap console</b>: {@code time⇥LEVEL⇥[logger⇥][caller⇥]message⇥{"k": "v"}}, time as
 *       ISO-8601 or epoch seconds, level {@code INFO}, {@code debug}, {@code LEVEL(-5)}.
 *   <li><b>logfmt</b>: {@code time=… level=info msg="…" k=v}, recognized by a {@code key=} at the
 *       start and a message or level key.
 * </ul>
 */
final class GoText {
  private static final Pattern KLOG =
      Pattern.compile("([IWEF])(\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6})\\s+(\\d+) ([^\\]\\s]+)\\] ?");

  private GoText() {}

  /** klog's text format. */
  static boolean klog(String line, LogRecord r) {
    if (line.length() < 30 || "IWEF".indexOf(line.charAt(0)) < 0) {
      return false;
    }
    Matcher m = KLOG.matcher(line);
    if (!m.lookingAt() || !LogTime.monthDayTime(m.group(2), r)) {
      return false;
    }
    r.level = LogRecord.level(m.group(1));
    r.thread = m.group(3);
    String rest = line.substring(m.end());
    if (rest.startsWith("\"")) {
      StringBuilder msg = new StringBuilder();
      int end = Pairs.quoted(rest, 0, msg);
      r.message = msg.toString();
      if (end > 0) {
        Pairs.keyValues(rest, end, r.fields);
      }
    } else {
      r.message = rest;
    }
    String logger = r.field("logger");
    r.logger = logger == null ? "" : logger;
    return true;
  }

  /** zap's console encoder: tab-separated. */
  static boolean zapConsole(String line, LogRecord r) {
    int tab = line.indexOf('\t');
    if (tab < 0 || !LogTime.complete(line.substring(0, tab), true, r)) {
      return false;
    }
    String[] parts = line.substring(tab + 1).split("\t", -1);
    LogRecord.Level level = LogRecord.level(parts[0]);
    if (level == LogRecord.Level.UNKNOWN || parts.length < 2) {
      return false;
    }
    r.level = level;
    int last = parts.length - 1;
    String json = parts[last].trim();
    if (last >= 2
        && json.startsWith("{")
        && json.endsWith("}")
        && JsonLine.fields(json, r.fields)) {
      last--;
    }
    r.message = parts[last];
    if (last >= 2) {
      r.logger = parts[1]; // logger, then perhaps a caller (file.go:123), then the message
    }
    return true;
  }

  /** logfmt: {@code key=value} pairs from the start of the line. */
  static boolean logfmt(String line, LogRecord r) {
    int eq = line.indexOf('=');
    int space = line.indexOf(' ');
    if (eq <= 0 || (space >= 0 && space < eq)) {
      return false;
    }
    if (Pairs.keyValues(line, 0, r.fields) < 2) {
      return false;
    }
    String msg = r.first("msg", "message");
    String level = r.first("level", "lvl", "severity");
    if (msg == null && level == null) {
      return false;
    }
    String time = r.first("time", "ts", "t", "timestamp");
    if (time != null) {
      LogTime.complete(time, true, r);
    }
    r.message = msg == null ? "" : msg;
    r.level = level == null ? LogRecord.Level.UNKNOWN : LogRecord.level(level);
    String logger = r.first("logger", "component", "caller");
    r.logger = logger == null ? "" : logger;
    return true;
  }
}
