package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An audit log's layout is told from its first line, and the head is left unread. */
class AuditLayoutTest {
  private static final String EVENT =
      "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a\"}";

  private static AuditLayout of(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes));
    AuditLayout layout = AuditLayout.of(in);
    assertEquals(bytes.length, in.readAllBytes().length, "nothing consumed");
    return layout;
  }

  @Test
  void jsonDocuments_oneLineOrPrettyPrinted_areJson() throws IOException {
    assertEquals(AuditLayout.JSON, of(EVENT + "\n" + EVENT + "\n"));
    assertEquals(AuditLayout.JSON, of("\uFEFF  [\n  " + EVENT + "\n]\n"));
    assertEquals(
        AuditLayout.JSON,
        of(
            "{\n  \"items\": [\n    {\n      \"ports\": [\n        80,\n        -1,\n        true,\n"),
        "jq puts each number and literal of an array on its own line");
    assertEquals(AuditLayout.JSON, of(""), "the JSON reader says what an empty input lacks");
  }

  @Test
  void gcloudsYaml_withOrWithoutAMarker_isYaml() throws IOException {
    assertEquals(AuditLayout.YAML, of("insertId: 1abc\nprotoPayload:\n  serviceName: k8s.io\n"));
    assertEquals(AuditLayout.YAML, of("---\ninsertId: 1abc\n"));
    assertEquals(AuditLayout.YAML, of("- insertId: 1abc\n  timestamp: '2026-12-03T10:00:00Z'\n"));
    assertEquals(AuditLayout.YAML, of("'@type': type.googleapis.com/x\n"));
  }

  @Test
  void anApiServersOutput_inEveryKubectlForm_isLines() throws IOException {
    String klog = "I1203 09:59:58.100000       1 flags.go:64] FLAG: --v=\"2\"\n";
    assertEquals(AuditLayout.LINES, of(klog + EVENT + "\n"));
    assertEquals(AuditLayout.LINES, of(EVENT + "\n" + klog), "an event first, its own log after");
    assertEquals(AuditLayout.LINES, of("2026-12-03T10:00:00.123Z " + EVENT + "\n"));
    assertEquals(
        AuditLayout.LINES,
        of("[pod/kube-apiserver-m/kube-apiserver] 2026-12-03T10:00:00.1Z " + klog),
        "a kubectl prefix is no JSON array");
  }
}
