package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.github.wakeupanalyze.model.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP protobuf: single messages, length-prefixed messages, the pre-1.0 field. */
class OtlpProtoReaderTest {
  private static final TracesData DATA = SameTraceFiles.tracesData();

  @Test
  void exportTraceServiceRequest_readsLikeTracesData() {
    byte[] request =
        ExportTraceServiceRequest.newBuilder()
            .addAllResourceSpans(DATA.getResourceSpansList())
            .build()
            .toByteArray();
    assertEquals(
        Collected.stdin(DATA.toByteArray()).ok().spans, Collected.stdin(request).ok().spans);
    assertEquals(9, Collected.stdin(request).spans.size());
  }

  @Test
  void lengthPrefixed_manyMessages_allRead() {
    byte[] framed = SameTraceFiles.lengthPrefixed(DATA);
    Collected c = Collected.stdin(framed).ok();
    assertEquals(TraceFormat.OTLP_PROTO, c.report().format());
    assertEquals(Collected.stdin(DATA.toByteArray()).spans, c.spans);
  }

  @Test
  void framing_toldFromTheFirstBytes() {
    byte[] single = DATA.toByteArray();
    byte[] framed = SameTraceFiles.lengthPrefixed(DATA);
    assertEquals(OtlpProtoReader.Framing.SINGLE, OtlpProtoReader.framing(single, single.length));
    assertEquals(
        OtlpProtoReader.Framing.LENGTH_PREFIXED, OtlpProtoReader.framing(framed, framed.length));
    byte[] json = "{\"resourceSpans\": []}".getBytes();
    assertNull(OtlpProtoReader.framing(json, json.length));
  }

  @Test
  void oldInstrumentationLibrarySpansField1000_readAsScopeSpans() throws IOException {
    ResourceSpans rs = DATA.getResourceSpans(1);
    ScopeSpans ss = rs.getScopeSpans(0);
    // a ResourceSpans as pre-1.0 exporters wrote it: resource = 1, instrumentation_library_spans
    // = 1000 (same layout as ScopeSpans)
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(inner);
    out.writeMessage(1, rs.getResource());
    out.writeBytes(1000, ss.toByteString());
    out.flush();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    CodedOutputStream top = CodedOutputStream.newInstance(whole);
    top.writeBytes(1, ByteString.copyFrom(inner.toByteArray()));
    top.flush();
    List<Span> old = Collected.stdin(whole.toByteArray()).ok().spans;
    List<Span> current =
        Collected.stdin(TracesData.newBuilder().addResourceSpans(rs).build().toByteArray())
            .ok()
            .spans;
    assertEquals(3, old.size());
    assertEquals(current, old);
  }

  @Test
  void unknownTopLevelField_skipped() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(DATA.toByteArray());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeString(7, "future field");
    out.flush();
    assertEquals(
        9,
        Collected.read(
                new ReadOptions(TraceFormat.OTLP_PROTO, null),
                new java.io.ByteArrayInputStream(bytes.toByteArray()),
                "-")
            .ok()
            .spans
            .size());
  }

  @Test
  void emptyIds_meanUnset_scopeAndKindKept() {
    io.opentelemetry.proto.trace.v1.Span s =
        DATA.getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder()
            .clearParentSpanId()
            .clearTraceId()
            .build();
    byte[] bytes =
        TracesData.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .setScope(InstrumentationScope.newBuilder().setName("sc"))
                            .addSpans(s)))
            .build()
            .toByteArray();
    Span read = Collected.stdin(bytes).ok().spans.get(0);
    assertFalse(read.hasParent());
    assertEquals(0, read.traceIdLow());
    assertEquals("sc", read.scope());
    assertEquals(Span.UNKNOWN_SERVICE, read.service());
    assertEquals(1, read.kind());
  }

  @Test
  void badSpanIdLength_namesSpanAndOffset() {
    io.opentelemetry.proto.trace.v1.Span s =
        DATA.getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder()
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3}))
            .build();
    byte[] bytes =
        TracesData.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(s)))
            .build()
            .toByteArray();
    String e = Collected.stdin(bytes).error();
    assertTrue(
        e.startsWith(
            "-: offset 6: span #1 (\"Reconcile\") of scope_spans #1 of resource_spans #1: "),
        e);
    assertTrue(e.contains("expected a span id of 8 bytes, found 3"), e);
  }

  @Test
  void timeAbove2pow63_isOutOfRange() {
    io.opentelemetry.proto.trace.v1.Span s =
        DATA.getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder()
            .setEndTimeUnixNano(-5)
            .build();
    byte[] bytes =
        TracesData.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(s)))
            .build()
            .toByteArray();
    String e = Collected.stdin(bytes).error();
    assertTrue(e.contains("time out of range"), e);
    assertTrue(e.contains("18446744073709551611"), e);
  }
}
