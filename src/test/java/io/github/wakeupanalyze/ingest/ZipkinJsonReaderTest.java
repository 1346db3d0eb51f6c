package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zipkin v2 JSON: arrays, single spans, lists of traces, kinds, errors and shared spans. */
class ZipkinJsonReaderTest {
  private static final String CLIENT =
      """
      {"traceId": "4d1e00c0db9010db86154a4ba6e91385", "parentId": "86154a4ba6e91385",
       "id": "4d1e00c0db9010db", "kind": "CLIENT", "name": "get",
       "timestamp": 1472470996199000, "duration": 207000,
       "localEndpoint": {"serviceName": "frontend"}, "remoteEndpoint": {"serviceName": "backend"},
       "annotations": [{"timestamp": 1472470996238000, "value": "foo"}],
       "tags": {"http.path": "/api", "otel.scope.name": "lib"}}""";

  private static List<Span> read(String json) {
    Collected c = Collected.stdin(json).ok();
    assertEquals(TraceFormat.ZIPKIN_JSON, c.report().format());
    return c.spans;
  }

  private static void assertClient(Span s) {
    assertEquals("frontend", s.service());
    assertEquals("lib", s.scope());
    assertEquals(0x4d1e00c0db9010dbL, s.traceIdHigh());
    assertEquals(0x86154a4ba6e91385L, s.traceIdLow());
    assertEquals(0x4d1e00c0db9010dbL, s.spanId());
    assertEquals(0x86154a4ba6e91385L, s.parentSpanId());
    assertEquals(3, s.kind());
    assertEquals(1_472_470_996_199_000_000L, s.startNanos());
    assertEquals(1_472_470_996_406_000_000L, s.endNanos());
    assertEquals(java.util.Map.of("http.path", "/api"), s.attributes());
  }

  @Test
  void singleSpanObject() {
    assertClient(read(CLIENT).get(0));
  }

  @Test
  void spanArray() {
    assertClient(read("[" + CLIENT + "]").get(0));
  }

  @Test
  void listOfTraces_asApiV2TracesAnswers() {
    List<Span> spans =
        read(
            "[["
                + CLIENT
                + "], ["
                + CLIENT.replace("\"id\": \"4d1e00c0db9010db\"", "\"id\": \"0000000000000009\"")
                + "]]");
    assertEquals(2, spans.size());
    assertClient(spans.get(0));
    assertEquals(9, spans.get(1).spanId());
  }

  @Test
  void noKind_isALocalSpan_internal() {
    Span s =
        read("{\"traceId\": \"86154a4ba6e91385\", \"id\": \"1\", \"name\": \"on-message\","
                + " \"timestamp\": 1, \"duration\": 2}")
            .get(0);
    assertEquals(1, s.kind());
    assertEquals(0, s.traceIdHigh(), "64-bit trace id");
    assertEquals(0x86154a4ba6e91385L, s.traceIdLow());
    assertEquals(Span.UNKNOWN_SERVICE, s.service());
  }

  @Test
  void errorTag_anyValue_isError_andNotAnAttribute() {
    Span s =
        read("[{\"traceId\": \"1\", \"id\": \"1\", \"timestamp\": 1, "
                + "\"tags\": {\"error\": \"\"}}]")
            .get(0);
    assertTrue(s.error());
    assertNull(s.attribute("error"));
    assertEquals(s.startNanos(), s.endNanos(), "no duration: ends when it starts");
  }

  @Test
  void sharedSpan_getsItsOwnIdAndTheClientAsParent() {
    List<Span> spans =
        read(
            "["
                + CLIENT
                + ", "
                + CLIENT.replace("\"kind\": \"CLIENT\"", "\"kind\": \"SERVER\", \"shared\": true")
                + "]");
    Span client = spans.get(0);
    Span server = spans.get(1);
    assertEquals(2, server.kind());
    assertEquals(client.spanId(), server.parentSpanId());
    assertTrue(server.spanId() != client.spanId() && server.spanId() != 0);
    assertEquals(ZipkinJsonReader.sharedId(client.spanId()), server.spanId());
  }

  @Test
  void unknownKind_isAnError() {
    String e =
        Collected.stdin(
                "[{\"traceId\": \"1\", \"id\": \"1\", \"kind\": \"LOCAL\","
                    + " \"timestamp\": 1, \"localEndpoint\": {}}]")
            .error();
    assertTrue(e.startsWith("-:1:"), e);
    assertTrue(e.contains("expected a span kind CLIENT, SERVER, PRODUCER or CONSUMER"), e);
  }

  @Test
  void missingTimestamp_isAnError() {
    String e =
        Collected.stdin("[{\"traceId\": \"1\", \"id\": \"1\", \"parentId\": \"2\"}]").error();
    assertTrue(e.contains("without \"timestamp\""), e);
  }
}
