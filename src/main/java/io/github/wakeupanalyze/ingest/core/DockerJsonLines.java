package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A container's log as Docker's {@code json-file} driver stores it on the node (minikube's default
 * runtime, cri-dockerd), and as Fluentd and Fluent Bit forward such records, read as the lines
 * {@code kubectl logs --timestamps --prefix} would print for it.
 *
 * <p>Each record is a JSON object: the line in {@code log} (with its newline), {@code stream}
 * ({@code stdout} or {@code stderr}) and {@code time} (RFC 3339, up to nine fractional digits).
 * Docker stores a line over 16 KiB as several records, all but the last without the newline; Fluent
 * Bit's CRI parser says so in {@code logtag} ({@code P} or {@code F}) instead. Fluent Bit's
 * Kubernetes filter adds {@code kubernetes.pod_name} and {@code container_name}.
 *
 * <p>Each record becomes {@code [pod/POD/CONTAINER] } when the pod is named, the kubelet's time
 * ({@link KubeletTime}) when the time is one, a space and the line; the records of a split line are
 * joined, per stream, under the first one's time. A record counts as split when {@code logtag} is
 * {@code P}, or, without a tag, when its line has no newline and is 16 KiB or longer (a collector
 * that drops newlines must not join a whole log into one line). Any other line passes unchanged.
 */
public final class DockerJsonLines {
  /** Docker's buffer: a longer line is stored in records of this many bytes. */
  static final int SPLIT = 16 * 1024;

  private final CriLines.Source in;
  private final PartialLines lines;

  /** One record's fields; reused. */
  private String log;

  private String stream;
  private String time;
  private String logtag;
  private String pod;
  private String container;

  /**
   * @param in the lines
   * @param limit the longest joined line kept, in characters
   */
  public DockerJsonLines(CriLines.Source in, int limit) {
    this.in = in;
    this.lines = new PartialLines(limit);
  }

  /** The next line, a record made a {@code kubectl logs} line; null at the end. */
  public String next() throws IOException {
    String line;
    while ((line = in.next()) != null) {
      if (!line.startsWith("{") || !line.contains("\"log\"") || !read(line)) {
        return line;
      }
      int s = "stdout".equals(stream) ? 0 : 1;
      boolean partial =
          logtag != null
              ? logtag.contains("P")
              : !log.endsWith("\n") && log.getBytes(StandardCharsets.UTF_8).length >= SPLIT;
      int end = log.endsWith("\n") ? log.length() - 1 : log.length();
      String whole = lines.add(s, head(), log, 0, end, partial);
      if (whole != null) {
        return whole;
      }
    }
    return lines.rest(); // the input ends inside a split line: what there is of it
  }

  /** What {@code kubectl logs --prefix --timestamps} puts before the line. */
  private String head() {
    StringBuilder head = new StringBuilder();
    PodPrefix.append(head, pod, container);
    String kubelet = KubeletTime.ofWhole(time);
    if (kubelet != null) {
      head.append(kubelet).append(' ');
    }
    return head.toString();
  }

  /** Reads a record's fields; false when the line is no such record (then it passes unchanged). */
  private boolean read(String line) {
    log = stream = time = logtag = pod = container = null;
    try (JsonParser p = LogJson.FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "log" -> log = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "stream" -> stream = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "time" -> time = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "logtag" -> logtag = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "kubernetes" -> kubernetes(p, v);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return false;
      }
    } catch (IOException e) {
      return false; // not JSON, or more than one value: not a record
    }
    return log != null && ("stdout".equals(stream) || "stderr".equals(stream));
  }

  private void kubernetes(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_STRING && name.equals("pod_name")) {
        pod = p.getText();
      } else if (value == JsonToken.VALUE_STRING && name.equals("container_name")) {
        container = p.getText();
      } else {
        p.skipChildren();
      }
    }
  }
}
