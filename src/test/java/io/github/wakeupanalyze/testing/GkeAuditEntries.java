package io.github.wakeupanalyze.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An {@code audit.k8s.io} log rewritten as GKE keeps it: Cloud Logging {@code LogEntry}s with an
 * {@code AuditLog} payload of service {@code k8s.io}, as {@code gcloud logging read --format=json}
 * prints them (one array, keys sorted). The entry's {@code timestamp} is the event's {@code
 * stageTimestamp}; Cloud Logging's {@code receiveTimestamp} is 2 s later.
 */
public final class GkeAuditEntries {
  private GkeAuditEntries() {}

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
  public static Path write(Path audit, Path out) throws IOException {
    ArrayNode entries = JSON.createArrayNode();
    for (String line : Files.readAllLines(audit)) {
      entries.add(of(JSON.readTree(line)));
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), entries);
    return out;
  }
}
