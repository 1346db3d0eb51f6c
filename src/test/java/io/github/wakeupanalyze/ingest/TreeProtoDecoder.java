package io.github.wakeupanalyze.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The reference decoder for {@link OtlpProtoDecoder}: the generated opentelemetry-proto parser
 * builds the whole message tree, which is then turned into spans by the obvious walk over its
 * getters. Slow and memory-hungry, but its wire handling is the protobuf library's own, so the
 * streaming decoder is tested against it.
 *
 * <p>Spans without a span id get {@link JsonReaderBase#syntheticId} of their ordinal, as there.
 * Field 1000 of ResourceSpans (the pre-1.0 {@code instrumentation_library_spans}) is read from the
 * unknown fields, after the scope_spans of the same ResourceSpans.
 */
final class TreeProtoDecoder {
  private final String file;
  private final List<Span> spans = new ArrayList<>();
  private long ordinal;

  private TreeProtoDecoder(String file) {
    this.file = file;
  }

  /**
   * The spans of one message, in order.
   *
   * @throws InvalidProtocolBufferException when the library rejects the bytes
   * @throws IllegalArgumentException when a span is invalid (a bad id size, kind, time)
   */
  static List<Span> decode(byte[] message, String file) throws InvalidProtocolBufferException {
    return decode(List.of(TracesData.parseFrom(message)), file);
  }

  /** The spans of several messages (the frames of a length-prefixed file), in order. */
  static List<Span> decode(List<TracesData> messages, String file)
      throws InvalidProtocolBufferException {
    TreeProtoDecoder d = new TreeProtoDecoder(file);
    for (TracesData data : messages) {
      for (ResourceSpans rs : data.getResourceSpansList()) {
        d.resourceSpans(rs);
      }
    }
    return d.spans;
  }

  private void resourceSpans(ResourceSpans rs) throws InvalidProtocolBufferException {
    String service = Span.UNKNOWN_SERVICE;
    for (KeyValue kv : rs.getResource().getAttributesList()) {
      if (kv.getKey().equals("service.name") && kv.getValue().hasStringValue()) {
        service = kv.getValue().getStringValue();
      }
    }
    for (ScopeSpans ss : rs.getScopeSpansList()) {
      scopeSpans(ss, service);
    }
    UnknownFieldSet.Field old = rs.getUnknownFields().getField(1000);
    if (old != null) {
      for (ByteString bytes : old.getLengthDelimitedList()) {
        scopeSpans(ScopeSpans.parseFrom(bytes), service);
      }
    }
  }

  private void scopeSpans(ScopeSpans ss, String service) {
    for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
      ordinal++;
      Span.Builder b = Span.builder().service(service).scope(ss.getScope().getName());
      ByteString trace = s.getTraceId();
      if (trace.size() == 16) {
        b.traceId(longAt(trace, 0), longAt(trace, 8));
      } else if (!trace.isEmpty()) {
        throw new IllegalArgumentException("trace id of " + trace.size() + " bytes");
      }
      long spanId = spanId(s.getSpanId());
      b.spanId(spanId != 0 ? spanId : JsonReaderBase.syntheticId(file, ordinal));
      b.parentSpanId(spanId(s.getParentSpanId()));
      b.traceState(s.getTraceState());
      b.name(s.getName());
      if (s.getKindValue() < 0 || s.getKindValue() > 5) {
        throw new IllegalArgumentException("kind " + s.getKindValue());
      }
      b.kind(s.getKindValue());
      if (s.getStartTimeUnixNano() < 0 || s.getEndTimeUnixNano() < 0) {
        throw new IllegalArgumentException("time above 2^63");
      }
      b.startNanos(s.getStartTimeUnixNano()).endNanos(s.getEndTimeUnixNano());
      b.error(s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR);
      for (KeyValue kv : s.getAttributesList()) {
        String v = text(kv.getValue());
        if (v != null) {
          b.attribute(kv.getKey(), v);
        }
      }
      for (io.opentelemetry.proto.trace.v1.Span.Link l : s.getLinksList()) {
        long id = spanId(l.getSpanId());
        ByteString lt = l.getTraceId();
        if (lt.size() != 16 && !lt.isEmpty()) {
          throw new IllegalArgumentException("link trace id of " + lt.size() + " bytes");
        }
        if (id != 0) {
          b.link(
              lt.isEmpty()
                  ? new SpanLink(0, 0, id)
                  : new SpanLink(longAt(lt, 0), longAt(lt, 8), id));
        }
      }
      spans.add(b.build());
    }
  }

  private static long spanId(ByteString id) {
    if (id.isEmpty()) {
      return 0;
    }
    if (id.size() != 8) {
      throw new IllegalArgumentException("span id of " + id.size() + " bytes");
    }
    return longAt(id, 0);
  }

  private static long longAt(ByteString b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b.byteAt(i) & 0xff);
    }
    return v;
  }

  /** Scalar values as text, as the readers give them; arrays and maps are left out (null). */
  static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      default -> null;
    };
  }
}
