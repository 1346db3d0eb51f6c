package io.github.wakeupanalyze.simulate.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.SimSpan;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Zipkin v2 JSON: one array of spans, one span per line. Microseconds (truncated), 128-bit trace
 * ids, {@code kind} CLIENT/SERVER (absent for internal spans), {@code localEndpoint.serviceName},
 * string tags; an error span carries the {@code error} tag and the tracestate is the tag {@code
 * w3c.tracestate}, as the OTLP→Zipkin translation writes them. Zipkin has no span links: they are
 * dropped.
 */
public final class ZipkinJsonWriter implements TraceWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonGenerator gen;

  public ZipkinJsonWriter(OutputStream out) throws IOException {
    gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    gen.writeStartArray();
  }

  @Override
  public long resolutionNanos() {
    return 1000;
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) throws IOException {
    other(spans);
  }

  @Override
  public void other(List<SimSpan> spans) throws IOException {
    for (SimSpan s : spans) {
      span(s);
    }
  }

  private void span(SimSpan s) throws IOException {
    long startUs = Math.floorDiv(s.startNanos(), 1000);
    long endUs = Math.floorDiv(s.endNanos(), 1000);
    gen.writeRaw('\n');
    gen.writeStartObject();
    gen.writeStringField("traceId", Ids.hex(s.traceIdHigh(), s.traceIdLow()));
    if (s.parentSpanId() != 0) {
      gen.writeStringField("parentId", Ids.hex(s.parentSpanId()));
    }
    gen.writeStringField("id", Ids.hex(s.spanId()));
    if (s.kind() == SimSpan.SERVER) {
      gen.writeStringField("kind", "SERVER");
    } else if (s.kind() == SimSpan.CLIENT) {
      gen.writeStringField("kind", "CLIENT");
    }
    gen.writeStringField("name", s.name());
    gen.writeNumberField("timestamp", startUs);
    gen.writeNumberField("duration", Math.max(1, endUs - startUs));
    gen.writeObjectFieldStart("localEndpoint");
    gen.writeStringField("serviceName", s.service());
    gen.writeEndObject();
    gen.writeObjectFieldStart("tags");
    for (SimSpan.Attr a : s.attributes()) {
      gen.writeStringField(a.key(), String.valueOf(a.value()));
    }
    gen.writeStringField("otel.scope.name", s.scope());
    if (!s.traceState().isEmpty()) {
      gen.writeStringField(JaegerJsonWriter.TRACESTATE_TAG, s.traceState());
    }
    if (s.error()) {
      gen.writeStringField("otel.status_code", "ERROR");
      gen.writeStringField("error", s.statusMessage() == null ? "" : s.statusMessage());
    }
    gen.writeEndObject();
    gen.writeEndObject();
  }

  @Override
  public void close() throws IOException {
    gen.writeRaw('\n');
    gen.writeEndArray();
    gen.writeRaw('\n');
    gen.close();
  }
}
