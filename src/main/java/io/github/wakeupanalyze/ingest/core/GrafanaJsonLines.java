package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * A log as Grafana's "Download logs" saves it as JSON (Grafana 10.2 and later): one array, an
 * object per line with {@code line}, {@code timestamp} (epoch nanoseconds, a decimal string),
 * {@code date} and {@code fields} (the stream's labels and the fields Grafana detected). Each is
 * read, one at a time, as the line {@code kubectl logs --timestamps --prefix} would print for it:
 * the pod and container of its labels ({@link PodLabels}), the time to the nanosecond, the line. A
 * line of several lines gives several, the first after the pod and time.
 */
public final class GrafanaJsonLines extends JsonLogDocument {

  public GrafanaJsonLines(InputStream in) throws IOException {
    super(in);
  }

  /**
   * Whether {@code head}, the input's first characters (as much as a sniffer looks at), opens such
   * a download.
   */
  public static boolean opens(String head) {
    String s = LogJson.head(head);
    if (!s.startsWith("[")) {
      return false;
    }
    s = s.substring(1).stripLeading();
    return s.startsWith("{") && s.substring(1).stripLeading().startsWith("\"line\"");
  }

  @Override
  void token(JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT && p.getParsingContext().getParent().inRoot()) {
      p.skipChildren(); // a download is an array: an object at the top is none of its rows
    } else if (t == JsonToken.START_OBJECT) {
      row();
    } else if (t != JsonToken.START_ARRAY && t != JsonToken.END_ARRAY) {
      p.skipChildren(); // a value in the array that is no row
    }
  }

  /** A row, the parser on its start: its line or lines are added ({@link #add}). */
  private void row() throws IOException {
    String line = null;
    long nanos = 0;
    String pod = null;
    String container = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("line") && v == JsonToken.VALUE_STRING) {
        line = p.getText();
      } else if (name.equals("timestamp")) {
        nanos = LogJson.nanos(p);
      } else if (name.equals("fields") && v == JsonToken.START_OBJECT) {
        PodLabels.Named named = PodLabels.read(p);
        pod = named.pod();
        container = named.container();
      } else {
        p.skipChildren();
      }
    }
    if (line == null) {
      return;
    }
    add(pod, container, nanos, line);
  }
}
