package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The four Jaeger JSON shapes and the tag, reference and time conventions. */
class JaegerJsonReaderTest {
  private static final String SPAN =
      """
      {"traceID": "0af7651916cd43dd8448eb211c80319c", "spanID": "b7ad6b7169203331",
       "operationName": "Reconcile",
       "references": [{"refType": "CHILD_OF", "traceID": "0af7651916cd43dd8448eb211c80319c",
                       "spanID": "00f067aa0ba902b7"}],
       "startTime": 1714564800000000, "duration": 40000,
       "tags": [{"key": "controller", "type": "string", "value": "psmdb-controller"},
                {"key": "span.kind", "type": "string", "value": "internal"},
                {"key": "otel.scope.name", "type": "string", "value": "op"},
                {"key": "otel.status_code", "type": "string", "value": "ERROR"}],
       "logs": [], %s "warnings": null}""";

  private static List<Span> read(String json) {
    Collected c = Collected.stdin(json).ok();
    assertEquals(TraceFormat.JAEGER_JSON, c.report().format());
    return c.spans;
  }

  private static void assertTheSpan(Span s) {
    assertEquals("psmdb-operator", s.service());
    assertEquals("op", s.scope());
    assertEquals(0x0af7651916cd43ddL, s.traceIdHigh());
    assertEquals(0x8448eb211c80319cL, s.traceIdLow());
    assertEquals(0xb7ad6b7169203331L, s.spanId());
    assertEquals(0x00f067aa0ba902b7L, s.parentSpanId());
    assertEquals("Reconcile", s.name());
    assertEquals(1, s.kind());
    assertEquals(1_714_564_800_000_000_000L, s.startNanos());
    assertEquals(1_714_564_800_040_000_000L, s.endNanos());
    assertTrue(s.error());
    assertEquals(
        java.util.Map.of("controller", "psmdb-controller"),
        s.attributes(),
        "translation tags are fields, not attributes");
  }

  @Test
  void queryApiData_processesAfterSpans() {
    List<Span> spans =
        read(
            "{\"data\": [{\"traceID\": \"x\", \"spans\": ["
                + SPAN.formatted("\"processID\": \"p1\",")
                + "], \"processes\": {\"p1\": {\"serviceName\":"
                + " \"psmdb-operator\", \"tags\": []}}}], \"total\": 0, \"errors\": null}");
    assertEquals(1, spans.size());
    assertTheSpan(spans.get(0));
  }

  @Test
  void singleTraceWithoutDataWrapper() {
    List<Span> spans =
        read(
            "{\"traceID\": \"x\", \"processes\": {\"p1\": {\"serviceName\": "
                + "\"psmdb-operator\"}}, \"spans\": ["
                + SPAN.formatted("\"processID\": \"p1\",")
                + "]}");
    assertTheSpan(spans.get(0));
  }

  @Test
  void bareSpanArrayWithInlineProcess() {
    List<Span> spans =
        read(
            "["
                + SPAN.formatted(
                    "\"process\": {\"serviceName\": \"psmdb-operator\", \"tags\": []},")
                + "]");
    assertTheSpan(spans.get(0));
  }

  @Test
  void apiV2ProtobufJson_base64Ids_rfc3339_durationUnits_typedValues() {
    String span =
        """
        {"traceId": "CvdlGRbNQ92ESOshHIAxnA==", "spanId": "t61rcWkgMzE=",
         "operationName": "Reconcile",
         "references": [{"traceId": "CvdlGRbNQ92ESOshHIAxnA==", "spanId": "APBnqgupArc="}],
         "startTime": "2024-05-01T12:00:00Z", "duration": "%s",
         "tags": [{"key": "controller", "vStr": "psmdb-controller"},
                  {"key": "span.kind", "vStr": "internal"},
                  {"key": "otel.scope.name", "vStr": "op"},
                  {"key": "error", "vType": "BOOL", "vBool": true}],
         "process": {"serviceName": "psmdb-operator"}}""";
    assertTheSpan(read("{\"spans\": [" + span.formatted("40000000ns") + "]}").get(0));
    assertTheSpan(read("{\"result\": {\"spans\": [" + span.formatted("0.040s") + "]}}").get(0));
  }

  @Test
  void parent_isFirstChildOfInTheSameTrace_otherReferencesBecomeLinks() {
    String span =
        """
        [{"traceID": "0000000000000001", "spanID": "0000000000000004", "operationName": "x",
          "references": [
            {"refType": "CHILD_OF", "traceID": "00000000000000ff", "spanID": "00000000000000ff"},
            {"refType": "CHILD_OF", "traceID": "0000000000000001", "spanID": "0000000000000002"},
            {"refType": "FOLLOWS_FROM", "traceID": "0000000000000001", "spanID": "0000000000000003"}],
          "startTime": 1, "duration": 1}]""";
    Span s = read(span).get(0);
    assertEquals(0, s.traceIdHigh());
    assertEquals(1, s.traceIdLow());
    assertEquals(2, s.parentSpanId());
    assertEquals(List.of(new SpanLink(0, 0xff, 0xff), new SpanLink(0, 1, 3)), s.links());
  }

  @Test
  void parent_isFollowsFromWhenNoChildOf() {
    Span s =
        read("""
        [{"traceID": "1", "spanID": "4", "operationName": "x", "startTime": 1, "duration": 1,
          "references": [{"refType": "FOLLOWS_FROM", "traceID": "1", "spanID": "3"}]}]""")
            .get(0);
    assertEquals(3, s.parentSpanId());
    assertTrue(s.links().isEmpty());
  }

  @Test
  void parent_isNoneWhenTheOnlyReferenceIsIntoAnotherTrace() {
    Span s =
        read("""
        [{"traceID": "1", "spanID": "4", "operationName": "x", "startTime": 1, "duration": 1,
          "references": [{"refType": "CHILD_OF", "traceID": "2", "spanID": "3"}]}]""")
            .get(0);
    assertFalse(s.hasParent());
    assertEquals(List.of(new SpanLink(0, 2, 3)), s.links());
  }

  @Test
  void typedTags_valuesAsStrings_errorTagFalseIsNoError() {
    Span s =
        read("""
        [{"traceID": "1", "spanID": "4", "operationName": "x", "startTime": 1, "duration": 1,
          "tags": [{"key": "big", "type": "int64", "value": "9223372036854775222"},
                   {"key": "n", "type": "int64", "value": 23456},
                   {"key": "ok", "type": "bool", "value": true},
                   {"key": "t", "type": "float64", "value": 72.5},
                   {"key": "blob", "type": "binary", "value": "AAAwOQ=="},
                   {"key": "error", "type": "bool", "value": false},
                   {"key": "span.kind", "type": "string", "value": "client"}]}]""")
            .get(0);
    assertEquals("9223372036854775222", s.attribute("big"));
    assertEquals("23456", s.attribute("n"));
    assertEquals("true", s.attribute("ok"));
    assertEquals("72.5", s.attribute("t"));
    assertEquals("AAAwOQ==", s.attribute("blob"));
    assertNull(s.attribute("error"));
    assertFalse(s.error());
    assertEquals(3, s.kind());
    assertEquals(1000, s.startNanos());
    assertEquals(2000, s.endNanos());
  }

  @Test
  void errorTagTrue_isError() {
    Span s =
        read("""
        [{"traceID": "1", "spanID": "4", "operationName": "x", "startTime": 1, "duration": 1,
          "tags": [{"key": "error", "type": "bool", "value": true}]}]""")
            .get(0);
    assertTrue(s.error());
  }

  @Test
  void processNeverDefined_serviceUnknown_spanStillDelivered() {
    List<Span> inTrace =
        read(
            "{\"data\": [{\"spans\": ["
                + SPAN.formatted("\"processID\": \"p9\",")
                + "], \"processes\": {\"p1\": {\"serviceName\": \"a\"}}}]}");
    assertEquals(Span.UNKNOWN_SERVICE, inTrace.get(0).service());
    List<Span> inArray = read("[" + SPAN.formatted("\"processID\": \"p1\",") + "]");
    assertEquals(Span.UNKNOWN_SERVICE, inArray.get(0).service());
  }

  @Test
  void apiErrorAnswer_isAnErrorNamingTheApiMessage() {
    String e =
        Collected.stdin(
                "{\"data\": null, \"errors\": [{\"code\": 404, \"msg\": \"trace not found\"}]}")
            .error();
    assertTrue(e.contains("404 trace not found"), e);
  }
}
