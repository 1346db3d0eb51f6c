package io.github.wakeupanalyze.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an audit log is laid out, told from its first line that is not blank ({@link #of}): JSON
 * documents, YAML documents (GKE's entries as {@code gcloud logging read} prints them by default),
 * or lines that hold events among other lines (an API server's own output, a CloudWatch export to
 * S3). {@link AuditLogReader} reads each; {@link FormatSniffer} uses {@link #EVENT_LINE} to tell
 * such lines from an operator's log.
 */
enum AuditLayout {
  JSON,
  YAML,
  LINES;

  /**
   * Where the event starts on a line of an API server's output: after an optional {@code kubectl
   * logs --prefix} ({@code [pod/NAME/CONTAINER] }) and an optional RFC 3339 time ({@code kubectl
   * logs --timestamps}, a CloudWatch export to S3), at a {@code {}. Group 1 is the brace.
   */
  static final Pattern EVENT_LINE =
      Pattern.compile(
          "^\\uFEFF?(?:\\[[^\\]\\s]*\\][ \\t]+)?"
              + "(?:\\d{4}-\\d\\d-\\d\\d[T ][0-9:.]+(?:Z|[+-]\\d\\d:?\\d\\d)?[ \\t]+)?(\\{)");

  /** The first line of a YAML document: a marker, a key (of a mapping or a list's first item). */
  private static final Pattern YAML_START =
      Pattern.compile("^(?:---|%YAML|(?:- )?['\"]?[A-Za-z_@][^\\s:'\"]*['\"]?:(?:[ \\t]|$))");

  /** How a line of JSON text starts: a structural character, a string, a number or a literal. */
  private static final Pattern JSON_LINE = Pattern.compile("[{}\\[\\]\",0-9-]|true|false|null");

  /** {@code kubectl logs --prefix}: the pod and container in brackets. */
  private static final Pattern KUBECTL_PREFIX = Pattern.compile("\\[[^\\]\\s]+\\][ \\t]");

  /** Looks at the first 4 kB of {@code in} without consuming them. */
  static AuditLayout of(BufferedInputStream in) throws IOException {
    in.mark(4097);
    byte[] head = in.readNBytes(4096);
    in.reset();
    String text = new String(head, StandardCharsets.UTF_8);
    int i = 0;
    while (i < text.length()
        && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF')) {
      i++;
    }
    if (i == text.length()) {
      return JSON; // an empty input gets the JSON reader's message
    }
    int end = text.indexOf('\n', i);
    String first = text.substring(i, end < 0 ? text.length() : end);
    Matcher event = EVENT_LINE.matcher(first);
    if ((event.find() && event.start(1) > 0) || KUBECTL_PREFIX.matcher(first).lookingAt()) {
      return LINES; // a kubectl prefix ([pod/…]), or an event after a time
    }
    if (text.charAt(i) == '{' || text.charAt(i) == '[') {
      return jsonOnly(text, i) ? JSON : LINES;
    }
    return YAML_START.matcher(first).find() ? YAML : LINES;
  }

  /**
   * Whether the lines of the head from {@code i} (the last one may be cut) are all JSON: each
   * starts with a brace, bracket, quote, comma, number or literal after its indentation, as
   * pretty-printed or one-per-line JSON does. An API server's output whose first line is an event
   * has its own log lines between the events ({@code I1203 10:00:00.000000 …}), which must be read
   * line by line.
   */
  private static boolean jsonOnly(String text, int i) {
    int from = i;
    int end;
    while ((end = text.indexOf('\n', from)) >= 0) {
      String line = text.substring(from, end).strip();
      if (!line.isEmpty() && !JSON_LINE.matcher(line).lookingAt()) {
        return false;
      }
      from = end + 1;
    }
    return true;
  }
}
