package io.github.wakeupanalyze.simulate.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.SimSpan;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Jaeger JSON as the query API and the UI's "Download JSON" give it: {@code {"data":[{traceID,
 * spans, processes}], …}}, one element per trace. Times in microseconds (truncated); parents as
 * {@code CHILD_OF} references, links as {@code FOLLOWS_FROM} references into other traces; span
 * kind, status and scope as the tags the OTLP→Jaeger translation writes ({@code span.kind}, {@code
 * otel.status_code}, {@code error}, {@code otel.scope.name}, and the tracestate as {@code
 * w3c.tracestate}).
 */
public final class JaegerJsonWriter implements TraceWriter {
  /** Where the Collector's OTLP→Jaeger and OTLP→Zipkin translators put a span's tracestate. */
  static final String TRACESTATE_TAG = "w3c.tracestate";

  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonGenerator gen;

  public JaegerJsonWriter(OutputStream out) throws IOException {
    gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    gen.writeStartObject();
    gen.writeArrayFieldStart("data");
  }

  @Override
  public long resolutionNanos() {
    return 1000;
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) throws IOException {
    trace(spans);
  }

  @Override
  public void other(List<SimSpan> spans) throws IOException {
    trace(spans);
  }

  private void trace(List<SimSpan> spans) throws IOException {
    if (spans.isEmpty()) {
      return; // a reconcile none of whose spans were recorded
    }
    SimSpan first = spans.get(0);
    gen.writeRaw('\n');
    gen.writeStartObject();
    gen.writeStringField("traceID", Ids.hex(first.traceIdHigh(), first.traceIdLow()));
    gen.writeArrayFieldStart("spans");
    for (SimSpan s : spans) {
      span(s);
    }
    gen.writeEndArray();
    gen.writeObjectFieldStart("processes");
    gen.writeObjectFieldStart("p1");
    gen.writeStringField("serviceName", first.service());
    gen.writeArrayFieldStart("tags");
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeEndObject();
    gen.writeNullField("warnings");
    gen.writeEndObject();
  }

  private void span(SimSpan s) throws IOException {
    long startUs = Math.floorDiv(s.startNanos(), 1000);
    long endUs = Math.floorDiv(s.endNanos(), 1000);
    gen.writeStartObject();
    gen.writeStringField("traceID", Ids.hex(s.traceIdHigh(), s.traceIdLow()));
    gen.writeStringField("spanID", Ids.hex(s.spanId()));
    gen.writeStringField("operationName", s.name());
    gen.writeArrayFieldStart("references");
    if (s.parentSpanId() != 0) {
      ref("CHILD_OF", Ids.hex(s.traceIdHigh(), s.traceIdLow()), s.parentSpanId());
    }
    for (SpanLink l : s.links()) {
      ref("FOLLOWS_FROM", Ids.hex(l.traceIdHigh(), l.traceIdLow()), l.spanId());
    }
    gen.writeEndArray();
    gen.writeNumberField("startTime", startUs);
    gen.writeNumberField("duration", endUs - startUs);
    gen.writeArrayFieldStart("tags");
    tag("otel.scope.name", s.scope());
    for (SimSpan.Attr a : s.attributes()) {
      tag(a.key(), a.value());
    }
    String kind =
        switch (s.kind()) {
          case SimSpan.SERVER -> "server";
          case SimSpan.CLIENT -> "client";
          default -> "internal";
        };
    tag("span.kind", kind);
    if (!s.traceState().isEmpty()) {
      tag(TRACESTATE_TAG, s.traceState());
    }
    if (s.error()) {
      tag("otel.status_code", "ERROR");
      if (s.statusMessage() != null) {
        tag("otel.status_description", s.statusMessage());
      }
      tag("error", Boolean.TRUE);
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("logs");
    gen.writeEndArray();
    gen.writeStringField("processID", "p1");
    gen.writeNullField("warnings");
    gen.writeEndObject();
  }

  private void ref(String type, String traceId, long spanId) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("refType", type);
    gen.writeStringField("traceID", traceId);
    gen.writeStringField("spanID", Ids.hex(spanId));
    gen.writeEndObject();
  }

  private void tag(String key, Object value) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("key", key);
    if (value instanceof Long l) {
      gen.writeStringField("type", "int64");
      gen.writeNumberField("value", l);
    } else if (value instanceof Double d) {
      gen.writeStringField("type", "float64");
      gen.writeNumberField("value", d);
    } else if (value instanceof Boolean b) {
      gen.writeStringField("type", "bool");
      gen.writeBooleanField("value", b);
    } else {
      gen.writeStringField("type", "string");
      gen.writeStringField("value", String.valueOf(value));
    }
    gen.writeEndObject();
  }

  @Override
  public void close() throws IOException {
    gen.writeRaw('\n');
    gen.writeEndArray();
    gen.writeNumberField("total", 0);
    gen.writeNumberField("limit", 0);
    gen.writeNumberField("offset", 0);
    gen.writeNullField("errors");
    gen.writeEndObject();
    gen.writeRaw('\n');
    gen.close();
  }
}
