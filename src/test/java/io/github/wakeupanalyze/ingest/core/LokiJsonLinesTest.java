package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loki's answer to a log query reads as {@code kubectl logs --timestamps --prefix} prints the same
 * lines: each value's time to the nanosecond, after the pod its stream's labels name.
 */
class LokiJsonLinesTest {
  private static List<String> read(String json) {
    List<String> out = new ArrayList<>();
    try {
      LokiJsonLines loki =
          new LokiJsonLines(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
      for (String line = loki.next(); line != null; line = loki.next()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  @Test
  void eachValue_isALineAfterItsStreamsPodAndItsTime() {
    String json =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":["
            + "{\"stream\":{\"pod\":\"op-7c9d8-x2k9p\",\"container\":\"manager\",\"job\":\"x\"},"
            + "\"values\":[[\"1714564805000000001\",\"second\"],"
            + "[\"1714564800000000000\",\"first\\nits stack\",{\"trace_id\":\"ab\"}]]},"
            + "{\"values\":[[\"1714564801000000000\",\"a stream without labels\"]]},"
            + "{\"stream\":{\"k8s_pod_name\":\"other-1\"},\"values\":[]}],"
            + "\"stats\":{\"summary\":{\"totalLinesProcessed\":3}}}}";
    assertEquals(
        List.of(
            "[pod/op-7c9d8-x2k9p/manager] 2024-05-01T12:00:05.000000001Z second",
            "[pod/op-7c9d8-x2k9p/manager] 2024-05-01T12:00:00.000000000Z first",
            "its stack",
            "2024-05-01T12:00:01.000000000Z a stream without labels"),
        read(json),
        "in the answer's order; structured metadata skipped; no pod carried to the next stream");
  }

  @Test
  void opens_onlyAnAnswerWithStreams() {
    byte[] streams = "{\"status\": \"success\", \"data\": {\"resultType\": \"streams\"".getBytes();
    byte[] matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\"".getBytes();
    byte[] jaeger = "{\"data\":[{\"traceID\":\"1\"}]}".getBytes();
    assertTrue(
        LokiJsonLines.opens(new String(streams, StandardCharsets.UTF_8)), "jq's spacing too");
    assertFalse(
        LokiJsonLines.opens(new String(matrix, StandardCharsets.UTF_8)),
        "a metric query has no lines");
    assertFalse(LokiJsonLines.opens(new String(jaeger, StandardCharsets.UTF_8)));
  }
}
