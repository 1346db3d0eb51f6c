package io.github.wakeupanalyze.ingest.log;

/**
 * Java logging patterns (logback, log4j2, slf4j-simple, Spring Boot, Quarkus), read token by token
 * since every project writes its own pattern.
 *
 * <p>A line starts with a time: a date-time ({@code 2024-05-01 12:00:00,123}, {@code
 * 2024-05-01T12:00:00.123Z}) or a time of day ({@code 12:00:00.123}, logback's default layout).
 * slf4j-simple's default, milliseconds since the start ({@code 123 [main] INFO io.x.Foo - msg}), is
 * read without a time of its own (a {@code kubectl --timestamps} prefix gives one). Then, in any
 * order, tokens that are recognized by their look: a level ({@code DEBUG}, {@code [INFO ]}), a
 * thread in brackets or parentheses ({@code [ReconcilerExecutor-webpage-57]}, {@code (main)}), a
 * number (a pid or log4j2's {@code %threadId}), Spring's {@code ---}, and a logger: a dotted name,
 * perhaps abbreviated ({@code i.j.o.p.e.ReconciliationDispatcher}) or in brackets. The message
 * starts after a separator ({@code -}, {@code --}, {@code :}), or at the first other token once a
 * level and a logger are known. A line without a level and a logger is not this format.
 *
 * <p>Examples: {@code 12:00:00.123 [main] DEBUG io.x.Foo -- msg} (logback TTLL), {@code 2024-05-01
 * 12:00:00,123 57 i.j.o.p.e.EventProcessor [DEBUG] msg} (JOSDK's log4j2 pattern), {@code 2024-05-01
 * 12:00:00,123 DEBUG [i.j.o.Foo] (executor-1) msg} (Quarkus), {@code 2024-05-01T12:00:00.123Z INFO
 * 1 --- [ main] o.s.b.Foo : msg} (Spring Boot).
 */
final class PatternLine {
  private PatternLine() {}

  static boolean parse(String line, LogRecord r) {
    int i = time(line, r);
    if (i < 0) {
      return false;
    }
    boolean level = false;
    boolean logger = false;
    int n = line.length();
    for (int tokens = 0; tokens < 8; tokens++) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        return false;
      }
      char c = line.charAt(i);
      int end;
      String inner;
      if (c == '[' || c == '(') {
        end = line.indexOf(c == '[' ? ']' : ')', i);
        if (end < 0) {
          return false;
        }
        inner = line.substring(i + 1, end).trim();
        end++;
      } else {
        end = line.indexOf(' ', i);
        if (end < 0) {
          end = n;
        }
        inner = line.substring(i, end);
      }
      if (inner.equals("-") || inner.equals("--") || inner.equals(":")) {
        if (level && logger) {
          r.message = end < n ? line.substring(end + 1) : "";
          return true;
        }
        i = end;
        continue;
      }
      LogRecord.Level l = inner.length() <= 7 ? LogRecord.level(inner) : LogRecord.Level.UNKNOWN;
      if (!level && l != LogRecord.Level.UNKNOWN && inner.length() > 1) {
        r.level = l;
        level = true;
      } else if (!logger && isLogger(inner) && (c != '[' || classNamed(inner))) {
        r.logger = inner;
        logger = true;
      } else if (c == '[' || c == '(') {
        r.thread = inner;
      } else if (inner.equals("---") || isNumber(inner)) {
        if (r.thread.isEmpty() && isNumber(inner)) {
          r.thread = inner;
        }
      } else if (level && logger) {
        r.message = line.substring(i);
        return true;
      } else {
        return false;
      }
      i = end;
    }
    return false;
  }

  /** Reads the leading time; returns the index after it, or -1. */
  private static int time(String line, LogRecord r) {
    if (line.length() < 12 || !Character.isDigit(line.charAt(0))) {
      return -1;
    }
    int space = line.indexOf(' ');
    if (space > 0 && space + 1 < line.length() && line.charAt(space + 1) == '[') {
      if (isNumber(line.substring(0, space))) {
        return space; // slf4j-simple's default: milliseconds since start, no time of its own
      }
    }
    if (line.charAt(2) == ':') {
      int end = line.indexOf(' ');
      return end > 0 && LogTime.timeOfDay(line.substring(0, end), r) ? end : -1;
    }
    if (line.length() < 20 || line.charAt(4) != '-') {
      return -1;
    }
    int end = line.indexOf(' ');
    if (end == 10) {
      end = line.indexOf(' ', 11); // a space between date and time
    }
    if (end < 0) {
      return -1;
    }
    return LogTime.complete(line.substring(0, end), false, r) ? end : -1;
  }

  /** A bracketed name is a logger only when it ends in a class name ({@code [i.j.o.Foo]}). */
  private static boolean classNamed(String s) {
    return Character.isUpperCase(s.charAt(s.lastIndexOf('.') + 1));
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A dotted Java name ({@code io.x.Foo}, {@code i.j.o.Foo}, {@code Foo$Bar}). */
  private static boolean isLogger(String s) {
    if (s.length() < 3 || s.indexOf('.') <= 0 || s.endsWith(".")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '$' || c == '_' || c == '-')) {
        return false;
      }
    }
    return Character.isLetter(s.charAt(0));
  }
}
