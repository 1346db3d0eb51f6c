package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming reader for OTLP JSON: one {@code TracesData} / {@code ExportTraceServiceRequest}
 * document, or JSON Lines with one such object per line (the Collector file exporter), or any
 * concatenation of them.
 *
 * <p>Tolerant where harmless: camelCase and snake_case keys; the pre-1.0 {@code
 * instrumentationLibrarySpans}; ids as hex (any case) or base64; empty ids mean unset; 64-bit
 * integers as strings or numbers; enums as numbers or names; unknown fields skipped; wrappers
 * {@code {"result": …}} (Jaeger api_v3), {@code {"batches": […]}} (Tempo v1), {@code {"trace": …}}
 * (Tempo v2); a bare {@code ResourceSpans} object as a root; a span with an empty span id gets a
 * stable synthetic one ({@link JsonReaderBase#syntheticId}). Precise where not: an unknown enum
 * name, an id of the wrong length, a negative or out-of-range time and a span ending before it
 * starts are errors naming line and column.
 *
 * <p>Memory: spans are passed on as soon as their resource and scope are known. Only when a writer
 * puts {@code spans} before {@code scope}, or {@code scopeSpans} before {@code resource}, are the
 * spans of that one ScopeSpans/ResourceSpans held until its end.
 */
final class OtlpJsonReader extends JsonReaderBase {
  private static final int MAX_WRAPPER_DEPTH = 4;

  @Override
  String expectedRoot() {
    return "an OTLP JSON object";
  }

  @Override
  void readRoot(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t != JsonToken.START_OBJECT) {
      throw error(p, "expected a JSON object with \"resourceSpans\", found " + describe(p));
    }
    readRoot(p, 0);
  }

  private void readRoot(JsonParser p, int depth) throws IOException, InputException {
    JsonLocation start = p.currentTokenLocation();
    ResourceContext rs = new ResourceContext();
    try {
      readRootFields(p, depth, rs);
    } finally {
      rs.flush(this);
    }
    if (!rootRecognized && depth == 0) {
      throw new InputException(
          file,
          InputException.lineColumn(start.getLineNr(), start.getColumnNr()),
          "not an OTLP JSON trace: expected an object with \"resourceSpans\"");
    }
  }

  private boolean rootRecognized;

  private void readRootFields(JsonParser p, int depth, ResourceContext rs)
      throws IOException, InputException {
    if (depth == 0) {
      rootRecognized = false;
    }
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "resourceSpans", "resource_spans", "batches" -> {
          rootRecognized = true;
          readArray(p, t, field, () -> readResourceSpans(p));
        }
        case "result", "trace" -> {
          if (t == JsonToken.START_OBJECT && depth < MAX_WRAPPER_DEPTH) {
            rootRecognized = true;
            readRoot(p, depth + 1);
          } else {
            p.skipChildren();
          }
        }
        default -> {
          if (readResourceField(p, field, t, rs)) {
            rootRecognized = true;
          } else {
            p.skipChildren();
          }
        }
      }
    }
  }

  private interface Body {
    void run() throws IOException, InputException;
  }

  private void readArray(JsonParser p, JsonToken t, String field, Body element)
      throws IOException, InputException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw error(p, "expected an array for \"" + field + "\", found " + describe(p));
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(p, "expected an object in \"" + field + "\", found " + describe(p));
      }
      element.run();
    }
  }

  /** State of one ResourceSpans: its service name and the spans waiting for it. */
  private static final class ResourceContext {
    String service = Span.UNKNOWN_SERVICE;
    boolean known;
    List<Span> deferred;

    void flush(OtlpJsonReader r) {
      if (deferred != null) {
        for (Span s : deferred) {
          r.sink.accept(withService(s, service));
        }
        deferred = null;
      }
      known = true;
    }
  }

  private void readResourceSpans(JsonParser p) throws IOException, InputException {
    ResourceContext rs = new ResourceContext();
    try {
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        if (!readResourceField(p, field, t, rs)) {
          p.skipChildren();
        }
      }
    } finally {
      rs.flush(this); // also on error: spans read before it are not lost
    }
  }

  /** Handles one field of a ResourceSpans object; false if the field is not one. */
  private boolean readResourceField(JsonParser p, String field, JsonToken t, ResourceContext rs)
      throws IOException, InputException {
    switch (field) {
      case "resource" -> {
        if (t == JsonToken.START_OBJECT) {
          String service = readResource(p);
          rs.service = service == null ? Span.UNKNOWN_SERVICE : service;
        } else {
          p.skipChildren();
        }
        rs.flush(this);
        return true;
      }
      case "scopeSpans",
          "scope_spans",
          "instrumentationLibrarySpans",
          "instrumentation_library_spans" -> {
        readArray(p, t, field, () -> readScopeSpans(p, rs));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private String readResource(JsonParser p) throws IOException, InputException {
    String service = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (field.equals("attributes")) {
        String[] found = {null};
        readAttributes(
            p,
            t,
            (k, v) -> {
              if (k.equals("service.name")) {
                found[0] = v;
              }
            });
        if (found[0] != null) {
          service = found[0];
        }
      } else {
        p.skipChildren();
      }
    }
    return service;
  }

  private void readScopeSpans(JsonParser p, ResourceContext rs) throws IOException, InputException {
    List<Span> deferred = new ArrayList<>(0);
    try {
      readScopeSpansFields(p, rs, deferred);
    } finally {
      for (Span s : deferred) {
        emit(s, rs); // spans before the scope (or before an error) keep the scope known so far
      }
    }
  }

  private void readScopeSpansFields(JsonParser p, ResourceContext rs, List<Span> deferred)
      throws IOException, InputException {
    String scope = "";
    boolean scopeKnown = false;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "scope", "instrumentationLibrary", "instrumentation_library" -> {
          scope = t == JsonToken.START_OBJECT ? readScopeName(p) : skip(p);
          scopeKnown = true;
          for (Span s : deferred) {
            emit(withScope(s, scope), rs);
          }
          deferred.clear();
        }
        case "spans" -> {
          if (t == JsonToken.VALUE_NULL) {
            break;
          }
          if (t != JsonToken.START_ARRAY) {
            throw error(p, "expected an array for \"spans\", found " + describe(p));
          }
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
              throw error(p, "expected a span object in \"spans\", found " + describe(p));
            }
            Span s = readSpan(p, rs.service, scope);
            if (scopeKnown) {
              emit(s, rs);
            } else {
              deferred.add(s);
            }
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private void emit(Span s, ResourceContext rs) {
    if (rs.known) {
      sink.accept(s);
    } else {
      if (rs.deferred == null) {
        rs.deferred = new ArrayList<>();
      }
      rs.deferred.add(s);
    }
  }

  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return "";
  }

  private String readScopeName(JsonParser p) throws IOException {
    String name = "";
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (field.equals("name") && t == JsonToken.VALUE_STRING) {
        name = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return name;
  }

  private Span readSpan(JsonParser p, String service, String scope)
      throws IOException, InputException {
    JsonLocation start = p.currentTokenLocation();
    Span.Builder b = builder.reset().service(service).scope(scope);
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "traceId", "trace_id" -> {
          if (readId(p, t, 16)) {
            b.traceId(idHigh, idLow);
          }
        }
        case "spanId", "span_id" -> {
          if (readId(p, t, 8)) {
            b.spanId(idLow);
          }
        }
        case "parentSpanId", "parent_span_id" -> {
          if (readId(p, t, 8)) {
            b.parentSpanId(idLow);
          }
        }
        case "name" -> b.name(t == JsonToken.VALUE_NULL ? "" : p.getText());
        case "kind" -> b.kind(kind(p, t));
        case "startTimeUnixNano", "start_time_unix_nano" -> b.startNanos(nanos(p, t));
        case "endTimeUnixNano", "end_time_unix_nano" -> b.endNanos(nanos(p, t));
        case "attributes" -> readAttributes(p, t, b::attribute);
        case "status" -> b.error(t == JsonToken.START_OBJECT && readStatusIsError(p));
        case "links" -> readArray(p, t, field, () -> readLink(p, b));
        case "traceState", "trace_state" -> {
          if (t == JsonToken.VALUE_STRING) {
            b.traceState(p.getText());
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return build(start);
  }

  private void readLink(JsonParser p, Span.Builder b) throws IOException, InputException {
    long traceHigh = 0;
    long traceLow = 0;
    long span = 0;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "traceId", "trace_id" -> {
          if (readId(p, t, 16)) {
            traceHigh = idHigh;
            traceLow = idLow;
          }
        }
        case "spanId", "span_id" -> {
          if (readId(p, t, 8)) {
            span = idLow;
          }
        }
        default -> p.skipChildren();
      }
    }
    if (span != 0) {
      b.link(new SpanLink(traceHigh, traceLow, span));
    }
  }

  private long nanos(JsonParser p, JsonToken t) throws IOException, InputException {
    String text;
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() != JsonParser.NumberType.INT
          && p.getNumberType() != JsonParser.NumberType.LONG) {
        throw error(
            p,
            "time out of range: expected nanoseconds since the epoch below 2^63, found "
                + p.getText());
      }
      long v = p.getLongValue();
      if (v < 0) {
        throw error(p, "expected non-negative nanoseconds since the epoch, found " + v);
      }
      return v;
    } else if (t == JsonToken.VALUE_STRING) {
      text = p.getText();
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (d < 0 || d >= 9.2e18 || d != Math.rint(d)) {
        throw error(p, "expected integer nanoseconds since the epoch, found " + p.getText());
      }
      return (long) d;
    } else {
      throw error(p, "expected nanoseconds since the epoch, found " + describe(p));
    }
    try {
      long v = Long.parseLong(text);
      if (v < 0) {
        throw error(p, "expected non-negative nanoseconds since the epoch, found " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(
          p,
          "expected nanoseconds since the epoch below 2^63 as an integer, found \""
              + Names.abbreviate(text)
              + "\"");
    }
  }

  private int kind(JsonParser p, JsonToken t) throws IOException, InputException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      int k = p.getIntValue();
      if (k < 0 || k > 5) {
        throw error(p, "expected a span kind 0-5, found " + k);
      }
      return k;
    }
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    String name = p.getText();
    return switch (name) {
      case "SPAN_KIND_UNSPECIFIED", "UNSPECIFIED", "0" -> 0;
      case "SPAN_KIND_INTERNAL", "INTERNAL", "1" -> 1;
      case "SPAN_KIND_SERVER", "SERVER", "2" -> 2;
      case "SPAN_KIND_CLIENT", "CLIENT", "3" -> 3;
      case "SPAN_KIND_PRODUCER", "PRODUCER", "4" -> 4;
      case "SPAN_KIND_CONSUMER", "CONSUMER", "5" -> 5;
      default ->
          throw error(
              p,
              "expected a span kind (0-5 or SPAN_KIND_UNSPECIFIED, _INTERNAL, "
                  + "_SERVER, _CLIENT, _PRODUCER, _CONSUMER), found \""
                  + Names.abbreviate(name)
                  + "\"");
    };
  }

  private boolean readStatusIsError(JsonParser p) throws IOException, InputException {
    boolean error = false;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (field.equals("code")) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
          int c = p.getIntValue();
          if (c < 0 || c > 2) {
            throw error(p, "expected a status code 0-2, found " + c);
          }
          error = c == 2;
        } else if (t == JsonToken.VALUE_STRING) {
          String s = p.getText();
          error =
              switch (s) {
                case "STATUS_CODE_ERROR", "ERROR", "2" -> true;
                case "STATUS_CODE_OK", "OK", "STATUS_CODE_UNSET", "UNSET", "1", "0", "" -> false;
                default ->
                    throw error(
                        p,
                        "expected a status code (STATUS_CODE_UNSET, _OK, _ERROR), "
                            + "found \""
                            + Names.abbreviate(s)
                            + "\"");
              };
        } else {
          p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
    }
    return error;
  }

  private interface AttributeSink {
    void accept(String key, String value);
  }

  /** Reads {@code [{"key": k, "value": AnyValue}]}; scalar values as strings, others skipped. */
  private void readAttributes(JsonParser p, JsonToken t, AttributeSink out)
      throws IOException, InputException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      throw error(p, "expected an array of attributes, found " + describe(p));
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw error(p, "expected an attribute {\"key\", \"value\"}, found " + describe(p));
      }
      String key = null;
      String value = null;
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken vt = p.nextToken();
        if (field.equals("key")) {
          key = p.getText();
        } else if (field.equals("value") && vt == JsonToken.START_OBJECT) {
          value = readAnyValue(p);
        } else {
          p.skipChildren();
        }
      }
      if (key != null && value != null) {
        out.accept(key, value);
      }
    }
  }

  private static String readAnyValue(JsonParser p) throws IOException {
    String value = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "stringValue",
            "string_value",
            "intValue",
            "int_value",
            "doubleValue",
            "double_value",
            "boolValue",
            "bool_value",
            "bytesValue",
            "bytes_value" -> {
          if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            value = p.getText();
          }
        }
        default -> p.skipChildren();
      }
    }
    return value;
  }

  static Span withService(Span s, String service) {
    return s.withService(service);
  }

  static Span withScope(Span s, String scope) {
    return s.withScope(scope);
  }
}
