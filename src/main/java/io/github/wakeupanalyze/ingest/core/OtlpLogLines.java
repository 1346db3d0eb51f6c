package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.InputStream;

/**
 * An operator's log as the OpenTelemetry Collector exports it (the {@code file} exporter's OTLP
 * JSON, one {@code ExportLogsServiceRequest} per line, or one document): each log record read as
 * the line {@code kubectl logs --timestamps --prefix} would print for it, one record at a time.
 *
 * <p>A record's line is its {@code body}: a string as the {@code filelog} receiver keeps the
 * container's line; a map (a body a parser turned into fields) is written back as a JSON object.
 * Its time is {@code timeUnixNano}, else {@code observedTimeUnixNano}. The pod and container are
 * the resource's {@code k8s.pod.name} and {@code k8s.container.name} (the {@code container} parser
 * and the {@code k8sattributes} processor set them). A {@code service.name} on the resource (an
 * SDK's log exporter sets it as on the operator's spans; a Collector's {@code resource} processor
 * can) names the operator instead of the pod: the name the trace gives it. A body of several lines
 * gives several lines, the first after the pod and time.
 */
public final class OtlpLogLines extends JsonLogDocument {
  /**
   * Where each record goes instead of becoming lines: its operator's name, container, time, body.
   */
  interface Records {
    void record(String pod, String container, long epochNanos, String body);
  }

  private final Records records;
  private String pod;
  private String container;
  private String service;

  public OtlpLogLines(InputStream in) throws IOException {
    this(in, null);
  }

  /**
   * @param records takes each record as it is read (then {@link #next} gives no line), or null
   */
  OtlpLogLines(InputStream in, Records records) throws IOException {
    super(in);
    this.records = records;
  }

  /**
   * Whether {@code head}, the input's first characters (as much as a sniffer looks at), opens an
   * OTLP logs document.
   */
  public static boolean opens(String head) {
    String s = LogJson.head(head);
    return s.startsWith("{") && s.substring(1).stripLeading().startsWith("\"resourceLogs\"");
  }

  @Override
  void token(JsonToken t) throws IOException {
    if (t == JsonToken.FIELD_NAME && p.currentName().equals("resource") && in("resourceLogs")) {
      p.nextToken();
      resource();
    } else if (t == JsonToken.START_OBJECT && in("resourceLogs")) {
      pod = container = service = null;
    } else if (t == JsonToken.START_OBJECT && in("logRecords")) {
      record();
    } else if (t == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (!name.equals("resourceLogs")
          && !name.equals("scopeLogs")
          && !name.equals("instrumentationLibraryLogs")
          && !name.equals("logRecords")) {
        p.nextToken();
        p.skipChildren(); // scope, schemaUrl, anything else
      }
    }
  }

  /**
   * Whether the object the parser is in (at its start or a field) is an element of {@code field}.
   */
  private boolean in(String field) {
    JsonStreamContext object = p.getParsingContext();
    JsonStreamContext array = object == null ? null : object.getParent();
    JsonStreamContext holder = array == null || !array.inArray() ? null : array.getParent();
    return holder != null && field.equals(holder.getCurrentName());
  }

  /** The resource object: its pod and container. */
  private void resource() throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("attributes") && p.currentToken() == JsonToken.START_ARRAY) {
        elements(
            () ->
                keyValue(
                    (key, text, json) -> {
                      if (key.equals("k8s.pod.name")) {
                        pod = text;
                      } else if (key.equals("k8s.container.name")) {
                        container = text;
                      } else if (key.equals("service.name")) {
                        service = text;
                      }
                    }));
      } else {
        p.skipChildren();
      }
    }
  }

  /** What is done at each element of an array, the parser on the element's start. */
  private interface Element {
    void at() throws IOException;
  }

  /** The objects of the array the parser is on (its start); anything else in it is skipped. */
  private void elements(Element element) throws IOException {
    for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == JsonToken.START_OBJECT) {
        element.at();
      } else {
        p.skipChildren();
      }
    }
  }

  /** The elements of the {@code values} array of the object the parser is on (its start). */
  private void values(Element element) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean values = p.currentName().equals("values");
      p.nextToken();
      if (values && p.currentToken() == JsonToken.START_ARRAY) {
        elements(element);
      } else {
        p.skipChildren();
      }
    }
  }

  /**
   * A {@code KeyValue} (the parser on its start): its key, its value's text when it is a string
   * (else null) and its value as JSON text.
   */
  private interface KeyValueSink {
    void accept(String key, String text, StringBuilder json);
  }

  private void keyValue(KeyValueSink sink) throws IOException {
    String key = null;
    String text = null;
    StringBuilder value = new StringBuilder();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("key") && p.currentToken() == JsonToken.VALUE_STRING) {
        key = p.getText();
      } else if (name.equals("value") && p.currentToken() == JsonToken.START_OBJECT) {
        value.setLength(0);
        text = value(value);
      } else {
        p.skipChildren();
      }
    }
    if (key != null && value.length() > 0) {
      sink.accept(key, text, value);
    }
  }

  /** A log record, the parser on its start: its line or lines are added ({@link #add}). */
  private void record() throws IOException {
    long time = 0;
    long observed = 0;
    String body = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "timeUnixNano" -> time = LogJson.nanos(p);
        case "observedTimeUnixNano" -> observed = LogJson.nanos(p);
        case "body" -> body = body();
        default -> p.skipChildren();
      }
    }
    if (body == null) {
      return;
    }
    String name = service != null ? service : pod;
    if (records != null) {
      records.record(name, container, time > 0 ? time : observed, body);
    } else {
      add(name, container, time > 0 ? time : observed, body);
    }
  }

  /** The body: a string as it is, anything else as JSON; null when absent. */
  private String body() throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    StringBuilder json = new StringBuilder();
    String text = value(json);
    return text != null ? text : json.length() > 0 ? json.toString() : null;
  }

  /**
   * An {@code AnyValue} (the parser on its start) written as JSON text into {@code out}: a string
   * as a JSON string, a number or boolean as itself, a map as an object, an array as an array;
   * nothing when it holds none of these.
   *
   * @return the string, when the value is one; else null
   */
  private String value(StringBuilder out) throws IOException {
    int start = out.length();
    String text = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String kind = p.currentName();
      JsonToken v = p.nextToken();
      if (out.length() > start) {
        p.skipChildren(); // one value: the first
        continue;
      }
      switch (kind) {
        case "stringValue" -> {
          text = p.getText();
          quote(out, text);
        }
        case "intValue", "doubleValue" ->
            out.append(v == JsonToken.VALUE_STRING ? p.getText().strip() : p.getText());
        case "boolValue" -> out.append(p.getText());
        case "kvlistValue" -> kvlist(out);
        case "arrayValue" -> array(out);
        default -> p.skipChildren();
      }
    }
    return text;
  }

  private void kvlist(StringBuilder out) throws IOException {
    out.append('{');
    int start = out.length();
    values(
        () ->
            keyValue(
                (key, text, json) -> {
                  out.append(out.length() == start ? "" : ",");
                  quote(out, key);
                  out.append(':').append(json);
                }));
    out.append('}');
  }

  private void array(StringBuilder out) throws IOException {
    out.append('[');
    int start = out.length();
    values(
        () -> {
          int mark = out.length();
          out.append(mark == start ? "" : ",");
          int at = out.length();
          value(out);
          if (out.length() == at) {
            out.setLength(mark); // a value of no kind this reads
          }
        });
    out.append(']');
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
  }
}
