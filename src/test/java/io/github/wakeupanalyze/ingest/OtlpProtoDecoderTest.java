package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Span;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the streaming decoder does beyond agreeing with the generated parser: spans that come before
 * their resource or scope, errors (one line, a byte offset, what was expected, no advice about the
 * protobuf library), invalid UTF-8, offsets past 2 GiB.
 */
class OtlpProtoDecoderTest {
  private static final String SOURCE = "body.pb";

  private static io.opentelemetry.proto.trace.v1.Span span(int i) {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(
            ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
        .setSpanId(
            ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, (byte) (i >> 8), (byte) (i + 1)}))
        .setName("Reconcile")
        .setKindValue(1)
        .setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
        .setEndTimeUnixNano(1_700_000_000_000_000_000L + i + 5)
        .build();
  }

  private static Resource resource(String service) {
    return Resource.newBuilder()
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue(service)))
        .build();
  }

  private static byte[] field(int number, byte[]... content) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] c : content) {
      all.writeBytes(c);
    }
    return RandomTraces.lengthDelimited(number, all.toByteArray());
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return all.toByteArray();
  }

  private static List<Span> decode(byte[] bytes) throws InputException {
    List<Span> out = new ArrayList<>();
    OtlpProtoDecoder.decode(bytes, SOURCE, out::add);
    return out;
  }

  /** The error for these bytes, from memory; the spans delivered before it go to {@code out}. */
  private static String error(byte[] bytes, List<Span> out) {
    InputException e =
        assertThrows(InputException.class, () -> OtlpProtoDecoder.decode(bytes, SOURCE, out::add));
    assertOneLineWithoutAdvice(e.getMessage());
    return e.getMessage();
  }

  private static String error(byte[] bytes) {
    return error(bytes, new ArrayList<>());
  }

  private static String streamError(byte[] bytes) {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                OtlpProtoDecoder.decode(
                    new OtlpProtoDecoderAgreementTest.Trickle(bytes, 3), SOURCE, s -> {}));
    assertOneLineWithoutAdvice(e.getMessage());
    return e.getMessage();
  }

  private static void assertOneLineWithoutAdvice(String m) {
    assertFalse(m.contains("\n"), m);
    for (String advice :
        List.of("CodedInputStream", "setSizeLimit", "setRecursionLimit", "malicious")) {
      assertFalse(m.contains(advice), m);
    }
    assertTrue(m.startsWith(SOURCE + ": offset "), m);
  }

  @Test
  void resourceAfterItsSpans_spansGetItsService() throws Exception {
    byte[] scope = field(1, InstrumentationScope.newBuilder().setName("sc").build().toByteArray());
    byte[] rs =
        cat(
            field(2, scope, field(2, span(0).toByteArray()), field(2, span(1).toByteArray())),
            field(1, resource("late-service").toByteArray()));
    List<Span> spans = decode(field(1, rs));
    assertEquals(2, spans.size());
    for (Span s : spans) {
      assertEquals("late-service", s.service());
      assertEquals("sc", s.scope());
    }
    assertEquals(List.of(1L, 2L), spans.stream().map(Span::spanId).toList(), "order kept");
  }

  @Test
  void scopeAfterItsSpans_spansGetItsScope() throws Exception {
    byte[] ss =
        cat(
            field(2, span(0).toByteArray()),
            field(1, InstrumentationScope.newBuilder().setName("late-scope").build().toByteArray()),
            field(2, span(1).toByteArray()));
    List<Span> spans = decode(field(1, field(1, resource("svc").toByteArray()), field(2, ss)));
    assertEquals(List.of("late-scope", "late-scope"), spans.stream().map(Span::scope).toList());
    assertEquals(List.of(1L, 2L), spans.stream().map(Span::spanId).toList(), "order kept");
  }

  @Test
  void moreSpansThanAreHeld_beforeTheScope_passOnWithoutIt() throws Exception {
    int n = OtlpProtoDecoder.MAX_HELD + 5;
    ByteArrayOutputStream ss = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      ss.writeBytes(field(2, span(i).toByteArray()));
    }
    ss.writeBytes(
        field(1, InstrumentationScope.newBuilder().setName("too-late").build().toByteArray()));
    ss.writeBytes(field(2, span(n).toByteArray()));
    List<Span> spans =
        decode(field(1, field(1, resource("svc").toByteArray()), field(2, ss.toByteArray())));
    assertEquals(n + 1, spans.size());
    assertTrue(spans.subList(0, n).stream().allMatch(s -> s.scope().isEmpty()));
    assertEquals("too-late", spans.get(n).scope());
  }

  @Test
  void badSpan_spansBeforeItStayDelivered_heldOnesToo() {
    io.opentelemetry.proto.trace.v1.Span bad =
        span(2).toBuilder().setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
    // no resource and no scope yet: the first two spans are held when the third fails
    byte[] ss =
        cat(
            field(2, span(0).toByteArray()),
            field(2, span(1).toByteArray()),
            field(2, bad.toByteArray()));
    List<Span> out = new ArrayList<>();
    String e = error(field(1, field(2, ss)), out);
    assertEquals(2, out.size());
    assertTrue(
        e.contains(
            ": span #3 (\"Reconcile\") of scope_spans #1 of resource_spans #1: "
                + "expected a span id of 8 bytes, found 3"),
        e);
  }

  @Test
  void errorOffset_isWhereTheFailingSpanStarts() {
    io.opentelemetry.proto.trace.v1.Span bad = span(1).toBuilder().setKindValue(9).build();
    TracesData data =
        TracesData.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(resource("svc"))
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(span(0)).addSpans(bad)))
            .build();
    byte[] bytes = data.toByteArray();
    byte[] badBytes = field(2, bad.toByteArray());
    int at = indexOf(bytes, badBytes);
    assertEquals(
        SOURCE
            + ": offset "
            + at
            + ": span #2 (\"Reconcile\") of scope_spans #1 of "
            + "resource_spans #1: expected a span kind 0-5, found 9",
        error(bytes));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static byte[] threeSpans() {
    return TracesData.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource("svc"))
                .addScopeSpans(
                    ScopeSpans.newBuilder().addSpans(span(0)).addSpans(span(1)).addSpans(span(2))))
        .build()
        .toByteArray();
  }

  @Test
  void truncatedStream_namesTheSpanItEndsIn() {
    byte[] full = threeSpans();
    int secondSpanEnds = indexOf(full, field(2, span(2).toByteArray()));
    String e = streamError(Arrays.copyOf(full, secondSpanEnds - 10));
    assertTrue(
        e.contains(
            "truncated protobuf: the input ends inside span #2 of scope_spans #1 of "
                + "resource_spans #1"),
        e);
  }

  @Test
  void truncatedMessageInMemory_toldBeforeReadingIt() {
    byte[] full = threeSpans();
    List<Span> out = new ArrayList<>();
    String e = error(Arrays.copyOf(full, full.length - 10), out);
    assertEquals(
        SOURCE
            + ": offset 0: truncated protobuf: in the TracesData message, field 1 at offset 1 "
            + "claims "
            + (full.length - 3)
            + " bytes but the input ends "
            + (full.length - 13)
            + " bytes later",
        e);
    assertEquals(List.of(), out);
  }

  @Test
  void lengthPastItsEnclosingMessage_namesTheFieldAndWhatIsLeft() {
    byte[] spanBytes = span(0).toByteArray();
    // an attribute (field 9) claiming 100 bytes at the end of the span, with 3 left
    byte[] broken = cat(spanBytes, new byte[] {0x4a, 100, 'a', 'b', 'c'});
    String e = error(field(1, field(2, field(2, broken))));
    assertTrue(
        e.matches(
            ".*: offset 4: in span #1 of scope_spans #1 of resource_spans #1, field 9 at offset"
                + " \\d+ claims 100 bytes: expected at most the 3 left of it"),
        e);
  }

  @Test
  void stringPastItsEnclosingMessage_saysWhereItRunsOver() {
    byte[] broken = cat(span(0).toByteArray(), new byte[] {0x2a, 100, 'a', 'b', 'c'});
    assertEquals(
        SOURCE
            + ": offset 4: a value runs past the end of span #1 of scope_spans #1 of "
            + "resource_spans #1: expected it to fit in its length",
        error(field(1, field(2, field(2, broken)))));
  }

  @Test
  void malformedInput_oneLineEach() {
    byte[] ok = span(0).toByteArray();
    assertTrue(
        error(field(1, field(2, field(2, cat(ok, new byte[] {0x0e, 1})))))
            .contains("invalid wire type in span #1 of scope_spans #1 of resource_spans #1"));
    assertTrue(
        error(field(1, field(2, field(2, cat(ok, new byte[] {0x0c})))))
            .contains("unexpected end-group tag (field 1) in span #1"));
    byte[] varint = new byte[12];
    Arrays.fill(varint, (byte) 0xff);
    varint[0] = 0x50; // field 10 (dropped_attributes_count), varint
    assertTrue(
        error(field(1, field(2, field(2, cat(ok, varint)))))
            .contains("malformed varint in span #1"));
    assertTrue(
        error(field(1, field(2, field(2, cat(ok, new byte[] {0x00, 0x01})))))
            .contains("invalid tag (field number 0) in span #1"));
  }

  @Test
  void groupsNestedTooDeep_oneLine() {
    ByteArrayOutputStream deep = new ByteArrayOutputStream();
    for (int i = 0; i < 120; i++) {
      deep.write(0x7b); // field 15, start group
    }
    for (int i = 0; i < 120; i++) {
      deep.write(0x7c);
    }
    String e = error(field(1, field(1, deep.toByteArray())));
    assertTrue(e.contains("groups nested too deep in resource_spans #1"), e);
  }

  @Test
  void invalidUtf8_becomesTheReplacementCharacter_whereTheTreeParserGivesUp() throws Exception {
    byte[] ok = span(0).toByteArray();
    byte[] name = {0x2a, 4, 'R', (byte) 0xc3, (byte) 0x28, 'x'}; // c3 28: a broken 2-byte sequence
    byte[] bytes = field(1, field(2, field(2, cat(ok, name))));
    assertEquals("R\ufffd(x", decode(bytes).get(0).name());
    assertThrows(InvalidProtocolBufferException.class, () -> TracesData.parseFrom(bytes));
  }

  @Test
  void lengthAbove2GiB_rejectedBeforeReading() {
    byte[] huge = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    InputException e =
        assertThrows(
            InputException.class,
            () -> OtlpProtoDecoder.decode(new ByteArrayInputStream(huge), SOURCE, s -> {}));
    assertOneLineWithoutAdvice(e.getMessage());
    assertTrue(
        e.getMessage().contains("field 1 at offset 1 claims 4294967295 bytes: expected at most "),
        e.getMessage());
  }

  @Test
  void offsetsPast2GiB_areCountedExactly() throws Exception {
    long gap = 1_500_000_000L; // two unknown top-level fields this long are skipped, not read
    byte[] gapHead = cat(new byte[] {0x3a}, varint(gap));
    byte[] good =
        field(
            1, field(1, resource("svc").toByteArray()), field(2, field(2, span(0).toByteArray())));
    io.opentelemetry.proto.trace.v1.Span bad = span(1).toBuilder().setEndTimeUnixNano(5).build();
    byte[] badSpan = field(2, bad.toByteArray());
    byte[] badRs = field(1, field(2, badSpan));
    long expected = 2 * (gapHead.length + gap) + good.length + indexOf(badRs, badSpan);
    InputStream in = new Segments(List.of(gapHead, good, gapHead, badRs), gap);
    List<Span> out = new ArrayList<>();
    InputException e =
        assertThrows(InputException.class, () -> OtlpProtoDecoder.decode(in, SOURCE, out::add));
    assertTrue(expected > 3_000_000_000L);
    assertTrue(
        e.getMessage().startsWith(SOURCE + ": offset " + expected + ": span #1"), e.getMessage());
    assertTrue(e.getMessage().contains("ends before it starts"), e.getMessage());
    assertEquals(1, out.size());
  }

  private static byte[] varint(long v) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(b);
      out.writeUInt64NoTag(v);
      out.flush();
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The given byte arrays in turn, each gap-header array ({@code 0x3a} first) followed by {@code
   * gap} zero bytes that are never materialized: skipping them costs nothing.
   */
  private static final class Segments extends InputStream {
    private final List<byte[]> parts;
    private final long gap;
    private int part;
    private int at;
    private long zerosLeft;

    Segments(List<byte[]> parts, long gap) {
      this.parts = parts;
      this.gap = gap;
    }

    private boolean advance() {
      while (zerosLeft == 0 && part < parts.size() && at == parts.get(part).length) {
        boolean gapFollows = parts.get(part)[0] == 0x3a;
        part++;
        at = 0;
        if (gapFollows) {
          zerosLeft = gap;
        }
      }
      return zerosLeft > 0 || part < parts.size();
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!advance()) {
        return -1;
      }
      if (zerosLeft > 0) {
        int n = (int) Math.min(len, zerosLeft);
        Arrays.fill(b, off, off + n, (byte) 0);
        zerosLeft -= n;
        return n;
      }
      byte[] p = parts.get(part);
      int n = Math.min(len, p.length - at);
      System.arraycopy(p, at, b, off, n);
      at += n;
      return n;
    }

    @Override
    public long skip(long n) {
      if (n <= 0 || !advance()) {
        return 0;
      }
      if (zerosLeft > 0) {
        long k = Math.min(n, zerosLeft);
        zerosLeft -= k;
        return k;
      }
      int k = (int) Math.min(n, parts.get(part).length - at);
      at += k;
      return k;
    }
  }
}
