package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One operator log as each tool and node hands it out reads as {@code kubectl logs --timestamps}
 * gives it: the same reconciles at the same times, the operator named by the pod wherever the form
 * names one.
 */
class CollectedLogsTest {
  private static final String POD = "memcached-operator-6d8f7b9c4-x2k9p";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A line of {@code kubectl logs --timestamps}: the kubelet's time and the operator's line. */
  record Line(String time, String text) {
    /** The time as Go's RFC3339Nano writes it (containerd, Docker, logcli): zeros dropped. */
    String goTime() {
      return time.replaceFirst("\\.?0+Z$", "Z");
    }
  }

  /** The forms, each written from the controller-runtime sample. */
  enum Form {
    /** The container's file on its node: containerd's CRI records, long lines in 64-char parts. */
    CRI_NODE_FILE(false, l -> cri(l, 64)),
    /** Docker's json-file driver (minikube's runtime). */
    DOCKER_JSON_FILE(false, l -> json(docker(l))),
    /** Fluent Bit's records of them, with its Kubernetes filter's pod and container. */
    FLUENT_BIT(true, l -> json(fluentBit(l))),
    /** stern's default output with --timestamps, tailing two namespaces. */
    STERN(true, l -> "ops " + POD + " manager " + l.time() + " " + l.text()),
    /** stern --output json. */
    STERN_JSON(true, l -> json(stern(l))),
    /** logcli --output jsonl --forward. */
    LOGCLI_JSONL(true, l -> json(logcli(l))),
    /** The OpenTelemetry Collector's file exporter: OTLP logs, one request per line. */
    OTEL_COLLECTOR(true, l -> json(otlp(l)));

    final boolean namesThePod;
    final Function<Line, String> write;

    Form(boolean namesThePod, Function<Line, String> write) {
      this.namesThePod = namesThePod;
      this.write = write;
    }
  }

  private static String cri(Line l, int part) {
    StringBuilder out = new StringBuilder();
    String text = l.text();
    for (int at = 0; at == 0 || at < text.length(); at += part) {
      boolean last = at + part >= text.length();
      if (at > 0) {
        out.append('\n');
      }
      out.append(l.goTime())
          .append(" stderr ")
          .append(last ? "F " : "P ")
          .append(text, at, Math.min(text.length(), at + part));
    }
    return out.toString();
  }

  private static ObjectNode docker(Line l) {
    ObjectNode record = JSON.createObjectNode();
    return record.put("log", l.text() + "\n").put("stream", "stderr").put("time", l.goTime());
  }

  private static ObjectNode fluentBit(Line l) {
    ObjectNode record = docker(l);
    record.putObject("kubernetes").put("pod_name", POD).put("container_name", "manager");
    return record;
  }

  private static ObjectNode stern(Line l) {
    ObjectNode record = JSON.createObjectNode().put("message", l.text()).put("timestamp", l.time());
    return record
        .put("nodeName", "n1")
        .put("namespace", "ops")
        .put("podName", POD)
        .put("containerName", "manager");
  }

  private static ObjectNode logcli(Line l) {
    ObjectNode record = JSON.createObjectNode();
    record.putObject("labels").put("container", "manager").put("namespace", "ops").put("pod", POD);
    return record.put("line", l.text()).put("timestamp", l.goTime());
  }

  private static ObjectNode otlp(Line l) {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode resource = request.putArray("resourceLogs").addObject();
    var attributes = resource.putObject("resource").putArray("attributes");
    attributes.addObject().put("key", "k8s.pod.name").putObject("value").put("stringValue", POD);
    attributes
        .addObject()
        .put("key", "k8s.container.name")
        .putObject("value")
        .put("stringValue", "manager");
    ObjectNode record =
        resource.putArray("scopeLogs").addObject().putArray("logRecords").addObject();
    record.put("timeUnixNano", Long.toString(Timestamps.parse(l.time())));
    record.putObject("body").put("stringValue", l.text());
    return request;
  }

  private static String json(JsonNode record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sample(String name) {
    try {
      return Files.readString(LogSamples.DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reconciles of {@code text} read from standard input, the operator renamed by the pod. */
  private static List<String> described(String text, boolean namesThePod) {
    return LogSamples.stdin(text, ReadOptions.AUTO).described(LogSamples.T0).stream()
        .map(x -> namesThePod ? x.replace(" stdin ", " memcached-operator ") : x)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void eachForm_readsAsKubectlLogsTimestamps(Form form) {
    String kubectl = sample("controller-runtime/zap-json-kubectl.log");
    StringBuilder written = new StringBuilder();
    for (String line : kubectl.split("\n")) {
      int space = line.indexOf(' ');
      written
          .append(form.write.apply(new Line(line.substring(0, space), line.substring(space + 1))))
          .append('\n');
    }
    LogSamples.Read r = LogSamples.stdin(written.toString(), ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format(), "sniffed as a log");
    assertEquals(List.of(), r.report().warnings());
    assertEquals(5, r.spans().size());
    assertEquals(described(kubectl, form.namesThePod), r.described(LogSamples.T0));
  }

  /** logcli's default output: its time has whole seconds, so the line's own time places it. */
  @Test
  void logcliDefaultOutput_namesThePod_andTheLinesOwnTimeCounts() {
    String console = sample("controller-runtime/zap-console.log");
    String written =
        String.join(
            "\n",
            Arrays.stream(console.split("\n"))
                .map(
                    line ->
                        line.substring(0, 19)
                            + "Z {container=\"manager\", namespace=\"ops\", pod=\""
                            + POD
                            + "\"}     "
                            + line)
                .toList());
    List<String> expected = described(console, true);
    assertEquals(5, expected.size());
    assertEquals(expected, described(written, false));
  }

  /**
   * Grafana's "Download logs" as text, oldest first: the query's facts, two empty lines, then each
   * line after its time. Grafana 10 writes epoch milliseconds and the time in RFC 3339; earlier
   * versions the time in the browser's zone, with an offset or with none. The pod comes from {@code
   * Common labels}.
   */
  private static final DateTimeFormatter OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.ofHours(2));

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.ofHours(2));

  @ParameterizedTest
  @ValueSource(strings = {"millis", "offset", "local"})
  void grafanaDownload_readsAsKubectlLogsTimestamps_withThePodOfItsCommonLabels(String rows) {
    String kubectl = sample("controller-runtime/zap-json-kubectl.log");
    StringBuilder written =
        new StringBuilder(
            "Common labels: {\"container\":\"manager\",\"namespace\":\"ops\",\"pod\":\""
                + POD
                + "\"}\nLine limit: \"1000 (12 returned)\"\nTotal bytes processed: \"3.1 kB\"\n\n\n");
    for (String line : kubectl.split("\n")) {
      int space = line.indexOf(' ');
      Instant t = Instant.parse(line.substring(0, space));
      String time =
          switch (rows) {
            case "millis" -> t.toEpochMilli() + "\t" + t; // Instant prints 3 digits here
            case "offset" -> OFFSET.format(t);
            default -> LOCAL.format(t);
          };
      written.append(time).append('\t').append(line.substring(space + 1)).append('\n');
    }
    LogSamples.Read r = LogSamples.stdin(written.toString(), ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format(), "sniffed as a log");
    assertEquals(5, r.spans().size());
    // Grafana 10 keeps the kubelet's time (to the millisecond, as the sample's are); the earlier
    // rows leave each line to its own time, which has whole seconds here
    String expected = rows.equals("millis") ? kubectl : kubectl.replaceAll("(?m)^\\S+ ", "");
    assertEquals(described(expected, true), r.described(LogSamples.T0));
    assertEquals(
        LogSamples.stdin(expected, ReadOptions.AUTO).report().warnings(), r.report().warnings());
  }

  /**
   * Grafana's "Download logs" as JSON: an object per line with its time in epoch nanoseconds and
   * the stream's labels among its fields. Grafana lists the newest line first unless told
   * otherwise; that download, a single line, is read from its end all the same.
   */
  @Test
  void grafanaJsonDownload_readsAsKubectlLogsTimestamps_newestFirstFromItsEnd() {
    String kubectl = sample("controller-runtime/zap-json-kubectl.log");
    List<ObjectNode> rows = new ArrayList<>();
    for (String line : kubectl.split("\n")) {
      int space = line.indexOf(' ');
      String time = line.substring(0, space);
      ObjectNode row = JSON.createObjectNode().put("line", line.substring(space + 1));
      row.put("timestamp", Long.toString(Timestamps.parse(time))).put("date", time);
      row.putObject("fields")
          .put("container", "manager")
          .put("detected_level", "info")
          .put("pod", POD);
      rows.add(row);
    }
    LogSamples.Read r =
        LogSamples.stdin(json(JSON.createArrayNode().addAll(rows)), ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format(), "sniffed as a log");
    assertEquals(List.of(), r.report().warnings());
    assertEquals(described(kubectl, true), r.described(LogSamples.T0));

    List<ObjectNode> oldestFirst = new ArrayList<>();
    for (int copy = 0; copy < 20; copy++) { // past the order's decision: 240 lines, 5 s apart
      for (ObjectNode row : rows) {
        ObjectNode later = row.deepCopy();
        long t = Long.parseLong(row.get("timestamp").asText()) + copy * 5_000_000_000L;
        oldestFirst.add(later.put("timestamp", Long.toString(t)));
      }
    }
    List<ObjectNode> newestFirst = new ArrayList<>(oldestFirst);
    Collections.reverse(newestFirst);
    LogSamples.Read forward =
        LogSamples.stdin(json(JSON.createArrayNode().addAll(oldestFirst)), ReadOptions.AUTO);
    LogSamples.Read backward =
        LogSamples.stdin(json(JSON.createArrayNode().addAll(newestFirst)), ReadOptions.AUTO);
    assertEquals(forward.described(LogSamples.T0), backward.described(LogSamples.T0));
    assertEquals(1, backward.report().warnings().size());
    assertTrue(
        backward.report().warnings().get(0).contains("read from its end instead"),
        backward.report().warnings().toString());
  }

  /**
   * Kibana's "Generate CSV" of the operator's log from Discover: with an ISO date format the row's
   * time is the kubelet's, and the rows come newest first as Discover sorts them; with Kibana's
   * default date format (no zone) each line's own time places it, here oldest first (the sample's
   * own times are whole seconds, too few steps to show an order). Before, the ISO one was read as a
   * timestamp CSV, one reconcile per log line.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void kibanaCsv_readsAsKubectlLogsTimestamps(boolean isoDates) {
    String kubectl = sample("controller-runtime/zap-json-kubectl.log");
    List<String> rows = new ArrayList<>();
    DateTimeFormatter kibana =
        DateTimeFormatter.ofPattern("MMM d, yyyy @ HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.ofHours(2));
    for (String line : kubectl.split("\n")) {
      int space = line.indexOf(' ');
      Instant t = Instant.parse(line.substring(0, space));
      String text = line.substring(space + 1).replace("\"", "\"\"");
      rows.add(
          "\""
              + (isoDates ? t.toString() : kibana.format(t))
              + "\",manager,"
              + POD
              + ",\""
              + text
              + "\"");
    }
    if (isoDates) {
      Collections.reverse(rows);
    }
    String csv =
        "\"@timestamp\",\"kubernetes.container.name\",\"kubernetes.pod.name\",message\n"
            + String.join("\n", rows)
            + "\n";
    LogSamples.Read r = LogSamples.stdin(csv, ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format(), "sniffed as a log");
    String expected = isoDates ? kubectl : kubectl.replaceAll("(?m)^\\S+ ", "");
    assertEquals(described(expected, true), r.described(LogSamples.T0));
  }

  /** Loki's answer to {@code query_range}, saved with curl: newest first, Loki's default. */
  @Test
  void lokiQueryAnswer_readsAsKubectlLogsTimestamps() {
    String kubectl = sample("controller-runtime/zap-json-kubectl.log");
    ObjectNode answer = JSON.createObjectNode().put("status", "success");
    ObjectNode stream =
        answer.putObject("data").put("resultType", "streams").putArray("result").addObject();
    stream.putObject("stream").put("container", "manager").put("pod", POD);
    var values = stream.putArray("values");
    List<String> lines = new ArrayList<>(List.of(kubectl.split("\n")));
    Collections.reverse(lines);
    for (String line : lines) {
      int space = line.indexOf(' ');
      values
          .addArray()
          .add(Long.toString(Timestamps.parse(line.substring(0, space))))
          .add(line.substring(space + 1));
    }
    LogSamples.Read r = LogSamples.stdin(json(answer), ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format(), "sniffed as a log");
    assertEquals(described(kubectl, true), r.described(LogSamples.T0));
  }

  /**
   * Kibana's CSV of a log whose JSON lines Filebeat decoded ({@code decode_json_fields}): the
   * message in {@code message}, the operator's other keys in {@code json.*} columns. Read as the
   * JSON lines they were, it gives the reconciles of the log; read as bare messages it had merged
   * every object into one.
   */
  @Test
  void kibanaCsv_ofDecodedJsonLines_readsAsKubectlLogsTimestamps() throws IOException {
    String kubectl = sample("controller-runtime/zap-json-kubectl.log");
    List<String> keys = List.of("level", "controller", "namespace", "name", "reconcileID");
    StringBuilder csv = new StringBuilder("@timestamp,kubernetes.pod.name,message");
    keys.forEach(k -> csv.append(",json.").append(k));
    csv.append('\n');
    for (String line : kubectl.split("\n")) {
      int space = line.indexOf(' ');
      JsonNode record = JSON.readTree(line.substring(space + 1));
      csv.append(Instant.parse(line.substring(0, space))).append(',').append(POD).append(',');
      csv.append('"').append(record.path("msg").asText().replace("\"", "\"\"")).append('"');
      for (String k : keys) {
        csv.append(',').append(record.path(k).asText(""));
      }
      csv.append('\n');
    }
    LogSamples.Read r = LogSamples.stdin(csv.toString(), ReadOptions.AUTO);
    assertEquals(TraceFormat.LOG, r.report().format(), "sniffed as a log");
    assertEquals(described(kubectl, true), r.described(LogSamples.T0));
  }
}
