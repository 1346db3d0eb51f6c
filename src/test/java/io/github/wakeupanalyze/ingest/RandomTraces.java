package io.github.wakeupanalyze.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Seeded random OTLP trace messages, built with the generated opentelemetry-proto builders: every
 * field of the schema sometimes present and sometimes absent, values at their extremes (times up to
 * 2^63 - 1, the smallest and largest 64-bit integers, NaN and infinities, long and non-ASCII
 * strings, empty and all-zero ids), every kind of attribute value, duplicate attribute keys, and
 * sometimes the pre-1.0 {@code instrumentation_library_spans} field. Every message is valid: a
 * decoder must read all of its spans.
 */
final class RandomTraces {
  private final SplittableRandom rnd;

  RandomTraces(long seed) {
    rnd = new SplittableRandom(seed);
  }

  TracesData tracesData() {
    TracesData.Builder td = TracesData.newBuilder();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      td.addResourceSpans(resourceSpans());
    }
    return td.build();
  }

  private boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  ResourceSpans resourceSpans() {
    ResourceSpans.Builder rs = ResourceSpans.newBuilder();
    if (chance(0.8)) {
      Resource.Builder r = Resource.newBuilder();
      int attrs = rnd.nextInt(4);
      for (int i = 0; i < attrs; i++) {
        r.addAttributes(keyValue());
      }
      if (chance(0.7)) {
        AnyValue name =
            chance(0.85)
                ? AnyValue.newBuilder()
                    .setStringValue(chance(0.1) ? "" : "svc-" + string(8))
                    .build()
                : anyValue(0);
        r.addAttributes(rnd.nextInt(r.getAttributesCount() + 1), kv("service.name", name));
      }
      if (chance(0.2)) {
        r.setDroppedAttributesCount(rnd.nextInt(1, 100));
      }
      rs.setResource(r);
    }
    if (chance(0.2)) {
      rs.setSchemaUrl("https://opentelemetry.io/schemas/1.21.0");
    }
    int scopes = rnd.nextInt(4);
    boolean old = chance(0.15);
    UnknownFieldSet.Field.Builder oldField = UnknownFieldSet.Field.newBuilder();
    for (int i = 0; i < scopes; i++) {
      if (old) {
        oldField.addLengthDelimited(scopeSpans().toByteString());
      } else {
        rs.addScopeSpans(scopeSpans());
      }
    }
    if (old && scopes > 0) {
      rs.setUnknownFields(UnknownFieldSet.newBuilder().addField(1000, oldField.build()).build());
    }
    return rs.build();
  }

  ScopeSpans scopeSpans() {
    ScopeSpans.Builder ss = ScopeSpans.newBuilder();
    if (chance(0.8)) {
      InstrumentationScope.Builder sc = InstrumentationScope.newBuilder();
      if (chance(0.9)) {
        sc.setName(chance(0.1) ? "" : "io.example/" + string(10));
      }
      if (chance(0.5)) {
        sc.setVersion("1." + rnd.nextInt(30));
      }
      if (chance(0.3)) {
        sc.addAttributes(keyValue());
      }
      ss.setScope(sc);
    }
    int n = rnd.nextInt(7);
    for (int i = 0; i < n; i++) {
      ss.addSpans(span());
    }
    if (chance(0.2)) {
      ss.setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
    }
    return ss.build();
  }

  Span span() {
    Span.Builder s = Span.newBuilder();
    if (chance(0.9)) {
      s.setTraceId(chance(0.05) ? ByteString.copyFrom(new byte[16]) : bytes(16));
    }
    if (chance(0.92)) {
      s.setSpanId(chance(0.03) ? ByteString.copyFrom(new byte[8]) : bytes(8));
    }
    if (chance(0.6)) {
      s.setParentSpanId(chance(0.1) ? ByteString.copyFrom(new byte[8]) : bytes(8));
    }
    if (chance(0.2)) {
      s.setTraceState(chance(0.5) ? "ot=th:8" : "vendor=" + string(6) + ",ot=rv:" + string(4));
    }
    if (chance(0.9)) {
      s.setName(chance(0.05) ? string(3000) : string(1 + rnd.nextInt(20)));
    }
    s.setKindValue(rnd.nextInt(6));
    long start =
        switch (rnd.nextInt(4)) {
          case 0 -> 0;
          case 1 -> Long.MAX_VALUE - 1 - rnd.nextLong(1_000_000);
          default -> 1_700_000_000_000_000_000L + rnd.nextLong(1L << 50);
        };
    s.setStartTimeUnixNano(start);
    long room = Long.MAX_VALUE - start;
    s.setEndTimeUnixNano(
        start + rnd.nextLong(chance(0.8) ? Math.min(room, 10_000_000_000L) : room));
    int attrs = rnd.nextInt(9);
    for (int i = 0; i < attrs; i++) {
      KeyValue kv = keyValue();
      s.addAttributes(kv);
      if (chance(0.1)) {
        s.addAttributes(kv("dup-" + kv.getKey(), anyValue(0)));
        s.addAttributes(kv(kv.getKey(), anyValue(0))); // a duplicate key: the later one wins
      }
    }
    if (chance(0.2)) {
      s.setDroppedAttributesCount(rnd.nextInt(1, 1000));
    }
    int events = chance(0.3) ? rnd.nextInt(1, 3) : 0;
    for (int i = 0; i < events; i++) {
      s.addEvents(
          Span.Event.newBuilder()
              .setName("event " + string(5))
              .setTimeUnixNano(start)
              .addAttributes(keyValue()));
    }
    int links = chance(0.3) ? rnd.nextInt(1, 4) : 0;
    for (int i = 0; i < links; i++) {
      Span.Link.Builder l = Span.Link.newBuilder();
      if (chance(0.85)) {
        l.setTraceId(bytes(16));
      }
      if (chance(0.9)) {
        l.setSpanId(bytes(8));
      }
      if (chance(0.2)) {
        l.setTraceState("ot=th:c").addAttributes(keyValue()).setFlags(0x301);
      }
      s.addLinks(l);
    }
    if (chance(0.6)) {
      Status.Builder st = Status.newBuilder();
      switch (rnd.nextInt(5)) {
        case 0 -> st.setCodeValue(0);
        case 1 -> st.setCodeValue(1);
        case 2, 3 -> st.setCodeValue(2);
        default -> st.setCodeValue(7); // unknown to this schema: not an error
      }
      if (chance(0.3)) {
        st.setMessage("status " + string(12));
      }
      s.setStatus(st);
    }
    if (chance(0.3)) {
      s.setFlags(0x100 | rnd.nextInt(2));
    }
    return s.build();
  }

  private KeyValue keyValue() {
    return kv(chance(0.05) ? "" : "k8s." + string(1 + rnd.nextInt(12)), anyValue(0));
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private AnyValue anyValue(int depth) {
    AnyValue.Builder v = AnyValue.newBuilder();
    switch (rnd.nextInt(depth < 2 ? 12 : 10)) {
      case 0, 1, 2 -> v.setStringValue(string(rnd.nextInt(40)));
      case 3 -> v.setBoolValue(chance(0.5));
      case 4 ->
          v.setIntValue(
              switch (rnd.nextInt(4)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> -rnd.nextInt(1000);
                default -> rnd.nextLong();
              });
      case 5 ->
          v.setDoubleValue(
              switch (rnd.nextInt(6)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> -0.0;
                case 3 -> Double.MIN_VALUE;
                default -> rnd.nextDouble() * 1e6 - 5e5;
              });
      case 6 -> v.setBytesValue(bytes(rnd.nextInt(20)));
      case 7 -> {
        // no value at all: the attribute is left out
      }
      case 8 -> v.setStringValue("");
      case 9 -> v.setIntValue(0);
      case 10 ->
          v.setArrayValue(
              ArrayValue.newBuilder()
                  .addValues(anyValue(depth + 1))
                  .addValues(anyValue(depth + 1)));
      default -> v.setKvlistValue(KeyValueList.newBuilder().addValues(keyValue()));
    }
    return v.build();
  }

  /** Random bytes (may be all zero only by chance). */
  ByteString bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return ByteString.copyFrom(b);
  }

  /** A random string of {@code n} code points: ASCII, Latin-1, CJK, emoji (valid UTF-16). */
  String string(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int cp =
          switch (rnd.nextInt(10)) {
            case 0 -> 0xa0 + rnd.nextInt(0x60);
            case 1 -> 0x4e00 + rnd.nextInt(0x5000);
            case 2 -> 0x1f300 + rnd.nextInt(0x300);
            case 3 -> rnd.nextInt(0x20); // control characters are data too
            default -> 'a' + rnd.nextInt(26);
          };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  /**
   * The message as the Collector file exporter writes it: each frame a 4-byte length + TracesData.
   */
  static byte[] lengthPrefixed(byte[]... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] f : frames) {
      out.write(f.length >>> 24);
      out.write(f.length >>> 16);
      out.write(f.length >>> 8);
      out.write(f.length);
      out.writeBytes(f);
    }
    return out.toByteArray();
  }

  /** Encodes {@code value} as field {@code number} with wire type LEN. */
  static byte[] lengthDelimited(int number, byte[] value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeByteArray(number, value);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
