package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Formats are told by content, whatever the file is called, and through gzip and zstd. */
class FormatSnifferTest {
  @TempDir Path dir;

  private static byte[] sameTrace(String file) throws IOException {
    return Files.readAllBytes(SameTraceFiles.FOLDER.resolve(file));
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new ZstdOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  private InputReport readAs(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return Collected.read(p).report();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "trace.otlp.json, OTLP_JSON",
    "trace.otlp.jsonl, OTLP_JSON",
    "trace.pb, OTLP_PROTO",
    "trace.framed.pb, OTLP_PROTO",
    "trace.jaeger.json, JAEGER_JSON",
    "trace.zipkin.json, ZIPKIN_JSON"
  })
  void detectedByContent_plainGzipZstdAndNested_underAMisleadingName(
      String file, TraceFormat format) throws IOException {
    byte[] plain = sameTrace(file);
    for (var e :
        Map.of(
                "plain",
                plain,
                "gzip",
                gzip(plain),
                "zstd",
                zstd(plain),
                "gzip-in-zstd",
                zstd(gzip(plain)))
            .entrySet()) {
      InputReport r = readAs("export-" + e.getKey() + ".csv", e.getValue());
      assertNull(r.error(), e.getKey() + ": " + r.error());
      assertEquals(format, r.format(), e.getKey());
      assertEquals(9, r.spans(), e.getKey());
    }
  }

  @Test
  void csv_detectedWithAndWithoutHeader() throws IOException {
    assertEquals(
        TraceFormat.CSV,
        readAs("a.json", "1714564800\n1714564805\n".getBytes(StandardCharsets.UTF_8)).format());
    assertEquals(
        TraceFormat.CSV,
        readAs("b.pb", "ts,object\n2024-05-01T12:00:00Z,a\n".getBytes(StandardCharsets.UTF_8))
            .format());
  }

  private static TraceFormat sniff(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return FormatSniffer.sniff(b, b.length, true);
  }

  @Test
  void aLogExportedAsCsv_isALog_evenWithATimeInEveryRow() {
    assertEquals(
        TraceFormat.LOG,
        sniff(
            "@timestamp,kubernetes.pod.name,message\n"
                + "2024-05-01T12:00:00.120Z,op-1,\"{\"\"msg\"\":\"\"Reconciling\"\"}\"\n"));
    assertEquals(
        TraceFormat.CSV, sniff("timestamp,end\n2024-05-01T12:00:00Z,2024-05-01T12:00:01Z\n"));
  }

  @Test
  void lokisAnswerToALogQuery_isALog_notJaegersData() {
    assertEquals(
        TraceFormat.LOG,
        sniff("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}"));
  }

  @Test
  void firstFieldNameOfOneFormat_decides() {
    assertEquals(TraceFormat.OTLP_JSON, sniff("{\"resourceSpans\": []}"));
    assertEquals(TraceFormat.OTLP_JSON, sniff("{\"result\": {\"resource_spans\": []}}"));
    assertEquals(TraceFormat.OTLP_JSON, sniff("{\"resource\": {}, \"scopeSpans\": []}"));
    assertEquals(TraceFormat.OTLP_JSON, sniff("{\"batches\": []}"));
    assertEquals(TraceFormat.JAEGER_JSON, sniff("{\"data\": [{\"traceID\": \"1\"}]}"));
    assertEquals(TraceFormat.JAEGER_JSON, sniff("{\"data\": [], \"total\": 0}"));
    assertEquals(
        TraceFormat.JAEGER_JSON,
        sniff(
            "{\"spans\": [{\"traceId\": \"AQ==\", "
                + "\"spanId\": \"AQ==\", \"operationName\": \"x\"}]}"));
    assertEquals(TraceFormat.ZIPKIN_JSON, sniff("[{\"traceId\": \"1\", \"id\": \"1\"}]"));
    assertEquals(TraceFormat.ZIPKIN_JSON, sniff("[[{\"traceId\": \"1\", \"parentId\": \"2\"}]]"));
    assertEquals(
        TraceFormat.LOG,
        sniff("[{\"line\": \"x\", \"timestamp\": \"1\", \"fields\": {\"traceID\": \"1\"}}]"),
        "Grafana's logs download as JSON, whatever fields it detected");
    assertEquals(
        TraceFormat.ZIPKIN_JSON,
        sniff("[{\"traceId\": \"1\", \"id\": \"1\", \"line\": \"x\"}]"),
        "\"line\" counts only as the first key");
    assertEquals(
        TraceFormat.OTLP_JSON,
        sniff(
            "\uFEFF  \n{\"resourceSpans\": [{\"resource\": "
                + "{\"attributes\": [{\"key\": \"operationName\"}]}}]}"),
        "a key named in a value does not count");
  }

  @Test
  void auditEvents_withTheirKeysInAnyOrder_areAnAuditLog() {
    // jq -S and some log shippers sort keys: an audit event's annotations (an object) come first
    assertEquals(
        TraceFormat.K8S_AUDIT,
        sniff(
            "{\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"},"
                + "\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"1\"}\n"));
    assertEquals(
        TraceFormat.K8S_AUDIT,
        sniff(
            "{\"annotations\":{\"a\":\"b\"},\"kind\":\"Event\",\"stage\":\"ResponseComplete\","
                + "\"stageTimestamp\":\"2026-01-01T00:00:00Z\"}\n"));
    assertEquals(
        TraceFormat.K8S_AUDIT,
        sniff("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[]}"));
    assertEquals(
        TraceFormat.ZIPKIN_JSON,
        sniff("[{\"annotations\":[{\"timestamp\":1,\"value\":\"ws\"}],\"name\":\"get\"}]"),
        "Zipkin's annotations are an array");
    assertEquals(TraceFormat.ZIPKIN_JSON, sniff("[{\"shared\":true,\"name\":\"get\"}]"));
  }

  @Test
  void auditLogsThatAreNotJson_areAnAuditLog_notAnOperatorLog() {
    String event = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"1\"}";
    String klog = "I1203 09:59:58.100000       1 flags.go:64] FLAG: --v=\"2\"\n";
    assertEquals(TraceFormat.LOG, sniff(klog + klog + klog), "the API server's own log alone");
    assertEquals(TraceFormat.K8S_AUDIT, sniff(klog + klog + event + "\n" + klog));
    assertEquals(
        TraceFormat.K8S_AUDIT,
        sniff("[pod/kube-apiserver-m/kube-apiserver] 2026-12-03T10:00:00.1Z " + event + "\n"),
        "kubectl logs --prefix --timestamps");
    assertEquals(
        TraceFormat.K8S_AUDIT,
        sniff("2026-12-03T10:00:00.123Z " + event + "\n"),
        "a CloudWatch export to S3");
    assertNotEquals(
        TraceFormat.K8S_AUDIT,
        sniff("2026-12-03T10:00:00.123Z {\"level\":\"info\",\"msg\":\"audit.k8s.io/v1\"}\n"),
        "an operator's JSON log that mentions the audit version in a message");
    String yaml =
        "insertId: a1\nlogName: projects/p/logs/cloudaudit.googleapis.com%2Factivity\n"
            + "protoPayload:\n  '@type': type.googleapis.com/google.cloud.audit.AuditLog\n"
            + "  serviceName: k8s.io\ntimestamp: '2026-12-03T10:00:00.130001Z'\n---\n";
    assertEquals(TraceFormat.K8S_AUDIT, sniff(yaml), "gcloud logging read, YAML");
    assertNull(sniff("protoPayload:\n  '@type': type.googleapis.com/other.Payload\n"));
  }

  @Test
  void notATrace_matchesNothing() {
    assertNull(sniff(""));
    assertNull(sniff("{\"name\": \"my-package\", \"version\": \"1.0.0\"}"));
    assertNull(sniff("# README\n\nSome text, with a comma.\n"));
    assertNull(sniff("timestamp\nnot a time\n"));
    byte[] garbage = new byte[4096];
    new java.util.Random(42).nextBytes(garbage);
    garbage[0] = 0x13;
    assertNull(FormatSniffer.sniff(garbage, garbage.length, true));
  }

  @Test
  void cutPrefix_decidesOnCompleteLinesOnly() {
    byte[] b = "1714564800\n17145".getBytes(StandardCharsets.UTF_8);
    assertEquals(TraceFormat.CSV, FormatSniffer.sniff(b, b.length, false));
    byte[] header = "timestamp\n17145".getBytes(StandardCharsets.UTF_8);
    assertNull(FormatSniffer.sniff(header, header.length, false));
  }

  @Test
  void describe_showsTheFirstBytes() {
    assertEquals(
        "bytes 7b 22 61 22 (\"{\"a\"\")",
        FormatSniffer.describeBytes("{\"a\"".getBytes(StandardCharsets.US_ASCII)));
    assertTrue(FormatSniffer.describeBytes(new byte[0]).contains("empty"));
  }

  @Test
  void tableOfReconciles_withTraceAndSpanIds_isNotATrace() throws IOException {
    String labels =
        "trace_id,span_id,start_unix_nano,operator,controller,object,truth,cause,"
            + "timer_period_s\n0000000000000000000000000000000a,000000000000000b,1767225605248904388,"
            + "op,c,ns/o,timer,requeue,5\n";
    assertEquals(null, sniff(labels), "this tool's labels.csv is not sniffed as a trace");
    assertEquals(TraceFormat.CSV, sniff("start_unix_nano,object\n1767225605248904388,a\n"));
    Path folder = Files.createDirectories(dir.resolve("samples"));
    Files.writeString(folder.resolve("x.labels.csv"), labels);
    Files.writeString(folder.resolve("x.csv"), "1714564800\n1714564805\n");
    Collected c = Collected.read(ReadOptions.AUTO, folder.toString());
    assertEquals(2, c.reports.size());
    InputReport csv = c.reports.get(0); // sorted by path: x.csv, then x.labels.csv
    InputReport skipped = c.reports.get(1);
    assertTrue(skipped.path().endsWith("x.labels.csv"), skipped.path());
    assertEquals(null, skipped.error(), "the labels file is skipped, not an error");
    assertEquals(0, skipped.spans());
    assertTrue(skipped.wasSkipped(), skipped.toString());
    assertEquals(2, csv.spans());
  }
}
