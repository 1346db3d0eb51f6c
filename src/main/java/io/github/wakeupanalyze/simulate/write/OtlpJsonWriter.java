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
import java.util.Map;

/**
 * OTLP JSON, streamed with Jackson's {@link JsonGenerator}: either one {@code TracesData} document
 * ({@code {"resourceSpans":[…]}}, one ResourceSpans per line) or JSON Lines with one {@code
 * TracesData} per line, as the Collector's file exporter writes it. Follows the OTLP JSON mapping:
 * ids as lower-case hex, 64-bit integers (times, {@code intValue}) as strings, enums as numbers; a
 * span's W3C tracestate as {@code traceState}.
 *
 * <p>Spans are batched like an SDK exporter ({@link SpanBatcher}); spans arrive children first, so
 * in JSON Lines a trace is often split over two lines with children before their parent.
 */
public final class OtlpJsonWriter implements TraceWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator gen;
  private final boolean lines;
  private final SpanBatcher batcher;

  /**
   * @param lines true for JSON Lines
   * @param batchSize spans per export batch, e.g. 512 (document) or 64 (lines)
   */
  public OtlpJsonWriter(OutputStream out, boolean lines, int batchSize) throws IOException {
    this.gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    this.gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.gen.setRootValueSeparator(null);
    this.lines = lines;
    this.batcher = new SpanBatcher(batchSize, this::batch);
    if (!lines) {
      gen.writeStartObject();
      gen.writeFieldName("resourceSpans");
      gen.writeStartArray();
    }
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) throws IOException {
    batcher.add(spans);
  }

  @Override
  public void other(List<SimSpan> spans) throws IOException {
    batcher.add(spans);
  }

  private void batch(Map<String, Map<String, List<SimSpan>>> b) throws IOException {
    if (lines) {
      gen.writeStartObject();
      gen.writeFieldName("resourceSpans");
      gen.writeStartArray();
    }
    for (var service : b.entrySet()) {
      if (!lines) {
        gen.writeRaw('\n');
      }
      gen.writeStartObject();
      gen.writeObjectFieldStart("resource");
      gen.writeArrayFieldStart("attributes");
      attribute("service.name", service.getKey());
      gen.writeEndArray();
      gen.writeEndObject();
      gen.writeArrayFieldStart("scopeSpans");
      for (var scope : service.getValue().entrySet()) {
        gen.writeStartObject();
        gen.writeObjectFieldStart("scope");
        gen.writeStringField("name", scope.getKey());
        gen.writeEndObject();
        gen.writeArrayFieldStart("spans");
        for (SimSpan s : scope.getValue()) {
          span(s);
        }
        gen.writeEndArray();
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
    if (lines) {
      gen.writeEndArray();
      gen.writeEndObject();
      gen.writeRaw('\n');
    }
  }

  private void span(SimSpan s) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("traceId", Ids.hex(s.traceIdHigh(), s.traceIdLow()));
    gen.writeStringField("spanId", Ids.hex(s.spanId()));
    if (!s.traceState().isEmpty()) {
      gen.writeStringField("traceState", s.traceState());
    }
    if (s.parentSpanId() != 0) {
      gen.writeStringField("parentSpanId", Ids.hex(s.parentSpanId()));
    }
    gen.writeStringField("name", s.name());
    gen.writeNumberField("kind", s.kind());
    gen.writeStringField("startTimeUnixNano", Long.toString(s.startNanos()));
    gen.writeStringField("endTimeUnixNano", Long.toString(s.endNanos()));
    if (!s.attributes().isEmpty()) {
      gen.writeArrayFieldStart("attributes");
      for (SimSpan.Attr a : s.attributes()) {
        attribute(a.key(), a.value());
      }
      gen.writeEndArray();
    }
    if (!s.links().isEmpty()) {
      gen.writeArrayFieldStart("links");
      for (SpanLink l : s.links()) {
        gen.writeStartObject();
        gen.writeStringField("traceId", Ids.hex(l.traceIdHigh(), l.traceIdLow()));
        gen.writeStringField("spanId", Ids.hex(l.spanId()));
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }
    if (s.error()) {
      gen.writeObjectFieldStart("status");
      if (s.statusMessage() != null) {
        gen.writeStringField("message", s.statusMessage());
      }
      gen.writeNumberField("code", 2);
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private void attribute(String key, Object value) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("key", key);
    gen.writeObjectFieldStart("value");
    if (value instanceof Long l) {
      gen.writeStringField("intValue", Long.toString(l));
    } else if (value instanceof Double d) {
      gen.writeNumberField("doubleValue", d);
    } else if (value instanceof Boolean b) {
      gen.writeBooleanField("boolValue", b);
    } else {
      gen.writeStringField("stringValue", String.valueOf(value));
    }
    gen.writeEndObject();
    gen.writeEndObject();
  }

  @Override
  public void close() throws IOException {
    batcher.flush();
    if (!lines) {
      gen.writeRaw('\n');
      gen.writeEndArray();
      gen.writeEndObject();
      gen.writeRaw('\n');
    }
    gen.close();
  }
}
