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
 * An operator's log as the OpenTelemetry Collector's file exporter writes it: each record read as
 * {@code kubectl logs --timestamps --prefix} prints the line, one record at a time.
 */
class OtlpLogLinesTest {
  private static List<String> read(String json) throws IOException {
    OtlpLogLines otlp =
        new OtlpLogLines(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    List<String> out = new ArrayList<>();
    for (String line = otlp.next(); line != null; line = otlp.next()) {
      out.add(line);
    }
    return out;
  }

  private static String resource(String pod, String records) {
    return "{\"resource\":{\"attributes\":["
        + "{\"key\":\"k8s.namespace.name\",\"value\":{\"stringValue\":\"ops\"}},"
        + "{\"key\":\"k8s.pod.name\",\"value\":{\"stringValue\":\""
        + pod
        + "\"}},{\"key\":\"k8s.container.name\",\"value\":{\"stringValue\":\"manager\"}}]},"
        + "\"scopeLogs\":[{\"scope\":{},\"logRecords\":["
        + records
        + "]}],\"schemaUrl\":\"x\"}";
  }

  private static String record(String time, String body) {
    return "{\"timeUnixNano\":\""
        + time
        + "\",\"severityText\":\"INFO\",\"body\":"
        + body
        + ",\"attributes\":[{\"key\":\"log.iostream\",\"value\":{\"stringValue\":\"stderr\"}}]}";
  }

  @Test
  void eachRecord_isThePodTheKubeletsTimeAndTheBody() throws IOException {
    String batch =
        "{\"resourceLogs\":["
            + resource(
                "op-6d8f7b9c4-x2k9p",
                record("1714564800100000000", "{\"stringValue\":\"{\\\"msg\\\":\\\"a\\\"}\"}")
                    + ","
                    + record("1714564800200000001", "{\"stringValue\":\"panic: x\\n\\tat y\\n\"}"))
            + ","
            + resource(
                "op-6d8f7b9c4-zzzzz", record("1714564800300000000", "{\"stringValue\":\"b\"}"))
            + "]}";
    assertEquals(
        List.of(
            "[pod/op-6d8f7b9c4-x2k9p/manager] 2024-05-01T12:00:00.100000000Z {\"msg\":\"a\"}",
            "[pod/op-6d8f7b9c4-x2k9p/manager] 2024-05-01T12:00:00.200000001Z panic: x",
            "\tat y",
            "[pod/op-6d8f7b9c4-zzzzz/manager] 2024-05-01T12:00:00.300000000Z b"),
        read(batch));
  }

  @Test
  void aMapBody_isWrittenBackAsJson_andTheObservedTimeStandsIn() throws IOException {
    String body =
        "{\"kvlistValue\":{\"values\":["
            + "{\"key\":\"level\",\"value\":{\"stringValue\":\"info\"}},"
            + "{\"key\":\"ts\",\"value\":{\"doubleValue\":1714564800.5}},"
            + "{\"key\":\"n\",\"value\":{\"intValue\":\"7\"}},"
            + "{\"key\":\"ok\",\"value\":{\"boolValue\":true}},"
            + "{\"key\":\"obj\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"name\",\"value\":{\"stringValue\":\"m\\\"1\"}}]}}},"
            + "{\"key\":\"xs\",\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":\"1\"},{\"stringValue\":\"two\"}]}}}"
            + "]}}";
    String json =
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"observedTimeUnixNano\":1714564800000000000,\"body\":"
            + body
            + "},{\"timeUnixNano\":\"1\"}]}]}]}";
    assertEquals(
        List.of(
            "2024-05-01T12:00:00.000000000Z {\"level\":\"info\",\"ts\":1714564800.5,\"n\":7,"
                + "\"ok\":true,\"obj\":{\"name\":\"m\\\"1\"},\"xs\":[1,\"two\"]}"),
        read(json),
        "no pod without a resource; a record without a body gives no line");
  }

  @Test
  void requestsOnePerLine_asTheFileExporterWrites() throws IOException {
    String one =
        "{\"resourceLogs\":["
            + resource("op-0", record("1714564800000000000", "{\"stringValue\":\"x\"}"))
            + "]}";
    assertEquals(
        List.of(
            "[pod/op-0/manager] 2024-05-01T12:00:00.000000000Z x",
            "[pod/op-0/manager] 2024-05-01T12:00:00.000000000Z x"),
        read(one + "\n" + one + "\n"));
  }

  @Test
  void theStartOfAnOtlpLogsDocument_isKnownByItsFirstField() {
    byte[] yes = "\uFEFF \n{ \"resourceLogs\": [".getBytes(StandardCharsets.UTF_8);
    assertTrue(OtlpLogLines.opens(new String(yes, StandardCharsets.UTF_8)));
    byte[] no = "{\"resourceSpans\":[".getBytes(StandardCharsets.UTF_8);
    assertFalse(OtlpLogLines.opens(new String(no, StandardCharsets.UTF_8)));
    byte[] log = "{\"level\":\"info\",\"resourceLogs\":1}".getBytes(StandardCharsets.UTF_8);
    assertFalse(OtlpLogLines.opens(new String(log, StandardCharsets.UTF_8)));
  }
}
