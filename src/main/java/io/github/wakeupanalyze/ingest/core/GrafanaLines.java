package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A log as Grafana's "Download logs" saves it as text (Explore, a logs panel's inspector), read as
 * the lines {@code kubectl logs --timestamps --prefix} would print for it.
 *
 * <p>The download starts with the query's facts, one {@code Label: JSON value} per line ({@code
 * Common labels: {"pod":"…","container":"…"}}, {@code Line limit: "1000 (812 returned)"}), then two
 * empty lines, then a row per log line:
 *
 * <ul>
 *   <li>Grafana 10 and later: epoch milliseconds, a tab, the same time in RFC 3339 (UTC, three
 *       fractional digits), a tab, the line. The time becomes the kubelet's; Grafana keeps only the
 *       millisecond, so a line with a finer time of its own (zap, JSON) is placed by that one.
 *   <li>Earlier versions, only after the facts and the two empty lines: a time in the browser's
 *       zone (RFC 3339 with an offset, or {@code YYYY-MM-DD HH:mm:ss.SSS} with none), a tab, the
 *       line. The time is dropped: the line's own time places it.
 * </ul>
 *
 * <p>The pod and container of {@code Common labels} ({@link PodLabels}), when it names them, come
 * before every row as {@code [pod/POD/CONTAINER] }. The fact lines pass unchanged (they are no
 * records), and so does any line that is not a row; a row of the first kind is recognized anywhere,
 * so a download reversed with {@code tac} (its facts then at the end) still reads.
 */
public final class GrafanaLines {
  private final CriLines.Source in;

  /** Before the first line that is neither a fact nor empty. */
  private boolean head = true;

  private int facts;
  private int blanks;

  /** The facts and the two empty lines were there: the older rows are recognized too. */
  private boolean download;

  private String pod;
  private String container;

  /**
   * @param in the lines
   */
  public GrafanaLines(CriLines.Source in) {
    this.in = in;
  }

  /** The next line, a row of a download made a {@code kubectl logs} line; null at the end. */
  public String next() throws IOException {
    String line = in.next();
    if (line == null) {
      return null;
    }
    if (head) {
      if (line.isEmpty()) {
        blanks++;
        return line;
      }
      int value = blanks == 0 ? factValue(line) : -1;
      if (value > 0) {
        facts++;
        if (line.startsWith("Common labels: ")) {
          labels(line.substring(value));
        }
        return line;
      }
      head = false;
      download = blanks >= 2 && (facts > 0 || blanks == 2);
    }
    int time = newRowTime(line);
    if (time >= 0) {
      int end = KubeletTime.runtimeTimeEnd(line, time);
      StringBuilder out = new StringBuilder(line.length() + 40);
      PodPrefix.append(out, pod, container);
      out.append(KubeletTime.of(line.substring(time, end), end - time)).append(' ');
      return out.append(line, end + 1, line.length()).toString();
    }
    int rest = download ? olderRowEnd(line) : -1;
    if (rest < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length() + 40);
    PodPrefix.append(out, pod, container);
    return out.append(line, rest, line.length()).toString();
  }

  /**
   * Where the value of a fact line ({@code Label: value}, the label a capitalized phrase) starts,
   * or -1.
   */
  private static int factValue(String line) {
    int colon = line.indexOf(": ");
    if (colon < 1 || colon > 60 || !Character.isUpperCase(line.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < colon; i++) {
      char c = line.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == ' ' || c == '(' || c == ')' || c == '-')) {
        return -1;
      }
    }
    int value = colon + 2;
    if (value >= line.length() || "{[\"-0123456789tfn".indexOf(line.charAt(value)) < 0) {
      return -1;
    }
    return value;
  }

  /**
   * The pod and container of a {@code Common labels} object; a value that is not one is ignored.
   */
  private void labels(String json) {
    try (JsonParser p = LogJson.FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      PodLabels.Named named = PodLabels.read(p);
      pod = named.pod();
      container = named.container();
    } catch (IOException e) {
      pod = null; // not a label set after all: name no pod
      container = null;
    }
  }

  /**
   * Where the RFC 3339 time of a Grafana 10 row ({@code MILLIS\tTIME\tLINE}) starts, or -1 when
   * {@code s} is none.
   */
  static int newRowTime(String s) {
    int tab = 0;
    while (tab < s.length() && tab < 17 && Character.isDigit(s.charAt(tab))) {
      tab++;
    }
    if (tab < 10 || tab >= s.length() || s.charAt(tab) != '\t') {
      return -1;
    }
    int end = KubeletTime.runtimeTimeEnd(s, tab + 1);
    return end > 0 && end < s.length() && s.charAt(end) == '\t' ? tab + 1 : -1;
  }

  /**
   * Where the line of an older row ({@code TIME\tLINE}, the time RFC 3339 or {@code YYYY-MM-DD
   * HH:mm:ss.SSS}) starts, or -1.
   */
  static int olderRowEnd(String s) {
    int end = KubeletTime.runtimeTimeEnd(s);
    if (end < 0 && local(s)) {
      end = LOCAL.length();
    }
    return end > 0 && end < s.length() && s.charAt(end) == '\t' ? end + 1 : -1;
  }

  /** The shape of Grafana's {@code YYYY-MM-DD HH:mm:ss.SSS}: {@code d} a digit. */
  private static final String LOCAL = "dddd-dd-dd dd:dd:dd.ddd";

  private static boolean local(String s) {
    if (s.length() < LOCAL.length()) {
      return false;
    }
    for (int i = 0; i < LOCAL.length(); i++) {
      char want = LOCAL.charAt(i);
      char c = s.charAt(i);
      if (want == 'd' ? !Character.isDigit(c) : c != want) {
        return false;
      }
    }
    return true;
  }
}
