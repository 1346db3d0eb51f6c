package io.github.wakeupanalyze.ingest.log;

/**
 * Rust {@code tracing-subscriber}'s fmt layer, full and compact (ANSI colours stripped before).
 *
 * <ul>
 *   <li>Full: {@code 2024-05-01T12:00:00.123456Z INFO reconciling object{object.ref=Document.v1
 *       .kube.rs/a.ns object.reason=object updated}:reconcile: my_ctrl: applying k=v}: the time,
 *       the level padded to five, the span chain with each span's fields in braces, the target,
 *       then the message and its fields.
 *   <li>Compact: {@code … INFO reconciling object:reconcile: my_ctrl: applying k=v object.ref=…
 *       object.reason=…}: span names only, every span's fields moved to the end.
 * </ul>
 *
 * <p>The message kept is the text after the span chain and the target ({@code applying k=v}), cut
 * before the span fields in the compact form; {@link LogRecord#span} is the innermost span's name;
 * the fields of the {@code reconciling object} span become {@code object.ref} and {@code
 * object.reason}.
 */
final class TracingLine {
  private TracingLine() {}

  static boolean parse(String line, LogRecord r) {
    int space = line.indexOf(' ');
    if (space < 19 || !LogTime.complete(line.substring(0, space), false, r)) {
      return false;
    }
    int i = space;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    int levelEnd = line.indexOf(' ', i);
    if (levelEnd < 0) {
      levelEnd = line.length();
    }
    String levelText = line.substring(i, levelEnd);
    if (!levelText.equals(levelText.toUpperCase(java.util.Locale.ROOT))) {
      return false;
    }
    r.level = LogRecord.level(levelText);
    if (r.level == LogRecord.Level.UNKNOWN) {
      return false;
    }
    String rest = levelEnd < line.length() ? line.substring(levelEnd + 1) : "";
    rest = spans(rest, r);
    rest = target(rest, r);
    int fields = rest.indexOf(" " + KubeRsLines.REF + "=");
    if (fields >= 0 && r.field(KubeRsLines.REF) == null) {
      Pairs.spanFields(rest.substring(fields + 1), r.fields); // the compact form
      rest = rest.substring(0, fields);
    }
    r.message = rest.strip();
    return true;
  }

  /** Reads the span chain, if any, and returns the text after it. */
  private static String spans(String rest, LogRecord r) {
    int colon = chainEnd(rest);
    if (colon < 0) {
      return rest;
    }
    String chain = rest.substring(0, colon);
    if (!isChain(chain)) {
      return rest;
    }
    int i = 0;
    String innermost = "";
    while (i < chain.length()) {
      int brace = chain.indexOf('{', i);
      int sep = chain.indexOf(':', i);
      if (brace >= 0 && (sep < 0 || brace < sep)) {
        innermost = chain.substring(i, brace);
        int close = Pairs.closing(chain, brace);
        if (innermost.equals(KubeRsLines.SPAN)) {
          Pairs.spanFields(chain.substring(brace + 1, Math.max(brace + 1, close - 1)), r.fields);
        }
        i = close;
        if (i < chain.length() && chain.charAt(i) == ':') {
          i++;
        }
      } else {
        int end = sep < 0 ? chain.length() : sep;
        innermost = chain.substring(i, end);
        i = end + 1;
      }
    }
    r.span = innermost;
    return rest.substring(Math.min(rest.length(), colon + 2));
  }

  /** The index of the first {@code ": "} outside braces, or -1. */
  private static int chainEnd(String s) {
    int depth = 0;
    for (int i = 0; i + 1 < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ':' && depth == 0 && s.charAt(i + 1) == ' ') {
        return i;
      }
    }
    return -1;
  }

  /**
   * A span chain has braces, a space in a name, or a single {@code :} between names; a bare Rust
   * path ({@code controller::controller}) is a target instead.
   */
  private static boolean isChain(String s) {
    if (s.indexOf('{') >= 0 || s.indexOf(' ') >= 0) {
      return true;
    }
    return s.replace("::", "").indexOf(':') >= 0;
  }

  /** Drops a target ({@code my_ctrl: }, {@code controller::controller: }). */
  private static String target(String rest, LogRecord r) {
    int colon = rest.indexOf(": ");
    if (colon <= 0) {
      return rest;
    }
    String t = rest.substring(0, colon);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == ':')) {
        return rest;
      }
    }
    r.logger = t;
    return rest.substring(colon + 2);
  }
}
