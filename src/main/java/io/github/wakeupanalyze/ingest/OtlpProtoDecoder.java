package io.github.wakeupanalyze.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.github.wakeupanalyze.ingest.ProtoLocation.Level;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Streaming decoder of OTLP protobuf traces: a {@code TracesData} or an {@code
 * ExportTraceServiceRequest} (the same field 1, {@code repeated ResourceSpans resource_spans}),
 * read field by field with {@link CodedInputStream} straight into {@link Span}s, without building
 * the message tree. Each span goes to the sink as soon as its own bytes end, so memory stays at one
 * span whatever the size of the message: a single {@code ResourceSpans} of 200,000 spans (45 MB on
 * the wire) is read in a few MB of heap, where the generated parser needs the whole tree of it.
 *
 * <p>Entry points: {@link #decode(byte[], String, SpanSink)} and {@link #decode(ByteBuffer, String,
 * SpanSink)} for a message in memory (an OTLP/HTTP body, a gRPC {@code Export} request, a Kafka
 * {@code otlp_proto} record), {@link #decode(InputStream, String, SpanSink)} for a stream. Files,
 * with their two framings, are read by {@link OtlpProtoReader}.
 *
 * <p>Wire rules, those of the generated opentelemetry-proto parser (a test decodes random messages
 * with both and compares):
 *
 * <ol>
 *   <li>Fields may come in any order and any number of times. A repeated scalar field's last value
 *       wins; a repeated message field (resource, scope, status, an attribute's value) merges, so a
 *       later one changes only what it sets; an attribute value is the last member of its {@code
 *       oneof} present.
 *   <li>A field number the schema does not use here, or a known one with another wire type, is an
 *       unknown field and skipped, whatever its wire type (groups included).
 *   <li>What is read: resource {@code service.name} (a string value), scope name, trace, span and
 *       parent ids, {@code trace_state}, name, kind, start and end times, status code, attributes
 *       with scalar values (arrays and maps are left out, as in the JSON readers), links. Events,
 *       dropped counts, flags and schema URLs are skipped. The pre-1.0 {@code
 *       instrumentation_library_spans} (field 1000 of ResourceSpans, the layout of ScopeSpans) is
 *       read as scope_spans.
 * </ol>
 *
 * <p>Deliberate differences: invalid UTF-8 in a string becomes U+FFFD instead of failing the whole
 * message (a Go exporter does not check it); a span with no span id gets a synthetic one ({@link
 * JsonReaderBase#syntheticId} of its ordinal in the input), so it is still counted once.
 *
 * <p>Service and scope: every serializer writes {@code resource} (field 1) before {@code
 * scope_spans} (field 2) and {@code scope} before {@code spans}, so a span's service and scope are
 * known when it ends. Spans that come before them are held until they arrive, at most {@value
 * #MAX_HELD} per ResourceSpans or ScopeSpans; past that the held spans, and later ones, are passed
 * on with what is known so far ({@code unknown_service}, empty scope), so memory stays bounded even
 * when the field never comes.
 *
 * <p>Errors are one line: the source, the byte offset where the element being read starts (the
 * span, the scope_spans, the resource_spans), which element ({@code span #3 of scope_spans #1 of
 * resource_spans #2}) and what was expected there. Spans delivered before an error stay delivered.
 */
public final class OtlpProtoDecoder {
  /** Spans held while waiting for their ResourceSpans' resource or ScopeSpans' scope. */
  static final int MAX_HELD = 1024;

  private static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int VARINT = WireFormat.WIRETYPE_VARINT;
  private static final int I64 = WireFormat.WIRETYPE_FIXED64;

  // Tags (field number << 3 | wire type) of the fields read, by message: trace.proto,
  // common.proto, resource.proto of opentelemetry-proto.
  private static final int TRACES_RESOURCE_SPANS = 1 << 3 | LEN;
  private static final int RS_RESOURCE = 1 << 3 | LEN;
  private static final int RS_SCOPE_SPANS = 2 << 3 | LEN;
  private static final int RS_INSTRUMENTATION_LIBRARY_SPANS = 1000 << 3 | LEN;
  private static final int RESOURCE_ATTRIBUTES = 1 << 3 | LEN;
  private static final int SS_SCOPE = 1 << 3 | LEN;
  private static final int SS_SPANS = 2 << 3 | LEN;
  private static final int SCOPE_NAME = 1 << 3 | LEN;
  private static final int SPAN_TRACE_ID = 1 << 3 | LEN;
  private static final int SPAN_SPAN_ID = 2 << 3 | LEN;
  private static final int SPAN_TRACE_STATE = 3 << 3 | LEN;
  private static final int SPAN_PARENT_SPAN_ID = 4 << 3 | LEN;
  private static final int SPAN_NAME = 5 << 3 | LEN;
  private static final int SPAN_KIND = 6 << 3 | VARINT;
  private static final int SPAN_START = 7 << 3 | I64;
  private static final int SPAN_END = 8 << 3 | I64;
  private static final int SPAN_ATTRIBUTES = 9 << 3 | LEN;
  private static final int SPAN_LINKS = 13 << 3 | LEN;
  private static final int SPAN_STATUS = 15 << 3 | LEN;
  private static final int LINK_TRACE_ID = 1 << 3 | LEN;
  private static final int LINK_SPAN_ID = 2 << 3 | LEN;
  private static final int STATUS_CODE = 3 << 3 | VARINT;
  private static final int KV_KEY = 1 << 3 | LEN;
  private static final int KV_VALUE = 2 << 3 | LEN;
  private static final int ANY_STRING = 1 << 3 | LEN;
  private static final int ANY_BOOL = 2 << 3 | VARINT;
  private static final int ANY_INT = 3 << 3 | VARINT;
  private static final int ANY_DOUBLE = 4 << 3 | I64;
  private static final int ANY_ARRAY = 5 << 3 | LEN;
  private static final int ANY_KVLIST = 6 << 3 | LEN;
  private static final int ANY_BYTES = 7 << 3 | LEN;

  private static final int STATUS_CODE_ERROR = 2;

  private final String file;
  private final SpanSink sink;
  private final ProtoLocation loc;
  private final ProtoWire wire;
  private final CodedInputStream in;
  private final Span.Builder builder = Span.builder();

  private long delivered;

  /** Spans read so far, the failing one included: the position a synthetic span id is made of. */
  private long ordinal;

  /** Whether the input is one message, whose byte counter is restarted per ResourceSpans. */
  private boolean singleMessage = true;

  // What the current ResourceSpans and ScopeSpans have said so far, and the spans waiting for it.
  private String service = Span.UNKNOWN_SERVICE;
  private boolean resourceSeen;
  private boolean holdForResource;
  private final List<Span> heldForResource = new ArrayList<>();
  private String scope = "";
  private boolean scopeSeen;
  private boolean holdForScope;
  private final List<Span> heldForScope = new ArrayList<>();

  // The span being read.
  private int traceIdSize;
  private long traceIdHigh;
  private long traceIdLow;
  private int spanIdSize;
  private long spanId;
  private int parentIdSize;
  private long parentId;
  private String spanName = "";
  private int kind;
  private long startNanos;
  private long endNanos;
  private int statusCode;
  private String linkProblem;

  // The attribute being read: its key, and its value as text (null when not a scalar).
  private String key;
  private String value;
  private boolean valueIsString;

  private OtlpProtoDecoder(String file, SpanSink sink, ProtoLocation loc, ProtoWire wire) {
    this.file = file;
    this.sink = sink;
    this.loc = loc;
    this.wire = wire;
    this.in = wire.in;
  }

  /** A decoder reading a stream; {@code file} names it in errors. */
  static OtlpProtoDecoder overStream(InputStream input, String file, SpanSink sink) {
    ProtoLocation loc = new ProtoLocation(file);
    return new OtlpProtoDecoder(file, sink, loc, ProtoWire.over(input, loc));
  }

  /**
   * Decodes one message held in memory: an OTLP/HTTP {@code application/x-protobuf} body, a gRPC
   * {@code TraceService/Export} request, a Kafka {@code otlp_proto} record.
   *
   * @param source names the message in errors, e.g. {@code POST /v1/traces}
   * @return the number of spans passed to the sink
   * @throws InputException one line naming the source, the byte offset and what was expected; the
   *     spans before the error stay delivered
   */
  public static long decode(byte[] message, String source, SpanSink sink) throws InputException {
    return decode(ByteBuffer.wrap(message), source, sink);
  }

  /**
   * As {@link #decode(byte[], String, SpanSink)}, for the bytes between the buffer's position and
   * limit (which are left unchanged).
   */
  public static long decode(ByteBuffer message, String source, SpanSink sink)
      throws InputException {
    ProtoLocation loc = new ProtoLocation(source);
    OtlpProtoDecoder d = new OtlpProtoDecoder(source, sink, loc, ProtoWire.over(message, loc));
    try {
      d.readMessage();
    } catch (IOException e) {
      throw new UncheckedIOException("reading memory cannot fail", e);
    }
    return d.delivered;
  }

  /**
   * Decodes one message from a stream up to its end, without holding it in memory.
   *
   * @return the number of spans passed to the sink
   * @throws IOException when the stream fails
   * @throws InputException as for {@link #decode(byte[], String, SpanSink)}
   */
  public static long decode(InputStream message, String source, SpanSink sink)
      throws IOException, InputException {
    OtlpProtoDecoder d = overStream(message, source, sink);
    d.readMessage();
    return d.delivered;
  }

  /** Reads one message to the end of the input. */
  void readMessage() throws IOException, InputException {
    try {
      readTracesData();
    } catch (InvalidProtocolBufferException e) {
      throw wire.translate(e);
    }
  }

  /**
   * Reads one message of a length-prefixed input, up to the limit the caller pushed; the byte
   * counter is then left alone (the caller restarts it between messages).
   */
  void readFramedMessage() throws IOException, InputException {
    singleMessage = false;
    readTracesData();
  }

  ProtoWire wire() {
    return wire;
  }

  ProtoLocation location() {
    return loc;
  }

  private void readTracesData() throws IOException, InputException {
    loc.resourceIndex = 0;
    while (true) {
      loc.level = Level.MESSAGE;
      loc.fieldAt = wire.offset();
      int tag = in.readTag();
      if (tag == 0) {
        return;
      }
      if (tag == TRACES_RESOURCE_SPANS) {
        loc.resourceIndex++;
        loc.resourceAt = loc.fieldAt;
        int old = wire.enter(tag);
        loc.level = Level.RESOURCE_SPANS;
        readResourceSpans();
        wire.leave(old);
      } else {
        wire.skip(tag);
      }
      if (singleMessage) {
        wire.resetCounter(); // the library counts in an int: restart it between top-level fields
      }
    }
  }

  private void readResourceSpans() throws IOException, InputException {
    service = Span.UNKNOWN_SERVICE;
    resourceSeen = false;
    holdForResource = true;
    loc.scopeIndex = 0;
    try {
      while (true) {
        long at = wire.offset();
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        if (tag == RS_SCOPE_SPANS || tag == RS_INSTRUMENTATION_LIBRARY_SPANS) {
          loc.scopeIndex++;
          loc.scopeAt = at;
          loc.oldScopeField = tag == RS_INSTRUMENTATION_LIBRARY_SPANS;
          int old = wire.enter(tag);
          loc.level = Level.SCOPE_SPANS;
          readScopeSpans();
          wire.leave(old);
          loc.level = Level.RESOURCE_SPANS;
        } else if (tag == RS_RESOURCE) {
          int old = wire.enter(tag);
          readResource();
          wire.leave(old);
          resourceSeen = true;
          releaseHeldForResource();
        } else {
          wire.skip(tag);
        }
      }
    } finally {
      releaseHeldForResource();
    }
  }

  private void readResource() throws IOException, InputException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == RESOURCE_ATTRIBUTES) {
        readKeyValue(tag);
        if (valueIsString && key.equals("service.name")) {
          service = value.isEmpty() ? Span.UNKNOWN_SERVICE : value;
        }
      } else {
        wire.skip(tag);
      }
    }
  }

  private void readScopeSpans() throws IOException, InputException {
    scope = "";
    scopeSeen = false;
    holdForScope = true;
    loc.spanIndex = 0;
    try {
      while (true) {
        long at = wire.offset();
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        if (tag == SS_SPANS) {
          loc.spanIndex++;
          loc.spanAt = at;
          readSpan(tag);
          loc.level = Level.SCOPE_SPANS;
        } else if (tag == SS_SCOPE) {
          int old = wire.enter(tag);
          readScope();
          wire.leave(old);
          scopeSeen = true;
          releaseHeldForScope();
        } else {
          wire.skip(tag);
        }
      }
    } finally {
      releaseHeldForScope();
    }
  }

  private void readScope() throws IOException, InputException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == SCOPE_NAME) {
        scope = in.readString();
      } else {
        wire.skip(tag);
      }
    }
  }

  private void readSpan(int spanTag) throws IOException, InputException {
    ordinal++;
    int old = wire.enter(spanTag);
    loc.level = Level.SPAN;
    Span.Builder b = builder.reset();
    traceIdSize = spanIdSize = parentIdSize = 0;
    traceIdHigh = traceIdLow = spanId = parentId = 0;
    spanName = "";
    kind = statusCode = 0;
    startNanos = endNanos = 0;
    linkProblem = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case SPAN_TRACE_ID -> {
          traceIdSize = wire.readId(tag);
          traceIdHigh = wire.idHigh;
          traceIdLow = wire.idLow;
        }
        case SPAN_SPAN_ID -> {
          spanIdSize = wire.readId(tag);
          spanId = wire.idLow;
        }
        case SPAN_PARENT_SPAN_ID -> {
          parentIdSize = wire.readId(tag);
          parentId = wire.idLow;
        }
        case SPAN_TRACE_STATE -> b.traceState(in.readString());
        case SPAN_NAME -> spanName = in.readString();
        case SPAN_KIND -> kind = in.readEnum();
        case SPAN_START -> startNanos = in.readFixed64();
        case SPAN_END -> endNanos = in.readFixed64();
        case SPAN_ATTRIBUTES -> {
          readKeyValue(tag);
          if (value != null) {
            b.attribute(key, value);
          }
        }
        case SPAN_LINKS -> readLink(tag, b);
        case SPAN_STATUS -> readStatus(tag);
        default -> wire.skip(tag);
      }
    }
    wire.leave(old);
    finishSpan(b);
  }

  /** Checks the span as the tree-based reader did, in the same order, and passes it on. */
  private void finishSpan(Span.Builder b) throws InputException {
    b.service(service).scope(scope).name(spanName);
    if (traceIdSize == 16) {
      b.traceId(traceIdHigh, traceIdLow);
    } else if (traceIdSize != 0) {
      throw loc.spanError(spanName, "expected a trace id of 16 bytes, found " + traceIdSize);
    }
    checkIdSize(spanIdSize, "span id");
    b.spanId(spanId != 0 ? spanId : JsonReaderBase.syntheticId(file, ordinal));
    checkIdSize(parentIdSize, "parent span id");
    b.parentSpanId(parentId);
    if (kind < 0 || kind > 5) {
      throw loc.spanError(spanName, "expected a span kind 0-5, found " + kind);
    }
    b.kind(kind);
    if (startNanos < 0 || endNanos < 0) {
      throw loc.spanError(
          spanName,
          "time out of range: expected nanoseconds since the epoch below 2^63, found "
              + Long.toUnsignedString(startNanos < 0 ? startNanos : endNanos));
    }
    b.startNanos(startNanos).endNanos(endNanos).error(statusCode == STATUS_CODE_ERROR);
    if (linkProblem != null) {
      throw loc.spanError(spanName, linkProblem);
    }
    Span span;
    try {
      span = b.build();
    } catch (IllegalArgumentException e) {
      throw loc.spanError(spanName, e.getMessage());
    }
    if (!scopeSeen && holdForScope) {
      heldForScope.add(span);
      if (heldForScope.size() >= MAX_HELD) {
        holdForScope = false;
        releaseHeldForScope();
      }
    } else {
      deliver(span);
    }
  }

  private void checkIdSize(int idSize, String what) throws InputException {
    if (idSize != 0 && idSize != 8) {
      throw loc.spanError(spanName, "expected a " + what + " of 8 bytes, found " + idSize);
    }
  }

  private void deliver(Span span) {
    if (!resourceSeen && holdForResource) {
      heldForResource.add(span);
      if (heldForResource.size() >= MAX_HELD) {
        holdForResource = false;
        releaseHeldForResource();
      }
    } else {
      delivered++;
      sink.accept(span);
    }
  }

  private void releaseHeldForScope() {
    if (heldForScope.isEmpty()) {
      return;
    }
    List<Span> held = List.copyOf(heldForScope);
    heldForScope.clear();
    for (Span s : held) {
      deliver(scope.isEmpty() ? s : s.withScope(scope));
    }
  }

  private void releaseHeldForResource() {
    if (heldForResource.isEmpty()) {
      return;
    }
    List<Span> held = List.copyOf(heldForResource);
    heldForResource.clear();
    for (Span s : held) {
      delivered++;
      sink.accept(service.equals(Span.UNKNOWN_SERVICE) ? s : s.withService(service));
    }
  }

  private void readLink(int linkTag, Span.Builder b) throws IOException, InputException {
    int old = wire.enter(linkTag);
    int traceSize = 0;
    int spanSize = 0;
    long high = 0;
    long low = 0;
    long id = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == LINK_TRACE_ID) {
        traceSize = wire.readId(tag);
        high = wire.idHigh;
        low = wire.idLow;
      } else if (tag == LINK_SPAN_ID) {
        spanSize = wire.readId(tag);
        id = wire.idLow;
      } else {
        wire.skip(tag);
      }
    }
    wire.leave(old);
    if (linkProblem != null) {
      return;
    }
    if (spanSize != 0 && spanSize != 8) {
      linkProblem = "expected a link span id of 8 bytes, found " + spanSize;
    } else if (traceSize != 0 && traceSize != 16) {
      linkProblem = "expected a link trace id of 16 bytes, found " + traceSize;
    } else if (id != 0) {
      b.link(new SpanLink(high, low, id));
    }
  }

  private void readStatus(int statusTag) throws IOException, InputException {
    int old = wire.enter(statusTag);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == STATUS_CODE) {
        statusCode = in.readEnum();
      } else {
        wire.skip(tag);
      }
    }
    wire.leave(old);
  }

  /** Reads a KeyValue into {@link #key} and {@link #value}. */
  private void readKeyValue(int kvTag) throws IOException, InputException {
    int old = wire.enter(kvTag);
    key = "";
    value = null;
    valueIsString = false;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == KV_KEY) {
        key = in.readString();
      } else if (tag == KV_VALUE) {
        int oldValue = wire.enter(tag);
        readAnyValue();
        wire.leave(oldValue);
      } else {
        wire.skip(tag);
      }
    }
    wire.leave(old);
  }

  /** Scalar values as the OTLP JSON reader gives them; arrays and maps are left out, as there. */
  private void readAnyValue() throws IOException, InputException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      boolean string = false;
      switch (tag) {
        case ANY_STRING -> {
          value = in.readString();
          string = true;
        }
        case ANY_BOOL -> value = Boolean.toString(in.readBool());
        case ANY_INT -> value = Long.toString(in.readInt64());
        case ANY_DOUBLE -> value = Double.toString(in.readDouble());
        case ANY_BYTES ->
            value = Base64.getEncoder().encodeToString(in.readRawBytes(wire.length(tag)));
        case ANY_ARRAY, ANY_KVLIST -> {
          in.skipRawBytes(wire.length(tag));
          value = null;
        }
        default -> {
          wire.skip(tag);
          continue;
        }
      }
      valueIsString = string;
    }
  }
}
