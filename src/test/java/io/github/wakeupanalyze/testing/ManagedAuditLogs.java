package io.github.wakeupanalyze.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * An {@code audit.k8s.io} log rewritten as managed clusters' log services hand it out.
 *
 * <ul>
 *   <li>GKE: Cloud Logging {@code LogEntry}s with an {@code AuditLog} payload of service {@code
 *       k8s.io}, as {@code gcloud logging read --format=json} prints them (one array, keys sorted).
 *       The entry's {@code timestamp} is the event's {@code stageTimestamp}; Cloud Logging's {@code
 *       receiveTimestamp} is 2 s later.
 *   <li>AKS: diagnostic-log records, one per line, the event as a JSON string in {@code
 *       properties.log}, category {@code kube-audit}; a record of the API server's own log
 *       (category {@code kube-apiserver}) between them.
 *   <li>EKS: the output of {@code aws logs filter-log-events}, the event as a JSON string in each
 *       event's {@code message}, stream {@code kube-apiserver-audit-…}; an event of the API
 *       server's own log stream among them.
 * </ul>
 *
 * <p>And in the layouts that are not JSON documents:
 *
 * <ul>
 *   <li>GKE's entries as YAML, as {@code gcloud logging read} prints them without {@code --format}:
 *       one document per entry, {@code ---} between them, strings quoted only where needed.
 *   <li>An API server's own output with {@code --audit-log-path=-}, as {@code kubectl logs} gives
 *       it: its klog lines (and one in JSON) between the events; optionally with {@code
 *       --timestamps --prefix}.
 *   <li>A CloudWatch Logs export to S3: gzip, each event after its time in milliseconds.
 * </ul>
 */
public final class ManagedAuditLogs {
  private ManagedAuditLogs() {}

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** One audit.k8s.io event as GKE's LogEntry: no stage, no received time, a google.rpc code. */
  public static ObjectNode of(JsonNode event) {
    JsonNode ref = event.path("objectRef");
    String group = ref.path("apiGroup").asText("");
    String version = ref.path("apiVersion").asText("v1");
    String resource = ref.path("resource").asText();
    String sub = ref.path("subresource").asText("");
    StringBuilder reversed = new StringBuilder();
    List<String> labels = List.of((group.isEmpty() ? "core" : group).split("\\."));
    for (int i = labels.size() - 1; i >= 0; i--) {
      reversed.append(labels.get(i)).append('.');
    }
    String name =
        (group.isEmpty() ? "core" : group)
            + "/"
            + version
            + (ref.has("namespace") ? "/namespaces/" + ref.path("namespace").asText() : "")
            + "/"
            + resource
            + "/"
            + ref.path("name").asText()
            + (sub.isEmpty() ? "" : "/" + sub);
    ObjectNode e = JSON.createObjectNode();
    String id = event.path("auditID").asText();
    e.put("insertId", id);
    e.put("logName", "projects/p/logs/cloudaudit.googleapis.com%2Factivity");
    e.putObject("operation")
        .put("id", id)
        .put("producer", "k8s.io")
        .put("first", true)
        .put("last", true);
    ObjectNode payload = e.putObject("protoPayload");
    payload.put("@type", "type.googleapis.com/google.cloud.audit.AuditLog");
    payload.put("serviceName", "k8s.io");
    payload.put(
        "methodName",
        "io.k8s."
            + reversed
            + version
            + "."
            + resource
            + (sub.isEmpty() ? "" : "." + sub)
            + "."
            + event.path("verb").asText());
    payload.put("resourceName", name);
    payload
        .putObject("authenticationInfo")
        .put("principalEmail", event.path("user").path("username").asText());
    payload
        .putObject("requestMetadata")
        .put("callerSuppliedUserAgent", event.path("userAgent").asText());
    ObjectNode status = payload.putObject("status");
    if (event.path("responseStatus").path("code").asInt(200) >= 400) {
      status.put("code", 7);
    }
    String at = event.path("stageTimestamp").asText();
    e.put("timestamp", at);
    e.put("receiveTimestamp", Instant.parse(at).plusSeconds(2).toString());
    e.putObject("resource").put("type", "k8s_cluster");
    return e;
  }

  /** Writes the log at {@code audit} (JSON lines) as GKE entries to {@code out}; returns it. */
  public static Path gke(Path audit, Path out) throws IOException {
    ArrayNode entries = JSON.createArrayNode();
    for (String line : Files.readAllLines(audit)) {
      entries.add(of(JSON.readTree(line)));
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), entries);
    return out;
  }

  /**
   * Writes the log at {@code audit} (JSON lines) as gcloud's YAML of GKE entries to {@code out}.
   */
  public static Path gkeYaml(Path audit, Path out) throws IOException {
    YAMLMapper yaml =
        YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();
    StringBuilder docs = new StringBuilder();
    for (String line : Files.readAllLines(audit)) {
      String doc = yaml.writeValueAsString(of(JSON.readTree(line)));
      // gcloud writes --- between entries, not before the first
      docs.append(docs.length() == 0 ? doc.substring(doc.indexOf('\n') + 1) : doc);
    }
    Files.writeString(out, docs);
    return out;
  }

  /**
   * Writes the log at {@code audit} (JSON lines) as an API server's output ({@code
   * --audit-log-path=-}) that {@code kubectl logs} gives: start-up lines, then the events with a
   * klog line after every fifth and one JSON log line; with {@code kubectl} options {@code
   * --timestamps --prefix} when {@code timestamps}.
   */
  public static Path apiServerOutput(Path audit, Path out, boolean timestamps) throws IOException {
    StringBuilder lines = new StringBuilder();
    List<String> events = Files.readAllLines(audit);
    String first = JSON.readTree(events.get(0)).path("stageTimestamp").asText();
    String prefix = "[pod/kube-apiserver-minikube/kube-apiserver] ";
    String[] own = {
      "I1203 09:59:58.100000       1 flags.go:64] FLAG: --audit-log-path=\"-\"",
      "I1203 09:59:58.200000       1 server.go:151] Version: v1.31.0",
      "W1203 09:59:59.300000       1 genericapiserver.go:765] Skipping API apps/v1beta2",
    };
    for (String l : own) {
      lines.append(timestamps ? prefix + first + " " : "").append(l).append('\n');
    }
    int n = 0;
    for (String e : events) {
      String at = JSON.readTree(e).path("stageTimestamp").asText();
      lines.append(timestamps ? prefix + at + " " : "").append(e).append('\n');
      if (++n % 5 == 0) {
        lines
            .append(timestamps ? prefix + at + " " : "")
            .append("I1203 10:00:00.000000       1 trace.go:236] Trace[1]: \"Update\" {x}\n");
      }
      if (n == 7) {
        lines.append(
            "{\"ts\":1764756000000.1,\"caller\":\"cacher.go:471\",\"msg\":\"cacher ready\","
                + "\"v\":0}\n");
      }
    }
    Files.writeString(out, lines);
    return out;
  }

  /**
   * Writes the log at {@code audit} (JSON lines) as the API server's file on its node when it
   * writes the log to its output: the CRI format of containerd (time, stream, tag), each event on
   * stdout in partial records of 256 characters, the server's own log on stderr, one line of it
   * between the records of every third event.
   */
  public static Path apiServerNodeFile(Path audit, Path out) throws IOException {
    StringBuilder lines = new StringBuilder();
    int n = 0;
    for (String e : Files.readAllLines(audit)) {
      String at =
          DateTimeFormatter.ISO_INSTANT.format(
              Instant.parse(JSON.readTree(e).path("stageTimestamp").asText()));
      for (int from = 0; from < e.length(); from += 256) {
        boolean last = from + 256 >= e.length();
        lines
            .append(at)
            .append(" stdout ")
            .append(last ? "F " : "P ")
            .append(e, from, Math.min(e.length(), from + 256))
            .append('\n');
        if (from == 0 && ++n % 3 == 0) {
          lines.append(at).append(" stderr F I1203 10:00:00.000000       1 trace.go:236] x\n");
        }
      }
    }
    Files.writeString(out, lines);
    return out;
  }

  /**
   * Writes the log at {@code audit} (JSON lines) as a CloudWatch Logs export to S3 of the {@code
   * kube-apiserver-audit} stream: gzip, each event after its time (milliseconds, UTC).
   */
  public static Path s3Export(Path audit, Path out) throws IOException {
    try (Writer w =
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(out)), StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(audit)) {
        Instant at = Instant.parse(JSON.readTree(line).path("stageTimestamp").asText());
        w.write(DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS)));
        w.write(' ');
        w.write(line);
        w.write('\n');
      }
    }
    return out;
  }

  /** Writes the log at {@code audit} (JSON lines) as AKS diagnostic logs to {@code out}. */
  public static Path aks(Path audit, Path out) throws IOException {
    StringBuilder lines = new StringBuilder();
    boolean first = true;
    for (String line : Files.readAllLines(audit)) {
      String at = JSON.readTree(line).path("stageTimestamp").asText();
      if (first) {
        lines.append(aksRecord(at, "kube-apiserver", "I1203 10:00:00.000000 1 trace.go:236] x"));
        first = false;
      }
      lines.append(aksRecord(at, "kube-audit", line));
    }
    Files.writeString(out, lines);
    return out;
  }

  private static String aksRecord(String time, String category, String log) throws IOException {
    ObjectNode r = JSON.createObjectNode();
    r.put("time", time);
    r.put(
        "resourceId",
        "/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/C");
    r.put("category", category);
    r.put("operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read");
    r.putObject("properties")
        .put("log", log)
        .put("stream", "stdout")
        .put("pod", "kube-apiserver-0");
    return JSON.writeValueAsString(r) + "\n";
  }

  /** Writes the log at {@code audit} (JSON lines) as {@code aws logs filter-log-events} output. */
  public static Path eks(Path audit, Path out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode events = root.putArray("events");
    int n = 0;
    for (String line : Files.readAllLines(audit)) {
      long ms = Instant.parse(JSON.readTree(line).path("stageTimestamp").asText()).toEpochMilli();
      if (n == 0) {
        events.add(eksEvent("kube-apiserver-0f1e", ms, "I1203 10:00:00 1 trace.go:236] x", n++));
      }
      events.add(eksEvent("kube-apiserver-audit-0f1e", ms, line, n++));
    }
    root.putArray("searchedLogStreams");
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    return out;
  }

  private static ObjectNode eksEvent(String stream, long ms, String message, int id) {
    ObjectNode e = JSON.createObjectNode();
    e.put("logStreamName", stream);
    e.put("timestamp", ms);
    e.put("message", message);
    e.put("ingestionTime", ms + 1_500);
    e.put("eventId", Integer.toString(id));
    return e;
  }
}
