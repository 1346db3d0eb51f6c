package io.github.wakeupanalyze.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.text.Names;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;

/**
 * Streaming reader for OTLP protobuf: one {@code TracesData} / {@code ExportTraceServiceRequest}
 * message (both have {@code repeated ResourceSpans resource_spans = 1}), or the Collector file
 * exporter's {@code format: proto}, where each such message is preceded by its length as 4 bytes
 * big-endian. Which of the two is decided from the first bytes ({@link #framing}).
 *
 * <p>Memory: the top-level repeated field is walked with {@link CodedInputStream} and one {@code
 * ResourceSpans} at a time is parsed with the generated parser, so memory is bounded by the largest
 * ResourceSpans, not by the file. A length (of a frame or a field) larger than what follows is not
 * allocated up front: parsing stops at the end of the input with a "truncated" error. The pre-1.0
 * {@code instrumentation_library_spans} (field 1000, same layout as {@code scope_spans}) is read
 * too.
 *
 * <p>Errors name the byte offset of the ResourceSpans (or frame) being read and its index.
 */
final class OtlpProtoReader implements TraceReader {
  /** The largest frame or message length accepted, a little below 2 GiB. */
  static final long MAX_LENGTH = Integer.MAX_VALUE - (1 << 20);

  /** Field 1 (resource_spans), wire type 2 (length-delimited). */
  private static final int RESOURCE_SPANS_TAG = (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private static final int OLD_INSTRUMENTATION_LIBRARY_SPANS = 1000;

  private final Span.Builder builder = Span.builder();
  private String file;
  private SpanSink sink;
  private CodedInputStream cis;

  /** Bytes read before the last {@link CodedInputStream#resetSizeCounter()}. */
  private long base;

  /** Offset of the ResourceSpans being converted, for errors. */
  private long elementAt;

  private int scopeIndex;

  /** How the messages of a protobuf input are delimited. */
  enum Framing {
    /** One message, no length prefix. */
    SINGLE,
    /** Each message preceded by a 4-byte big-endian length (Collector file exporter). */
    LENGTH_PREFIXED
  }

  /**
   * Tells from the first bytes whether they look like OTLP protobuf, and how it is delimited.
   *
   * <p>A single message starts with the tag of field 1 ({@code 0a}), a varint length, and then the
   * tag of a ResourceSpans field ({@code 0a} resource, {@code 12} scope_spans, {@code 1a}
   * schema_url, {@code c2 3e} the old field 1000). A length-prefixed message starts with 4 bytes of
   * length and then the same. When both readings fit (possible only for a first frame of 160 MiB or
   * more) the single message wins.
   *
   * @return null when neither fits
   */
  static Framing framing(byte[] b, int n) {
    if (plausibleMessage(b, 0, n)) {
      return Framing.SINGLE;
    }
    if (n >= 5) {
      long len =
          ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      if (len >= 2 && plausibleMessage(b, 4, n)) {
        return Framing.LENGTH_PREFIXED;
      }
    }
    return null;
  }

  private static boolean plausibleMessage(byte[] b, int at, int n) {
    if (at >= n || b[at] != 0x0a) {
      return false;
    }
    int i = at + 1;
    long len = 0;
    int shift = 0;
    while (true) {
      if (i >= n || shift > 28) {
        return false;
      }
      int x = b[i++] & 0xff;
      len |= (long) (x & 0x7f) << shift;
      shift += 7;
      if ((x & 0x80) == 0) {
        break;
      }
    }
    if (len == 0) {
      return true;
    }
    if (i >= n) {
      return false;
    }
    int tag = b[i] & 0xff;
    return tag == 0x0a
        || tag == 0x12
        || tag == 0x1a
        || (tag == 0xc2 && i + 1 < n && (b[i + 1] & 0xff) == 0x3e);
  }

  @Override
  public void read(InputStream input, String file, SpanSink sink)
      throws IOException, InputException {
    this.file = file;
    this.sink = sink;
    this.base = 0;
    BufferedInputStream in =
        input instanceof BufferedInputStream bis ? bis : new BufferedInputStream(input, 1 << 16);
    in.mark(64);
    byte[] head = in.readNBytes(64);
    in.reset();
    if (head.length == 0) {
      throw new InputException(file, "", "empty input: expected an OTLP protobuf message");
    }
    Framing framing = framing(head, head.length);
    if (framing == null) {
      throw new InputException(
          file,
          InputException.offset(0),
          "expected OTLP protobuf (a TracesData message starting 0a, or 4-byte big-endian "
              + "lengths each followed by one), found "
              + FormatSniffer.describeBytes(head));
    }
    cis = CodedInputStream.newInstance(in, 1 << 16);
    cis.setSizeLimit(Integer.MAX_VALUE);
    if (framing == Framing.SINGLE) {
      readMessage(-1);
    } else {
      int frame = 0;
      while (!cis.isAtEnd()) {
        long at = offset();
        long len = 0;
        for (int i = 0; i < 4; i++) {
          if (cis.isAtEnd()) {
            throw new InputException(
                file,
                InputException.offset(at),
                "truncated length prefix of message #"
                    + (frame + 1)
                    + ": expected 4 bytes, found "
                    + i);
          }
          len = (len << 8) | (cis.readRawByte() & 0xff);
        }
        if (len > MAX_LENGTH) {
          throw new InputException(
              file,
              InputException.offset(at),
              "length prefix of message #"
                  + (frame + 1)
                  + " claims "
                  + len
                  + " bytes: expected at most "
                  + MAX_LENGTH
                  + " (is this really a length-prefixed"
                  + " OTLP protobuf file?)");
        }
        int old;
        try {
          old = cis.pushLimit((int) len);
        } catch (InvalidProtocolBufferException e) {
          throw new InputException(
              file,
              InputException.offset(at),
              "length prefix of message #"
                  + (frame + 1)
                  + " claims "
                  + len
                  + " bytes: "
                  + e.getMessage());
        }
        readMessage(frame);
        if (cis.getBytesUntilLimit() > 0) {
          throw new InputException(
              file,
              InputException.offset(offset()),
              "truncated protobuf: message #"
                  + (frame + 1)
                  + " at offset "
                  + at
                  + " claims "
                  + len
                  + " bytes but the input ends "
                  + cis.getBytesUntilLimit()
                  + " bytes early");
        }
        cis.popLimit(old);
        resetCounter();
        frame++;
      }
    }
  }

  private long offset() {
    return base + cis.getTotalBytesRead();
  }

  private void resetCounter() {
    base += cis.getTotalBytesRead();
    cis.resetSizeCounter();
  }

  /** Walks the fields of one TracesData, up to the end of input or of the current frame. */
  private void readMessage(int frame) throws IOException, InputException {
    int element = 0;
    String in = frame < 0 ? "" : " of message #" + (frame + 1);
    while (true) {
      long at = offset();
      int tag;
      try {
        tag = cis.readTag();
        if (tag == 0) {
          return;
        }
        if (tag == RESOURCE_SPANS_TAG) {
          element++;
          ResourceSpans rs =
              cis.readMessage(ResourceSpans.parser(), ExtensionRegistryLite.getEmptyRegistry());
          emit(rs, at, element, in);
        } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_START_GROUP
            || WireFormat.getTagWireType(tag) > WireFormat.WIRETYPE_FIXED32) {
          throw new InputException(
              file,
              InputException.offset(at),
              "expected field 1 (resource_spans) of a TracesData message"
                  + in
                  + ", found tag "
                  + tag
                  + " (field "
                  + WireFormat.getTagFieldNumber(tag)
                  + ", wire type "
                  + WireFormat.getTagWireType(tag)
                  + ")");
        } else {
          cis.skipField(tag);
        }
      } catch (InvalidProtocolBufferException e) {
        if (e.getCause() instanceof IOException io
            && !(io instanceof InvalidProtocolBufferException)) {
          throw io; // e.g. a gzip layer ending early: not a protobuf error
        }
        String what =
            element == 0
                ? "the TracesData message" + in
                : "resource_spans #" + element + in + " (starting at offset " + at + ")";
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("ended unexpectedly") || msg.contains("truncated")) {
          throw new InputException(
              file,
              InputException.offset(at),
              "truncated protobuf: the input ends inside "
                  + what
                  + "; expected the rest of the message");
        }
        throw new InputException(
            file, InputException.offset(at), "invalid protobuf in " + what + ": " + msg);
      }
      if (frame < 0) {
        resetCounter();
      }
    }
  }

  private void emit(ResourceSpans rs, long at, int element, String in) throws InputException {
    elementAt = at;
    scopeIndex = 0;
    String service = Span.UNKNOWN_SERVICE;
    for (KeyValue kv : rs.getResource().getAttributesList()) {
      if (kv.getKey().equals("service.name") && kv.getValue().hasStringValue()) {
        service = kv.getValue().getStringValue();
      }
    }
    String where = "resource_spans #" + element + in + " (starting at offset " + at + ")";
    for (ScopeSpans ss : rs.getScopeSpansList()) {
      emit(ss, service, where);
    }
    UnknownFieldSet.Field old = rs.getUnknownFields().getField(OLD_INSTRUMENTATION_LIBRARY_SPANS);
    if (old != null) {
      for (ByteString bytes : old.getLengthDelimitedList()) {
        try {
          emit(ScopeSpans.parseFrom(bytes), service, where);
        } catch (InvalidProtocolBufferException e) {
          throw new InputException(
              file,
              InputException.offset(at),
              "invalid instrumentation_library_spans in " + where + ": " + e.getMessage());
        }
      }
    }
  }

  private void emit(ScopeSpans ss, String service, String where) throws InputException {
    scopeIndex++;
    String scope = ss.getScope().getName();
    int index = 0;
    for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
      index++;
      Span.Builder b = builder.reset().service(service).scope(scope);
      ByteString trace = s.getTraceId();
      if (trace.size() == 16) {
        b.traceId(longAt(trace, 0), longAt(trace, 8));
      } else if (!trace.isEmpty()) {
        throw spanError(where, index, s, "expected a trace id of 16 bytes, found " + trace.size());
      }
      long spanId = spanId(s.getSpanId(), where, index, s, "span id");
      b.spanId(
          spanId != 0
              ? spanId
              : JsonReaderBase.syntheticId(
                  file, (elementAt << 20) + ((long) scopeIndex << 12) + index));
      b.parentSpanId(spanId(s.getParentSpanId(), where, index, s, "parent span id"));
      b.name(s.getName());
      int kind = s.getKindValue();
      if (kind < 0 || kind > 5) {
        throw spanError(where, index, s, "expected a span kind 0-5, found " + kind);
      }
      b.kind(kind);
      if (s.getStartTimeUnixNano() < 0 || s.getEndTimeUnixNano() < 0) {
        throw spanError(
            where,
            index,
            s,
            "time out of range: expected nanoseconds since the epoch below 2^63, found "
                + Long.toUnsignedString(
                    s.getStartTimeUnixNano() < 0
                        ? s.getStartTimeUnixNano()
                        : s.getEndTimeUnixNano()));
      }
      b.startNanos(s.getStartTimeUnixNano());
      b.endNanos(s.getEndTimeUnixNano());
      b.error(s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR);
      attributes(s.getAttributesList(), b);
      for (io.opentelemetry.proto.trace.v1.Span.Link l : s.getLinksList()) {
        long lid = spanId(l.getSpanId(), where, index, s, "link span id");
        ByteString lt = l.getTraceId();
        if (lt.size() != 16 && !lt.isEmpty()) {
          throw spanError(
              where, index, s, "expected a link trace id of 16 bytes, found " + lt.size());
        }
        if (lid != 0) {
          b.link(
              lt.isEmpty()
                  ? new SpanLink(0, 0, lid)
                  : new SpanLink(longAt(lt, 0), longAt(lt, 8), lid));
        }
      }
      Span span;
      try {
        span = b.build();
      } catch (IllegalArgumentException e) {
        throw spanError(where, index, s, e.getMessage());
      }
      sink.accept(span);
    }
  }

  private long spanId(
      ByteString id, String where, int index, io.opentelemetry.proto.trace.v1.Span s, String what)
      throws InputException {
    if (id.isEmpty()) {
      return 0;
    }
    if (id.size() != 8) {
      throw spanError(where, index, s, "expected a " + what + " of 8 bytes, found " + id.size());
    }
    return longAt(id, 0);
  }

  private InputException spanError(
      String where, int index, io.opentelemetry.proto.trace.v1.Span s, String message) {
    return new InputException(
        file,
        InputException.offset(elementAt),
        "span #"
            + index
            + " (\""
            + Names.abbreviate(s.getName())
            + "\") of "
            + where
            + ": "
            + message);
  }

  private static long longAt(ByteString b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b.byteAt(i) & 0xff);
    }
    return v;
  }

  private static void attributes(List<KeyValue> attrs, Span.Builder b) {
    for (KeyValue kv : attrs) {
      String v = text(kv.getValue());
      if (v != null) {
        b.attribute(kv.getKey(), v);
      }
    }
  }

  /** Scalar values as the OTLP JSON reader gives them; arrays and maps are skipped, as there. */
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
