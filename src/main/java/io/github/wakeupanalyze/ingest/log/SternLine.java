package io.github.wakeupanalyze.ingest.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.ingest.core.KubeletTime;
import java.io.IOException;

/**
 * A line as stern prints it (the multi-pod {@code kubectl logs}), taken apart into the pod, the
 * container and the line {@code kubectl logs --timestamps} would print.
 *
 * <ul>
 *   <li>The default output, {@code POD CONTAINER TIME LINE}, with the namespace first when stern
 *       tails several namespaces. Only with {@code --timestamps} (stern's default layout is the
 *       kubelet's, in the zone of {@code --timezone}): without a time, two words before a line are
 *       not told apart from a line's own text.
 *   <li>{@code --output json}: an object with {@code message}, {@code podName}, {@code
 *       containerName} and, with {@code --timestamps}, the time: at the start of {@code message} up
 *       to stern 1.34, in {@code timestamp} after it.
 * </ul>
 *
 * <p>Names must be Kubernetes names (lower-case letters, digits, {@code -} and {@code .}), so a
 * line that only looks like stern's is read as it is.
 *
 * @param pod the pod
 * @param container the container
 * @param line the line after the pod and container: a time, a space and the operator's line
 */
record SternLine(String pod, String container, String line) {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** {@code s} taken apart, or null when it is not a line of stern's. */
  static SternLine of(String s) {
    if (s.startsWith("{")) {
      return s.contains("\"podName\"") ? json(s) : null;
    }
    int a = s.indexOf(' ');
    int b = a < 0 ? -1 : s.indexOf(' ', a + 1);
    if (b < 0 || !name(s, 0, a) || !name(s, a + 1, b)) {
      return null;
    }
    if (KubeletTime.end(s, b + 1) >= 0) {
      return new SternLine(s.substring(0, a), s.substring(a + 1, b), s.substring(b + 1));
    }
    int c = s.indexOf(' ', b + 1);
    if (c > 0 && name(s, b + 1, c) && KubeletTime.end(s, c + 1) >= 0) {
      return new SternLine(s.substring(a + 1, b), s.substring(b + 1, c), s.substring(c + 1));
    }
    return null;
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

  private static SternLine json(String s) {
    String message = null;
    String timestamp = null;
    String pod = null;
    String container = null;
    try (JsonParser p = FACTORY.createParser(s)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        String text = v == JsonToken.VALUE_STRING ? p.getText() : null;
        switch (field) {
          case "message" -> message = text;
          case "timestamp" -> timestamp = text;
          case "podName" -> pod = text;
          case "containerName" -> container = text;
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      return null; // not JSON: read as it is
    }
    if (message == null || pod == null || !name(pod, 0, pod.length())) {
      return null;
    }
    String line =
        timestamp == null || timestamp.isEmpty()
            ? message.stripTrailing()
            : timestamp + " " + message.stripTrailing();
    return new SternLine(pod, container == null ? "" : container, line);
  }
}
