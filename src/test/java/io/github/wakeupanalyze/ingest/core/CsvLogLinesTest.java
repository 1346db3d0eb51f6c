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
 * A log exported as CSV (Kibana, Splunk) reads as {@code kubectl logs --timestamps --prefix} prints
 * the same lines: its line column, the pod of its row, its time where it names its zone.
 */
class CsvLogLinesTest {
  private static final String POD = "op-7c9d8-x2k9p";

  private static boolean opens(String text) {
    return CsvLogLines.opens(text);
  }

  private static List<String> read(String text) {
    List<String> out = new ArrayList<>();
    try {
      CsvLogLines csv =
          new CsvLogLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      for (String line = csv.next(); line != null; line = csv.next()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  @Test
  void aHeaderWithALineColumn_opensALogsCsv_andOnlyThat() {
    assertTrue(opens("\"@timestamp\",\"kubernetes.pod.name\",message\n1,2,3\n"), "Kibana");
    assertTrue(opens("\uFEFF_time,_raw,host\nx,y,z\n"), "Splunk, with a byte-order mark");
    assertTrue(opens("Time;Message\nx;y\n"), "a semicolon, any case");
    assertFalse(opens("timestamp,end\n2024-05-01T12:00:00Z,2024-05-01T12:00:01Z\n"));
    assertFalse(opens("operator,controller,object,trace_id,span_id,start,end\n"));
    assertFalse(opens("message"), "a header with no row after it in the bytes looked at");
    assertFalse(opens("{\"message\":\"x\"}\n"), "JSON lines");
    assertFalse(opens("2024-05-01T12:00:00.1Z message,x\n"), "a log line that names a message");
  }

  @Test
  void kibanasRows_becomeThePodTheTimeAndTheLine() {
    String csv =
        "\"@timestamp\",\"kubernetes.container.name\",\"kubernetes.pod.name\",message\n"
            + "\"2024-05-01T12:00:00.120Z\",manager,"
            + POD
            + ",\"{\"\"level\"\":\"\"info\"\",\"\"msg\"\":\"\"Reconciling\"\"}\"\n"
            + "\"Jan 1, 2026 @ 00:00:00.000\",manager,"
            + POD
            + ",I0501 12:00:01.000000 1 x.go:1] hi\n";
    assertEquals(
        List.of(
            "[pod/"
                + POD
                + "/manager] 2024-05-01T12:00:00.120000000Z"
                + " {\"level\":\"info\",\"msg\":\"Reconciling\"}",
            "[pod/" + POD + "/manager] I0501 12:00:01.000000 1 x.go:1] hi"),
        read(csv),
        "an ISO time with its zone is the kubelet's; Kibana's default, zoneless, is dropped");
  }

  @Test
  void quotedLinesMayHoldLineEnds_quotesAndFormulaEscapes() {
    String csv =
        "_time;_raw\n"
            + "2024-05-01T14:00:00.000+02:00;\"E0501 failed\n\tat x.y(Z.java:1)\n\"\n"
            + "2024-05-01T14:00:01.000+02:00;'-starts with a minus\n"
            + "2024-05-01T14:00:02.000+02:00;'kept: no formula after it\n"
            + "2024-05-01T14:00:03.000+02:00\n";
    assertEquals(
        List.of(
            "2024-05-01T14:00:00.000000000+02:00 E0501 failed",
            "\tat x.y(Z.java:1)",
            "2024-05-01T14:00:01.000000000+02:00 -starts with a minus",
            "2024-05-01T14:00:02.000000000+02:00 'kept: no formula after it"),
        read(csv),
        "a row without the line column gives nothing");
  }

  @Test
  void thePreferredLineColumn_isTheRawOne() {
    assertEquals(
        List.of("raw line"),
        read("message,event.original\nparsed message,raw line\n"),
        "event.original keeps the line as the container wrote it");
  }

  /**
   * Filebeat's {@code decode_json_fields} leaves only the message in {@code message} and the rest
   * of the operator's JSON line in columns: the row is made that JSON line again. A row whose
   * message is a log line of its own keeps it, whatever other columns there are.
   */
  @Test
  void aDecodedRow_isMadeItsJsonLineAgain_aRawOneIsKept() {
    String csv =
        "@timestamp,message,json.controller,json.reconcileID,host.name\n"
            + "2024-05-01T12:00:00.120Z,Reconciling,memcached,r1,node-1\n"
            + "2024-05-01T12:00:00.130Z,Reconcile successful,memcached,,node-1\n"
            + "2024-05-01T12:00:00.140Z,\"{\"\"msg\"\":\"\"raw\"\"}\",,,node-1\n"
            + "2024-05-01T12:00:00.150Z,I0501 12:00:00.150000 1 x.go:1] klog,,,node-1\n"
            + "2024-05-01T12:00:00.160Z,level=info msg=logfmt,,,node-1\n";
    assertEquals(
        List.of(
            "2024-05-01T12:00:00.120000000Z {\"msg\":\"Reconciling\",\"controller\":\"memcached\","
                + "\"reconcileID\":\"r1\",\"host.name\":\"node-1\"}",
            "2024-05-01T12:00:00.130000000Z {\"msg\":\"Reconcile successful\","
                + "\"controller\":\"memcached\",\"host.name\":\"node-1\"}",
            "2024-05-01T12:00:00.140000000Z {\"msg\":\"raw\"}",
            "2024-05-01T12:00:00.150000000Z I0501 12:00:00.150000 1 x.go:1] klog",
            "2024-05-01T12:00:00.160000000Z level=info msg=logfmt"),
        read(csv));
    assertEquals(
        List.of("2024-05-01T12:00:00.120000000Z Reconciling"),
        read("@timestamp,_raw,json.controller\n2024-05-01T12:00:00.120Z,Reconciling,memcached\n"),
        "a raw column is never rebuilt");
  }
}
