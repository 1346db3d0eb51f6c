package io.github.wakeupanalyze.simulate.write;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.SimSpan;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * OTLP protobuf, built with the generated opentelemetry-proto classes, in one of two framings:
 *
 * <ul>
 *   <li>single: one {@code TracesData} message. It is streamed as a sequence of its field 1 ({@code
 *       repeated ResourceSpans resource_spans}), one ResourceSpans per export batch; the
 *       concatenation is exactly the encoding of one message with all of them.
 *   <li>delimited: the Collector file exporter's {@code format: proto}: each batch a whole {@code
 *       TracesData} preceded by its length as a 4-byte big-endian integer.
 * </ul>
 */
public final class OtlpProtoWriter implements TraceWriter {
  private final OutputStream out;
  private final CodedOutputStream coded;
  private final DataOutputStream data;
  private final boolean delimited;
  private final SpanBatcher batcher;

  public OtlpProtoWriter(OutputStream out, boolean delimited, int batchSize) {
    this.out = out;
    this.delimited = delimited;
    this.coded = delimited ? null : CodedOutputStream.newInstance(out, 1 << 16);
    this.data = delimited ? new DataOutputStream(out) : null;
    this.batcher = new SpanBatcher(batchSize, this::batch);
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
    TracesData.Builder td = TracesData.newBuilder();
    for (var service : b.entrySet()) {
      ResourceSpans.Builder rs =
          ResourceSpans.newBuilder()
              .setResource(
                  Resource.newBuilder().addAttributes(kv("service.name", service.getKey())));
      for (var scope : service.getValue().entrySet()) {
        ScopeSpans.Builder ss =
            ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName(scope.getKey()));
        for (SimSpan s : scope.getValue()) {
          ss.addSpans(span(s));
        }
        rs.addScopeSpans(ss);
      }
      if (delimited) {
        td.addResourceSpans(rs);
      } else {
        coded.writeMessage(TracesData.RESOURCE_SPANS_FIELD_NUMBER, rs.build());
      }
    }
    if (delimited) {
      byte[] bytes = td.build().toByteArray();
      data.writeInt(bytes.length);
      data.write(bytes);
    }
  }

  static Span span(SimSpan s) {
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(traceId(s.traceIdHigh(), s.traceIdLow()))
            .setSpanId(spanId(s.spanId()))
            .setName(s.name())
            .setKindValue(s.kind())
            .setStartTimeUnixNano(s.startNanos())
            .setEndTimeUnixNano(s.endNanos());
    if (s.parentSpanId() != 0) {
      b.setParentSpanId(spanId(s.parentSpanId()));
    }
    for (SimSpan.Attr a : s.attributes()) {
      b.addAttributes(kv(a.key(), a.value()));
    }
    for (SpanLink l : s.links()) {
      b.addLinks(
          Span.Link.newBuilder()
              .setTraceId(traceId(l.traceIdHigh(), l.traceIdLow()))
              .setSpanId(spanId(l.spanId())));
    }
    if (s.error()) {
      Status.Builder st = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR);
      if (s.statusMessage() != null) {
        st.setMessage(s.statusMessage());
      }
      b.setStatus(st);
    }
    return b.build();
  }

  static KeyValue kv(String key, Object value) {
    AnyValue.Builder v = AnyValue.newBuilder();
    if (value instanceof Long l) {
      v.setIntValue(l);
    } else if (value instanceof Boolean bool) {
      v.setBoolValue(bool);
    } else {
      v.setStringValue(String.valueOf(value));
    }
    return KeyValue.newBuilder().setKey(key).setValue(v).build();
  }

  static ByteString traceId(long high, long low) {
    byte[] b = new byte[16];
    put(b, 0, high);
    put(b, 8, low);
    return ByteString.copyFrom(b);
  }

  static ByteString spanId(long id) {
    byte[] b = new byte[8];
    put(b, 0, id);
    return ByteString.copyFrom(b);
  }

  private static void put(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  @Override
  public void close() throws IOException {
    batcher.flush();
    if (coded != null) {
      coded.flush();
    }
    if (data != null) {
      data.flush();
    }
    out.flush();
  }
}
