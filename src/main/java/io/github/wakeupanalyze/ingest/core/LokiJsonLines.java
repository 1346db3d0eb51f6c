package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * A log as Grafana Loki's HTTP API answers a log query ({@code /loki/api/v1/query_range} or {@code
 * query}, saved with {@code curl}): {@code data.result} holds one object per stream, its labels in
 * {@code stream} and its lines in {@code values}, each {@code [epoch nanoseconds, line]} (a third
 * element, structured metadata, is skipped). Each line is read, one at a time, as {@code kubectl
 * logs --timestamps --prefix} would print it: the pod and container of its stream's labels ({@link
 * PodLabels}), the time to the nanosecond, the line. A line of several lines gives several.
 *
 * <p>Streams follow each other, each in the query's direction (newest first unless it asked for
 * {@code direction=forward}); a stream's labels name the pod of its values when they come first, as
 * Loki writes them.
 */
public final class LokiJsonLines extends JsonLogDocument {
  private static final Pattern STREAMS = Pattern.compile("\"resultType\"\\s*:\\s*\"streams\"");

  private String pod;
  private String container;

  /** Inside a stream's {@code values}. */
  private boolean inValues;

  public LokiJsonLines(InputStream in) throws IOException {
    super(in);
  }

  /**
   * Whether {@code head}, the input's first characters (as much as a sniffer looks at), opens an
   * answer to a log query.
   */
  public static boolean opens(String head) {
    String s = LogJson.head(head);
    return s.startsWith("{") && STREAMS.matcher(s).find();
  }

  @Override
  void token(JsonToken t) throws IOException {
    if (inValues) {
      inValues = value(t);
      return;
    }
    if (t == JsonToken.START_OBJECT && aStream()) {
      pod = container = null; // a stream names its own pod, or none
    }
    if (t != JsonToken.FIELD_NAME) {
      return;
    }
    String name = p.currentName();
    JsonToken v = p.nextToken();
    if (name.equals("stream") && v == JsonToken.START_OBJECT) {
      PodLabels.Named named = PodLabels.read(p);
      pod = named.pod();
      container = named.container();
    } else if (name.equals("values") && v == JsonToken.START_ARRAY) {
      inValues = true;
    } else if (!name.equals("data") && !name.equals("result")) {
      p.skipChildren(); // status, resultType, stats, anything else
    }
  }

  /** Whether the object the parser just entered is an element of {@code result}. */
  private boolean aStream() {
    JsonStreamContext array = p.getParsingContext().getParent();
    return array != null
        && array.inArray()
        && array.getParent() != null
        && "result".equals(array.getParent().getCurrentName());
  }

  /**
   * An entry of a stream's values, the parser on its first token {@code t}: its line or lines are
   * added ({@link #add}); false at the end of the values.
   */
  private boolean value(JsonToken t) throws IOException {
    if (t == JsonToken.END_ARRAY) {
      return false;
    }
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return true;
    }
    long nanos = 0;
    String line = null;
    int i = 0;
    for (JsonToken e = p.nextToken(); e != null && e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (i == 0) {
        nanos = LogJson.nanos(p);
      } else if (i == 1 && e == JsonToken.VALUE_STRING) {
        line = p.getText();
      } else {
        p.skipChildren();
      }
      i++;
    }
    if (line != null) {
      add(pod, container, nanos, line);
    }
    return true;
  }
}
