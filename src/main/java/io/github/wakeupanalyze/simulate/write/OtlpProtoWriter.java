package io.github.wakeupanalyze.simulate.write;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP protobuf, streamed in bounded memory, in one of two framings:
 *
 * <ul>
 *   <li>single: one {@code TracesData} message, written as a sequence of its field 1 ({@code
 *       repeated ResourceSpans resource_spans}), one ResourceSpans per service per export batch;
 *       the concatenation is exactly the encoding of one message with all of them. With a batch of
 *       200,000 spans a 2-million-span run of one service is one message of 10 ResourceSpans ×
 *       200,000 spans.
 *   <li>delimited: the Collector file exporter's {@code format: proto}: each batch a whole {@code
 *       TracesData} preceded by its length as a 4-byte big-endian integer.
 * </ul>
 *
 * <p>A protobuf length comes before its bytes, so a batch cannot be written as its spans arrive.
 * Each span is encoded at once (with the generated {@code Span} class) into a {@link SpillBuffer}
 * per service and scope, which spills to a temporary file past 8 MiB; when the batch is full the
 * writer knows every length, writes the ResourceSpans and ScopeSpans headers and copies the spans
 * out. Memory is one span plus the buffers' limits, whatever the batch size. The bytes are those
 * the generated builders would give for the same message (fields in number order).
 */
public final class OtlpProtoWriter implements TraceWriter {
  private static final int SPILL_LIMIT = 8 << 20;

  private final int spillLimit;
  private final OutputStream out;
  private final CodedOutputStream coded;
  private final boolean delimited;
  private final int batchSize;
  private final Map<String, Map<String, SpillBuffer>> batch = new LinkedHashMap<>();
  private final List<SpillBuffer> free = new ArrayList<>();
  private int count;

  /**
   * @param batchSize spans per export batch, e.g. 512
   */
  public OtlpProtoWriter(OutputStream out, boolean delimited, int batchSize) {
    this(out, delimited, batchSize, SPILL_LIMIT);
  }

  /**
   * @param spillLimit bytes of encoded spans per service and scope kept in memory before spilling
   *     to a temporary file
   */
  OtlpProtoWriter(OutputStream out, boolean delimited, int batchSize, int spillLimit) {
    this.spillLimit = spillLimit;
    this.out = out;
    this.delimited = delimited;
    this.batchSize = batchSize;
    this.coded = CodedOutputStream.newInstance(out, 1 << 16);
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) throws IOException {
    add(spans);
  }

  @Override
  public void other(List<SimSpan> spans) throws IOException {
    add(spans);
  }

  private void add(List<SimSpan> spans) throws IOException {
    for (SimSpan s : spans) {
      SpillBuffer buf =
          batch
              .computeIfAbsent(s.service(), k -> new LinkedHashMap<>())
              .computeIfAbsent(s.scope(), k -> buffer());
      byte[] bytes = span(s).toByteArray();
      CodedOutputStream c = CodedOutputStream.newInstance(buf, 16);
      c.writeTag(ScopeSpans.SPANS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      c.writeUInt32NoTag(bytes.length);
      c.flush();
      buf.write(bytes);
      if (++count >= batchSize) {
        flush();
      }
    }
  }

  private SpillBuffer buffer() {
    return free.isEmpty() ? new SpillBuffer(spillLimit) : free.remove(free.size() - 1);
  }

  /** Writes the batch: one ResourceSpans per service, its scopes in order of first appearance. */
  private void flush() throws IOException {
    if (count == 0) {
      return;
    }
    List<byte[]> resources = new ArrayList<>();
    List<Long> resourceSizes = new ArrayList<>();
    long total = 0;
    for (var service : batch.entrySet()) {
      byte[] resource =
          Resource.newBuilder()
              .addAttributes(kv("service.name", service.getKey()))
              .build()
              .toByteArray();
      long size = field(ResourceSpans.RESOURCE_FIELD_NUMBER, resource.length);
      for (var scope : service.getValue().entrySet()) {
        size += field(ResourceSpans.SCOPE_SPANS_FIELD_NUMBER, scopeSpansSize(scope));
      }
      resources.add(resource);
      resourceSizes.add(size);
      total += field(TracesData.RESOURCE_SPANS_FIELD_NUMBER, size);
    }
    if (delimited) {
      coded.flush();
      if (total > Integer.MAX_VALUE) {
        throw new IOException("one export batch over 2 GiB; use a smaller batch");
      }
      new DataOutputStream(out).writeInt((int) total);
    }
    int i = 0;
    for (var service : batch.entrySet()) {
      header(TracesData.RESOURCE_SPANS_FIELD_NUMBER, resourceSizes.get(i));
      header(ResourceSpans.RESOURCE_FIELD_NUMBER, resources.get(i).length);
      coded.writeRawBytes(resources.get(i));
      for (var scope : service.getValue().entrySet()) {
        byte[] scopeBytes = scope(scope.getKey());
        header(ResourceSpans.SCOPE_SPANS_FIELD_NUMBER, scopeSpansSize(scope));
        header(ScopeSpans.SCOPE_FIELD_NUMBER, scopeBytes.length);
        coded.writeRawBytes(scopeBytes);
        coded.flush();
        scope.getValue().writeTo(out);
        free.add(scope.getValue());
      }
      i++;
    }
    batch.clear();
    count = 0;
  }

  private static long scopeSpansSize(Map.Entry<String, SpillBuffer> scope) {
    return field(ScopeSpans.SCOPE_FIELD_NUMBER, scope(scope.getKey()).length)
        + scope.getValue().size();
  }

  private static byte[] scope(String name) {
    return InstrumentationScope.newBuilder().setName(name).build().toByteArray();
  }

  /** The encoded size of a length-delimited field holding {@code length} bytes. */
  private static long field(int number, long length) {
    return CodedOutputStream.computeTagSize(number)
        + CodedOutputStream.computeUInt64SizeNoTag(length)
        + length;
  }

  private void header(int number, long length) throws IOException {
    coded.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    coded.writeUInt64NoTag(length);
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
    if (!s.traceState().isEmpty()) {
      b.setTraceState(s.traceState());
    }
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
    } else if (value instanceof Double d) {
      v.setDoubleValue(d);
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
    try {
      flush();
      coded.flush();
      out.flush();
    } finally {
      for (SpillBuffer b : free) {
        b.discard();
      }
      for (var service : batch.values()) {
        for (SpillBuffer b : service.values()) {
          b.discard();
        }
      }
    }
  }
}
