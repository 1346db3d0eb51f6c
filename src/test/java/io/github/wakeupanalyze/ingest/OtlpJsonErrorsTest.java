package io.github.wakeupanalyze.ingest;

import static io.github.wakeupanalyze.testing.OtlpJson.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.testing.OtlpJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP JSON: the basic document, JSON Lines, and one-line errors for each kind of bad input. */
class OtlpJsonErrorsTest {

  static List<Span> read(String json) throws Exception {
    List<Span> spans = new ArrayList<>();
    new OtlpJsonReader()
        .read(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json", spans::add);
    return spans;
  }

  static String error(String json) {
    InputException e = assertThrows(InputException.class, () -> read(json));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void document_readsServiceScopeIdsTimesAndAttributes() throws Exception {
    String json =
        OtlpJson.service("psmdb")
            .span(1, 2, 0, "Reconcile", 1.5, 1.75, "controller", "psmdb-controller")
            .toJson();
    List<Span> spans = read(json);
    assertEquals(1, spans.size());
    Span s = spans.get(0);
    assertEquals("psmdb", s.service());
    assertEquals("test", s.scope());
    assertEquals("00000000000000000000000000000001", Ids.hex(s.traceIdHigh(), s.traceIdLow()));
    assertEquals(2, s.spanId());
    assertEquals(0, s.parentSpanId());
    assertEquals(T0 + 1_500_000_000L, s.startNanos());
    assertEquals(T0 + 1_750_000_000L, s.endNanos());
    assertEquals("psmdb-controller", s.attribute("controller"));
  }

  @Test
  void jsonLines_readsEveryLineAsOneDocument() throws Exception {
    String lines =
        OtlpJson.service("a")
            .span(1, 1, 0, "x", 0, 1)
            .span(1, 2, 1, "y", 0, 1)
            .span(2, 3, 0, "z", 0, 1)
            .toJsonLines(2, 1, 0);
    List<Span> spans = read(lines);
    assertEquals(List.of(3L, 2L, 1L), spans.stream().map(Span::spanId).toList());
  }

  @Test
  void enumsAndStatus_asNumbersOrNames() throws Exception {
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
            + "{\"spanId\":\"01\",\"kind\":\"SPAN_KIND_CLIENT\",\"status\":{\"code\":\"STATUS_CODE_ERROR\"}},"
            + "{\"spanId\":\"02\",\"kind\":2,\"status\":{\"code\":2}},"
            + "{\"spanId\":\"03\",\"status\":{\"code\":1}}]}]}]}";
    List<Span> spans = read(json);
    assertEquals(3, spans.get(0).kind());
    assertTrue(spans.get(0).error());
    assertEquals(2, spans.get(1).kind());
    assertTrue(spans.get(1).error());
    assertFalse(spans.get(2).error());
  }

  @Test
  void niceError_truncatedJson() {
    String json = OtlpJson.service("a").span(1, 1, 0, "x", 0, 1).toJson();
    String msg = error(json.substring(0, json.length() - 20));
    assertTrue(msg.startsWith("t.json:1:"), msg);
    assertTrue(msg.contains("truncated JSON"), msg);
  }

  @Test
  void niceError_endBeforeStart() {
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[\n{\"spanId\":\"01\",\"name\":"
            + "\"Reconcile\",\"startTimeUnixNano\":\"10\",\"endTimeUnixNano\":\"5\"}]}]}]}";
    String msg = error(json);
    assertTrue(msg.startsWith("t.json:2:1: "), msg);
    assertTrue(msg.contains("ends before it starts"), msg);
    assertTrue(msg.contains("Reconcile"), msg);
  }

  @Test
  void niceError_notATrace() {
    String msg = error("{\"hello\": \"world\"}");
    assertTrue(msg.startsWith("t.json:1:1: "), msg);
    assertTrue(msg.contains("expected an object with \"resourceSpans\""), msg);
  }

  @Test
  void niceError_invalidId() {
    String msg =
        error("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"xyz!\"}]}]}]}");
    assertTrue(msg.matches("t\\.json:1:\\d+: expected a span id of 16 hex digits.*"), msg);
  }

  @Test
  void niceError_timeOutOfRange() {
    String msg =
        error(
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"01\","
                + "\"startTimeUnixNano\":\"99999999999999999999\"}]}]}]}");
    assertTrue(msg.contains("below 2^63"), msg);
  }

  @Test
  void niceError_unknownKindName() {
    String msg =
        error(
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"01\","
                + "\"kind\":\"SPAN_KIND_INVALID_TYPE\"}]}]}]}");
    assertTrue(msg.contains("expected a span kind"), msg);
    assertTrue(msg.contains("SPAN_KIND_INVALID_TYPE"), msg);
  }

  @Test
  void niceError_nestedThousandsDeep_noStackOverflow() {
    String json = "{\"resourceSpans\":[{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}]}";
    String msg = error(json);
    assertTrue(msg.contains("nested deeper than"), msg);
  }

  @Test
  void spansBeforeAnError_areDelivered() {
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"scope\":{},\"spans\":[{\"spanId\":\"01\"},"
            + "{\"spanId\":\"02\",\"startTimeUnixNano\":2,\"endTimeUnixNano\":1}]}]}]}";
    List<Span> got = new ArrayList<>();
    assertThrows(
        InputException.class,
        () ->
            new OtlpJsonReader()
                .read(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                    "t.json",
                    got::add));
    assertEquals(1, got.size());
  }
}
