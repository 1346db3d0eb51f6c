package io.github.wakeupanalyze.ingest.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.ingest.core.KubeletTime;
import io.github.wakeupanalyze.ingest.core.PodLabels;
import java.io.IOException;

/**
 * A line as a tool that gathers the logs of many pods prints it, taken apart into the pod, the
 * container and the line {@code kubectl logs} would print (after the kubelet's time where the tool
 * gives one to the nanosecond).
 *
 * <ul>
 *   <li><b>stern</b>, default output: {@code POD CONTAINER TIME LINE}, the namespace first when it
 *       tails several namespaces. Only with {@code --timestamps} (stern's default layout is the
 *       kubelet's, in the zone of {@code --timezone}): without a time, two words before a line are
 *       not told apart from a line's own text.
 *   <li><b>stern</b> {@code --output json}: an object with {@code message}, {@code podName}, {@code
 *       containerName} and, with {@code --timestamps}, the time: at the start of {@code message} up
 *       to stern 1.34, in {@code timestamp} after it.
 *   <li><b>logcli</b> (Grafana Loki) {@code --output jsonl}: {@code labels}, {@code line} and
 *       {@code timestamp} (RFC 3339 to the nanosecond, in logcli's {@code --timezone}); the pod and
 *       container are labels ({@link PodLabels}).
 *   <li><b>logcli</b> default output: {@code TIME {LABELS} LINE}. Its time has whole seconds, so
 *       only the labels are taken: the line's own time places it.
 * </ul>
 *
 * <p>Pod, container and namespace names must be Kubernetes names (lower-case letters, digits,
 * {@code -} and {@code .}), so a line that only looks like one of these is read as it is.
 *
 * @param pod the pod
 * @param container the container, or empty
 * @param line the line after them, as {@code kubectl logs} would print it
 */
record PodLine(String pod, String container, String line) {
  /** {@code s} taken apart, or null when it is none of these tools' lines. */
  static PodLine of(String s) {
    if (s.startsWith("{")) {
      if (s.contains("\"podName\"")) {
        return sternJson(s);
      }
      return s.startsWith("{\"labels\"") ? logcliJson(s) : null;
    }
    PodLine stern = stern(s);
    return stern != null ? stern : logcli(s);
  }

  private static PodLine stern(String s) {
    int a = s.indexOf(' ');
    int b = a < 0 ? -1 : s.indexOf(' ', a + 1);
    if (b < 0 || !name(s, 0, a) || !name(s, a + 1, b)) {
      return null;
    }
    if (KubeletTime.end(s, b + 1) >= 0) {
      return new PodLine(s.substring(0, a), s.substring(a + 1, b), s.substring(b + 1));
    }
    int c = s.indexOf(' ', b + 1);
    if (c > 0 && name(s, b + 1, c) && KubeletTime.end(s, c + 1) >= 0) {
      return new PodLine(s.substring(a + 1, b), s.substring(b + 1, c), s.substring(c + 1));
    }
    return null;
  }

  /** logcli's default output: an RFC 3339 time, a space, a label set in braces, the line. */
  private static PodLine logcli(String s) {
    int time = KubeletTime.runtimeTimeEnd(s);
    if (time < 0 || !s.startsWith(" {", time)) {
      return null;
    }
    String pod = null;
    String container = null;
    int i = time + 2;
    while (i < s.length() && s.charAt(i) != '}') {
      int eq = s.indexOf("=\"", i);
      if (eq < 0) {
        return null;
      }
      String key = s.substring(i, eq);
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < s.length() && s.charAt(j) != '"'; j++) {
        char c = s.charAt(j);
        if (c == '\\' && j + 1 < s.length()) {
          c = s.charAt(++j);
        }
        value.append(c);
      }
      if (j >= s.length()) {
        return null;
      }
      pod = PodLabels.pod(key) ? value.toString() : pod;
      container = PodLabels.container(key) ? value.toString() : container;
      i = j + 1;
      if (s.startsWith(", ", i)) {
        i += 2;
      }
    }
    if (i >= s.length() || pod == null || !name(pod, 0, pod.length())) {
      return null;
    }
    return new PodLine(pod, container == null ? "" : container, s.substring(i + 1).strip());
  }

  /** A Kubernetes name (DNS subdomain) in {@code s[from, to)}. */
  private static boolean name(String s, int from, int to) {
    if (to <= from || to - from > 253) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean edge = i == from || i == to - 1;
      if (!((c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || (!edge && (c == '-' || c == '.')))) {
        return false;
      }
    }
    return true;
  }

  private static PodLine sternJson(String s) {
    String[] f = fields(s, false, "message", "timestamp", "podName", "containerName");
    if (f == null || f[0] == null || f[2] == null || !name(f[2], 0, f[2].length())) {
      return null;
    }
    String message = f[0].stripTrailing();
    String line = f[1] == null || f[1].isEmpty() ? message : f[1] + " " + message;
    return new PodLine(f[2], f[3] == null ? "" : f[3], line);
  }

  private static PodLine logcliJson(String s) {
    String[] f = fields(s, true, "line", "timestamp", "pod", "container");
    if (f == null || f[0] == null || f[2] == null || !name(f[2], 0, f[2].length())) {
      return null;
    }
    String line = f[0].stripTrailing();
    String kubelet = KubeletTime.ofWhole(f[1]);
    if (kubelet != null) {
      line = kubelet + " " + line;
    }
    return new PodLine(f[2], f[3] == null ? "" : f[3], line);
  }

  /**
   * The string values of a JSON object's fields {@code names[0..3]}, the pod and container also
   * from {@code labels} when {@code labels} is set; null when {@code s} is no object.
   */
  private static String[] fields(String s, boolean labels, String... names) {
    String[] out = new String[4];
    try (JsonParser p = JsonLine.FACTORY.createParser(s)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (labels && field.equals("labels") && v == JsonToken.START_OBJECT) {
          PodLabels.Named named = PodLabels.read(p);
          out[2] = named.pod() != null ? named.pod() : out[2];
          out[3] = named.container() != null ? named.container() : out[3];
          continue;
        }
        String text = v == JsonToken.VALUE_STRING ? p.getText() : null;
        for (int i = 0; i < 4; i++) {
          if (field.equals(names[i])) {
            out[i] = text;
          }
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      return null; // not JSON: read as it is
    }
    return out;
  }
}
