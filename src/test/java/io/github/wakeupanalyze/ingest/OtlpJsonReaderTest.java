package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OTLP JSON variants of issue 3, each read into the same normalized span. */
class OtlpJsonReaderTest {
  private static final String SPAN =
      """
      {"traceId": "0AF7651916CD43DD8448EB211C80319C", "spanId": "B7AD6B7169203331",
       "parentSpanId": "00F067AA0BA902B7", "name": "Reconcile", "kind": 1,
       "startTimeUnixNano": "1714564800000000000", "endTimeUnixNano": 1714564800040000000,
       "attributes": [{"key": "controller", "value": {"stringValue": "psmdb-controller"}},
                      {"key": "n", "value": {"intValue": "7"}}],
       "status": {"code": 2},
       "links": [{"traceId": "e5a0e2a1d2c3b4a5968778695a4b3c2d", "spanId": "c0ffee0000000001"}]}""";

  private static final String RESOURCE =
      """
      {"attributes": [{"key": "service.name", "value": {"stringValue": "psmdb-operator"}}]}""";

  private static Span only(String json) {
    List<Span> spans = Collected.stdin(json).ok().spans;
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }

  private static void assertTheSpan(Span s, String scope) {
    assertEquals("psmdb-operator", s.service());
    assertEquals(scope, s.scope());
    assertEquals(0x0af7651916cd43ddL, s.traceIdHigh());
    assertEquals(0x8448eb211c80319cL, s.traceIdLow());
    assertEquals(0xb7ad6b7169203331L, s.spanId());
    assertEquals(0x00f067aa0ba902b7L, s.parentSpanId());
    assertEquals("Reconcile", s.name());
    assertEquals(1, s.kind());
    assertEquals(1_714_564_800_000_000_000L, s.startNanos());
    assertEquals(1_714_564_800_040_000_000L, s.endNanos());
    assertTrue(s.error());
    assertEquals("psmdb-controller", s.attribute("controller"));
    assertEquals("7", s.attribute("n"));
    assertEquals(
        List.of(new SpanLink(0xe5a0e2a1d2c3b4a5L, 0x968778695a4b3c2dL, 0xc0ffee0000000001L)),
        s.links());
  }

  @Test
  void resourceSpans_scopeSpans_upperCaseHex() {
    assertTheSpan(
        only(
            "{\"resourceSpans\": [{\"resource\": "
                + RESOURCE
                + ", \"scopeSpans\": [{\"scope\": {\"name\": \"op\"}, \"spans\": ["
                + SPAN
                + "]}]}]}"),
        "op");
  }

  @Test
  void instrumentationLibrarySpans_beforeScopeSpansExisted() {
    assertTheSpan(
        only(
            "{\"resourceSpans\": [{\"resource\": "
                + RESOURCE
                + ", \"instrumentationLibrarySpans\": [{\"instrumentationLibrary\": {\"name\": \"lib\"},"
                + " \"spans\": ["
                + SPAN
                + "]}]}]}"),
        "lib");
  }

  @Test
  void snakeCaseKeys_enumNames() {
    String span =
        SPAN.replace("traceId", "trace_id")
            .replace("parentSpanId", "parent_span_id")
            .replace("spanId", "span_id")
            .replace("startTimeUnixNano", "start_time_unix_nano")
            .replace("endTimeUnixNano", "end_time_unix_nano")
            .replace("stringValue", "string_value")
            .replace("intValue", "int_value")
            .replace("\"kind\": 1", "\"kind\": \"SPAN_KIND_INTERNAL\"")
            .replace("\"code\": 2", "\"code\": \"STATUS_CODE_ERROR\"");
    assertTheSpan(
        only(
            "{\"resource_spans\": [{\"resource\": "
                + RESOURCE.replace("stringValue", "string_value")
                + ", \"scope_spans\": [{\"scope\": {\"name\": \"op\"}, \"spans\": ["
                + span
                + "]}]}]}"),
        "op");
  }

  @Test
  void base64Ids_asProtobufJsonWritersWriteThem() {
    String span =
        SPAN.replace("0AF7651916CD43DD8448EB211C80319C", "CvdlGRbNQ92ESOshHIAxnA==")
            .replace("B7AD6B7169203331", "t61rcWkgMzE=")
            .replace("00F067AA0BA902B7", "APBnqgupArc=")
            .replace("e5a0e2a1d2c3b4a5968778695a4b3c2d", "5aDiodLDtKWWh3hpWks8LQ==")
            .replace("c0ffee0000000001", "wP/uAAAAAAE=");
    assertTheSpan(
        only(
            "{\"resourceSpans\": [{\"resource\": "
                + RESOURCE
                + ", \"scopeSpans\": [{\"scope\": {\"name\": \"op\"}, \"spans\": ["
                + span
                + "]}]}]}"),
        "op");
  }

  @Test
  void emptyStringIds_meanUnset() {
    Span s =
        only(
            "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
                + SPAN.replace("00F067AA0BA902B7", "")
                + "]}]}]}");
    assertFalse(s.hasParent());
    assertEquals(Span.UNKNOWN_SERVICE, s.service());
  }

  @Test
  void emptyStringSpanId_getsAStableSyntheticId() {
    String doc =
        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
            + SPAN.replace("B7AD6B7169203331", "")
            + "]}]}]}";
    Span a = only(doc);
    Span b = only(doc);
    assertTrue(a.spanId() != 0);
    assertEquals(a.spanId(), b.spanId());
  }

  @Test
  void jaegerApiV3ResultWrapper() {
    assertTheSpan(
        only(
            "{\"result\": {\"resourceSpans\": [{\"resource\": "
                + RESOURCE
                + ", \"scopeSpans\": [{\"scope\": {\"name\": \"op\"}, \"spans\": ["
                + SPAN
                + "]}]}]}}"),
        "op");
  }

  @Test
  void tempoV1Batches() {
    assertTheSpan(
        only(
            "{\"batches\": [{\"resource\": "
                + RESOURCE
                + ", \"instrumentationLibrarySpans\": [{\"instrumentationLibrary\": {\"name\": \"op\"},"
                + " \"spans\": ["
                + SPAN
                + "]}]}]}"),
        "op");
  }

  @Test
  void tempoV2TraceWrapper() {
    assertTheSpan(
        only(
            "{\"trace\": {\"resourceSpans\": [{\"resource\": "
                + RESOURCE
                + ", \"scopeSpans\": [{\"scope\": {\"name\": \"op\"}, \"spans\": ["
                + SPAN
                + "]}]}]}}"),
        "op");
  }

  @Test
  void bareResourceSpansPerLine() {
    String line =
        "{\"resource\": "
            + RESOURCE
            + ", \"scopeSpans\": [{\"scope\": {\"name\": "
            + "\"op\"}, \"spans\": ["
            + SPAN.replace("\n", " ")
            + "]}]}";
    List<Span> spans =
        Collected.stdin(line + "\n" + line.replace("B7AD6B7169203331", "B7AD6B7169203332") + "\n")
            .ok()
            .spans;
    assertEquals(2, spans.size());
    assertTheSpan(spans.get(0), "op");
  }

  @Test
  void scopeAfterSpans_resourceAfterScopeSpans_stillApplied() {
    assertTheSpan(
        only(
            "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
                + SPAN
                + "], \"scope\": {\"name\": \"op\"}}], \"resource\": "
                + RESOURCE
                + "}]}"),
        "op");
  }

  @Test
  void unknownFieldsAndNulls_skipped() {
    Span s =
        only(
            "{\"resourceSpans\": [{\"resource\": "
                + RESOURCE
                + ", \"schemaUrl\": \"x\","
                + " \"scopeSpans\": [{\"scope\": null, \"spans\": ["
                + SPAN.replace(
                    "\"status\"",
                    "\"events\": [{\"name\": \"e\"}], \"droppedAttributesCount\": 3, \"status\"")
                + "]}]}]}");
    assertEquals("", s.scope());
    assertTrue(s.error());
  }
}
