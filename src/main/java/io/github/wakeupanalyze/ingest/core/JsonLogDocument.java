package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A log collected as one JSON document (the OpenTelemetry Collector's OTLP logs, Grafana's JSON
 * download, Loki's answer to a query), read with Jackson's streaming parser one record at a time,
 * whatever the document's size, and handed out as the lines {@code kubectl logs --timestamps
 * --prefix} would print for its records.
 */
public abstract class JsonLogDocument implements CriLines.Source {
  /** The parser over the document. */
  final JsonParser p;

  private final ArrayDeque<String> ready = new ArrayDeque<>();

  JsonLogDocument(InputStream in) throws IOException {
    this.p = LogJson.FACTORY.createParser(in);
  }

  /** The line of the input the parser has reached, for error messages. */
  public final long line() {
    return p.currentLocation().getLineNr();
  }

  @Override
  public final String next() throws IOException {
    while (ready.isEmpty()) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return null;
      }
      token(t);
    }
    return ready.poll();
  }

  /**
   * Reads on from token {@code t}, the parser on it: a record's lines are {@link #add}ed, anything
   * else is passed over.
   */
  abstract void token(JsonToken t) throws IOException;

  /**
   * Adds a record: its first line after the pod's prefix (when {@code pod} is one) and the time
   * (when {@code epochNanos} is positive), each further line of {@code text} as it is.
   */
  final void add(String pod, String container, long epochNanos, String text) {
    LogJson.addRecord(ready, pod, container, epochNanos, text);
  }
}
