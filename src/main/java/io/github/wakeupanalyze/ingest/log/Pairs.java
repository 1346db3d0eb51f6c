package io.github.wakeupanalyze.ingest.log;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small text scanners the line formats share: quoted strings, key=value pairs, ANSI codes. */
final class Pairs {
  /** A key starting a tracing field: {@code object.ref=}, {@code time.busy=}. */
  private static final Pattern FIELD_KEY = Pattern.compile("(?:^|\\s)([A-Za-z_][\\w.]*)=");

  private Pairs() {}

  /** The text without ANSI escape sequences ({@code ESC [ … letter}, as tracing colours). */
  static String stripAnsi(String s) {
    if (s.indexOf('\u001b') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\u001b') {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '[') {
          j++;
          while (j < s.length() && !Character.isLetter(s.charAt(j))) {
            j++;
          }
        }
        i = Math.min(j + 1, s.length());
        continue;
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  /**
   * Reads a double-quoted string at {@code from} (Go and Rust Debug quoting: {@code \" \\ \n \t
   * \\uXXXX}) into {@code out}.
   *
   * @return the index after the closing quote, or -1 when the string does not close
   */
  static int quoted(String s, int from, StringBuilder out) {
    int i = from + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'u' -> {
            if (i + 5 < s.length()) {
              try {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 4;
              } catch (NumberFormatException ex) {
                out.append(e);
              }
            }
          }
          default -> out.append(e);
        }
        i += 2;
        continue;
      }
      out.append(c);
      i++;
    }
    return -1;
  }

  /**
   * Reads {@code key=value} pairs from {@code from} to the end (klog and logfmt): values bare up to
   * the next space, double-quoted, or a bracketed {@code {…}} / {@code […]} group; a key without
   * {@code =} is skipped.
   *
   * @return how many pairs were read
   */
  static int keyValues(String s, int from, Map<String, String> out) {
    int n = 0;
    int i = from;
    StringBuilder sb = new StringBuilder();
    while (i < s.length()) {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
      int k = i;
      while (i < s.length() && s.charAt(i) != '=' && s.charAt(i) != ' ') {
        i++;
      }
      if (i >= s.length() || s.charAt(i) != '=' || i == k) {
        while (i < s.length() && s.charAt(i) != ' ') {
          i++;
        }
        continue;
      }
      String key = s.substring(k, i);
      i++;
      String value;
      if (i < s.length() && s.charAt(i) == '"') {
        sb.setLength(0);
        int end = quoted(s, i, sb);
        value = sb.toString();
        i = end < 0 ? s.length() : end;
      } else if (i < s.length() && (s.charAt(i) == '{' || s.charAt(i) == '[')) {
        int end = closing(s, i);
        value = s.substring(i, end);
        i = end;
      } else {
        int v = i;
        while (i < s.length() && s.charAt(i) != ' ') {
          i++;
        }
        value = s.substring(v, i);
      }
      out.put(key, value);
      n++;
    }
    return n;
  }

  /** The index after the bracket group opening at {@code from} (quotes respected), or the end. */
  static int closing(String s, int from) {
    int depth = 0;
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        int end = quoted(s, i, new StringBuilder());
        if (end < 0) {
          return s.length();
        }
        i = end;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return s.length();
  }

  /**
   * Reads tracing span fields ({@code object.ref=Document.v1.kube.rs/a.ns object.reason=object
   * updated}): values are printed unquoted and may hold spaces, so each runs up to the next {@code
   * key=}; a Debug-quoted value loses its quotes.
   */
  static void spanFields(String s, Map<String, String> out) {
    Matcher m = FIELD_KEY.matcher(s);
    String key = null;
    int valueStart = 0;
    while (m.find()) {
      if (key != null) {
        out.put(key, unquote(s.substring(valueStart, m.start()).trim()));
      }
      key = m.group(1);
      valueStart = m.end();
    }
    if (key != null) {
      out.put(key, unquote(s.substring(valueStart).trim()));
    }
  }

  static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      StringBuilder sb = new StringBuilder();
      if (quoted(v, 0, sb) == v.length()) {
        return sb.toString();
      }
    }
    return v;
  }
}
