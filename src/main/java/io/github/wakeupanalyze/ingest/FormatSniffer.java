package io.github.wakeupanalyze.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.ingest.core.CsvLogLines;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.LokiJsonLines;
import io.github.wakeupanalyze.ingest.core.NodeLogs;
import io.github.wakeupanalyze.ingest.log.LogSniffer;
import io.github.wakeupanalyze.text.Names;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the format of an input from its first bytes, never from its name.
 *
 * <p>The rules, applied in order to the first {@value #PREFIX} bytes (docs/formats.md and the
 * README's formats table repeat them):
 *
 * <ol>
 *   <li><b>Compression</b>: {@code 1f 8b} is gzip, {@code 28 b5 2f fd} is zstd; the input is
 *       decompressed and these rules start again on the result ({@link Decompression}).
 *   <li><b>JSON</b>: after a UTF-8 byte-order mark and whitespace, a {@code {} or {@code [}. The
 *       prefix is tokenized and the <em>first field name</em> that belongs to one format decides:
 *       <ul>
 *         <li>OTLP JSON: {@code resourceSpans}, {@code scopeSpans}, {@code
 *             instrumentationLibrarySpans} (or their snake_case), {@code batches};
 *         <li>Jaeger JSON: {@code operationName}/{@code operation_name}, {@code traceID}, {@code
 *             spanID}, {@code processID}, {@code processes}, {@code processMap};
 *         <li>Zipkin v2 JSON: {@code localEndpoint}, {@code remoteEndpoint}, {@code parentId};
 *             {@code annotations} when an array, {@code shared} when a boolean (an audit event's
 *             and a Kubernetes object's {@code annotations} is an object);
 *         <li>Kubernetes audit log: {@code auditID}, {@code requestURI}, {@code objectRef}, {@code
 *             stageTimestamp}; {@code apiVersion} when it is {@code audit.k8s.io/…}; {@code
 *             protoPayload} (a Cloud Logging audit entry, GKE's form of the log).
 *       </ul>
 *       But first: a prefix holding {@code "category":"kube-audit} (AKS diagnostic logs) or {@code
 *       "logStreamName":"kube-apiserver-audit} (EKS CloudWatch events) is an audit log a managed
 *       cluster exported; then, an object whose first field name is a log line's ({@code level},
 *       {@code ts}, {@code time}, {@code timestamp}, {@code @timestamp}, {@code msg}, {@code
 *       message}, Docker's {@code log}, logcli's {@code labels}, OTLP's {@code resourceLogs}, …) is an operator log in JSON
 *       lines, even when it carries a {@code traceID} later. If no format's
 *       name occurs: field names {@code traceId} and {@code id} together mean Zipkin; a {@code data}
 *       field means Jaeger (an empty query result). Otherwise the next rules are tried.
 *   <li><b>Audit logs in other layouts</b>: a line {@code protoPayload:} and the name {@code
 *       google.cloud.audit.AuditLog} is GKE's audit log as {@code gcloud logging read} prints it by
 *       default (YAML); a line that holds an {@code audit.k8s.io} event after an optional {@code
 *       kubectl logs} prefix and time ({@link AuditLayout#EVENT_LINE}) is an API server's own
 *       output or a CloudWatch export to S3. Both before the log rule: the lines around the events
 *       are the API server's own log.
 *   <li><b>OTLP protobuf</b>: {@code 0a}, a varint length, then a ResourceSpans field tag ({@code
 *       0a}, {@code 12}, {@code 1a}): one TracesData message; or the same after 4 bytes of
 *       big-endian length: the Collector file exporter's {@code format: proto} ({@link
 *       OtlpProtoReader#framing}).
 *   <li><b>Operator log</b>: UTF-8 text without NUL bytes whose first line is a log line with a
 *       time and a level (zap JSON or console, klog, tracing, logback/log4j patterns, logfmt), or
 *       has a {@code kubectl logs --timestamps} time; or at least three of its first forty lines
 *       are such lines ({@link io.github.wakeupanalyze.ingest.log.LogSniffer}). Lines in a
 *       container runtime's CRI format (a node's files) are looked at as {@code kubectl logs
 *       --timestamps} prints them ({@link io.github.wakeupanalyze.ingest.core.CriLines}), here and
 *       for the audit log's lines above.
 *   <li><b>A log's CSV</b>: text whose first line is a CSV header with a column for the log line
 *       ({@code message}, {@code _raw}, …: {@link CsvLogLines}), as Kibana and Splunk export logs:
 *       an operator log, not a timestamp CSV, whatever its rows' times.
 *   <li><b>Timestamp CSV</b>: UTF-8 text without NUL bytes whose first record line (blank and
 *       {@code #} lines skipped) holds a time, or is a header (any names) followed by a line that
 *       holds a time ({@link TimestampCsv}). A header with both {@code trace_id} and {@code span_id}
 *       is a table of reconciles (the simulator's {@code labels.csv}, {@code reconciles.csv}), not
 *       a trace: it matches no rule ({@code --format csv} reads it anyway).
 *   <li>Anything else is not a trace: read from a folder it is skipped (the CLI sums skipped files
 *       up in one line), named on the command line it is an error that quotes the first line of a
 *       text (or the first bytes of binary data) and says which {@code --format} might read it.
 * </ol>
 *
 * <p>JSON Lines need no rule of their own: each reader reads any sequence of root values.
 */
public final class FormatSniffer {
  /** How many bytes the sniffer may look at. */
  static final int PREFIX = 64 * 1024;

  /** Field names that open a JSON log line, never a trace document. */
  private static final Set<String> LOG_KEYS =
      Set.of(
          "level",
          "lvl",
          "severity",
          "ts",
          "time",
          "timestamp",
          "@timestamp",
          "timeMillis",
          "instant",
          "msg",
          "message",
          "@version",
          "caller",
          "logger",
          "logger_name",
          "log", // Docker's json-file
          "labels", // logcli --output jsonl
          "resourceLogs"); // the OpenTelemetry Collector's OTLP logs

  /**
   * A managed cluster's export of its audit log, whose entries carry each event as a JSON string:
   * AKS diagnostic logs (category {@code kube-audit} or {@code kube-audit-admin}, whose first key,
   * {@code time}, would otherwise make them a log) and EKS CloudWatch Logs events (stream {@code
   * kube-apiserver-audit-…}).
   */
  private static final Pattern MANAGED_AUDIT =
      Pattern.compile(
          "\"category\"\\s*:\\s*\"kube-audit|\"logStreamName\"\\s*:\\s*\"kube-apiserver-audit");

  /** GKE's audit entries as YAML ({@code gcloud logging read} without {@code --format}). */
  private static final Pattern GCLOUD_YAML =
      Pattern.compile("(?m)^(?:- )?protoPayload:[ \\t]*\\r?$");

  /** The type of a Cloud Logging audit payload, which must also occur in {@link #GCLOUD_YAML}. */
  private static final String AUDIT_PAYLOAD = "google.cloud.audit.AuditLog";

  /** An audit event's version, on a line that {@link AuditLayout#EVENT_LINE} starts. */
  private static final Pattern AUDIT_VERSION =
      Pattern.compile("\"apiVersion\"\\s*:\\s*\"audit\\.k8s\\.io/");

  private FormatSniffer() {}

  /**
   * Looks at the first bytes of {@code in} (already decompressed) without consuming them.
   *
   * @param in a stream that supports mark/reset
   * @return the format, or empty when no rule matches
   */
  public static Optional<TraceFormat> sniff(BufferedInputStream in) throws IOException {
    in.mark(PREFIX + 1);
    byte[] buf = in.readNBytes(PREFIX + 1);
    in.reset();
    boolean complete = buf.length <= PREFIX;
    int n = Math.min(buf.length, PREFIX);
    return Optional.ofNullable(sniff(buf, n, complete));
  }

  /**
   * Applies the rules to a prefix.
   *
   * @param complete true when the prefix is the whole input
   * @return the format, or null
   */
  static TraceFormat sniff(byte[] buf, int n, boolean complete) {
    int i = 0;
    if (n >= 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb && (buf[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n')) {
      i++;
    }
    if (i < n && (buf[i] == '{' || buf[i] == '[')) {
      String prefix = new String(buf, i, n - i, StandardCharsets.ISO_8859_1);
      if (MANAGED_AUDIT.matcher(prefix).find()) {
        return TraceFormat.K8S_AUDIT;
      }
      if (LokiJsonLines.opens(prefix)) {
        return TraceFormat.LOG; // Loki's answer to a log query: its "data" is no Jaeger's
      }
      TraceFormat json = sniffJson(buf, i, n);
      if (json != null) {
        return json;
      }
    }
    if (OtlpProtoReader.framing(buf, n) != null) {
      return TraceFormat.OTLP_PROTO;
    }
    String text = text(buf, n, complete);
    if (text != null && auditText(text)) {
      return TraceFormat.K8S_AUDIT;
    }
    if (text != null && LogSniffer.looksLike(text, complete)) {
      return TraceFormat.LOG;
    }
    if (text != null && CsvLogLines.opens(text)) {
      return TraceFormat.LOG; // a log exported as CSV: its rows are log lines, not reconciles
    }
    if (text != null && TimestampCsv.looksLike(text, complete)) {
      return TraceFormat.CSV;
    }
    return null;
  }

  /** An audit log as text that is not JSON: GKE's YAML, or an API server's output (lines). */
  private static boolean auditText(String text) {
    if (text.contains(AUDIT_PAYLOAD) && GCLOUD_YAML.matcher(text).find()) {
      return true;
    }
    for (String line : NodeLogs.ofCri(Arrays.asList(text.split("\n", 200)))) {
      Matcher m = AuditLayout.EVENT_LINE.matcher(line);
      if (m.find() && AUDIT_VERSION.matcher(line).find(m.start(1))) {
        return true;
      }
    }
    return false;
  }

  private static TraceFormat sniffJson(byte[] buf, int from, int n) {
    boolean traceId = false;
    boolean id = false;
    boolean data = false;
    boolean object = buf[from] == '{';
    boolean first = true; // the first field name
    try (JsonParser p = JsonReaderBase.FACTORY.createParser(buf, from, n - from)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.FIELD_NAME) {
          continue;
        }
        String name = p.currentName();
        if (first && object && LOG_KEYS.contains(name)) {
          return TraceFormat.LOG;
        }
        if (first && !object && name.equals("line")) {
          return TraceFormat.LOG; // Grafana's logs download as JSON: [{"line": …, "timestamp": …}]
        }
        first = false;
        switch (name) {
          case "resourceSpans",
              "resource_spans",
              "scopeSpans",
              "scope_spans",
              "instrumentationLibrarySpans",
              "instrumentation_library_spans",
              "batches" -> {
            return TraceFormat.OTLP_JSON;
          }
          case "operationName",
              "operation_name",
              "traceID",
              "spanID",
              "processID",
              "processes",
              "processMap",
              "process_map" -> {
            return TraceFormat.JAEGER_JSON;
          }
          case "localEndpoint", "remoteEndpoint", "parentId" -> {
            return TraceFormat.ZIPKIN_JSON;
          }
          case "annotations", "shared" -> {
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY
                || v == JsonToken.VALUE_TRUE
                || v == JsonToken.VALUE_FALSE) {
              return TraceFormat.ZIPKIN_JSON;
            }
            p.skipChildren();
          }
          case "auditID", "requestURI", "objectRef", "stageTimestamp", "protoPayload" -> {
            return TraceFormat.K8S_AUDIT;
          }
          case "apiVersion" -> {
            if (p.nextToken() == JsonToken.VALUE_STRING
                && p.getText().startsWith("audit.k8s.io/")) {
              return TraceFormat.K8S_AUDIT;
            }
            p.skipChildren();
          }
          case "traceId" -> traceId = true;
          case "id" -> id = true;
          case "data" -> data = true;
          default -> {}
        }
      }
    } catch (IOException e) {
      // the prefix ends inside the document, or is not JSON: decide on what was seen
    }
    if (traceId && id) {
      return TraceFormat.ZIPKIN_JSON;
    }
    if (data) {
      return TraceFormat.JAEGER_JSON;
    }
    return null;
  }

  /** The prefix as text, or null if it has NUL bytes or is not UTF-8 (a cut last char is fine). */
  private static String text(byte[] buf, int n, boolean complete) {
    for (int i = 0; i < n; i++) {
      if (buf[i] == 0) {
        return null;
      }
    }
    int end = n;
    if (!complete) {
      // do not cut a multi-byte character: drop a trailing partial one
      int back = 0;
      while (back < 3 && end - back - 1 >= 0 && (buf[end - back - 1] & 0xc0) == 0x80) {
        back++;
      }
      if (end - back - 1 >= 0 && (buf[end - back - 1] & 0x80) != 0) {
        end = end - back - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(buf, 0, end))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * What an input that matches no rule looks like, for the message that skips it or stops it: text
   * is quoted by its first line (printable, abbreviated) with the {@code --format} that might read
   * it; binary data by its first bytes.
   */
  static String describeUnknown(BufferedInputStream in) throws IOException {
    Map.Entry<Integer, String> first = firstLine(in);
    if (first == null) {
      in.mark(64);
      byte[] b = in.readNBytes(16);
      in.reset();
      return "not a trace this tool reads: expected OTLP JSON or protobuf, Jaeger JSON, Zipkin"
          + " JSON, a timestamp CSV or an operator log; found "
          + describeBytes(b);
    }
    return "not a trace, timestamp CSV or operator log this tool reads: found \""
        + Names.abbreviate(Names.printable(first.getValue()))
        + "\"; if the file holds one reconcile time per line, --format csv reads it (and names"
        + " the line it cannot); if it is an operator's log, --format log";
  }

  /**
   * Where {@link #describeUnknown} points: the first line that is not blank for text ({@code 3}),
   * {@code offset 0} for binary data.
   */
  static String whereUnknown(BufferedInputStream in) throws IOException {
    Map.Entry<Integer, String> first = firstLine(in);
    return first == null ? InputException.offset(0) : Integer.toString(first.getKey());
  }

  /** The first line that is not blank, if the input's prefix is text; else null. */
  private static Map.Entry<Integer, String> firstLine(BufferedInputStream in) throws IOException {
    in.mark(PREFIX + 1);
    byte[] buf = in.readNBytes(PREFIX + 1);
    in.reset();
    int n = Math.min(buf.length, PREFIX);
    String text = n == 0 ? null : text(buf, n, buf.length <= PREFIX);
    return text == null ? null : TimestampCsv.firstLine(text);
  }

  /** "an empty input", or the first 16 bytes in hex. */
  static String describeBytes(byte[] b) {
    if (b.length == 0) {
      return "an empty input";
    }
    StringBuilder sb = new StringBuilder("bytes");
    for (int i = 0; i < Math.min(16, b.length); i++) {
      sb.append(String.format(Locale.ROOT, " %02x", b[i] & 0xff));
    }
    int printable = 0;
    for (int i = 0; i < Math.min(16, b.length); i++) {
      if (b[i] >= 0x20 && b[i] < 0x7f) {
        printable++;
      }
    }
    if (printable == Math.min(16, b.length)) {
      sb.append(" (\"")
          .append(new String(b, 0, Math.min(16, b.length), StandardCharsets.US_ASCII))
          .append("\")");
    }
    return sb.toString();
  }
}
