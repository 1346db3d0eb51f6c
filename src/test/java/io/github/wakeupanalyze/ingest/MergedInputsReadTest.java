package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.wakeupanalyze.model.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading never merges away data: identical ids under two resources, processes or files reach the
 * sink as separate spans, each with the service of its own resource and the index of its own file,
 * so that extraction can keep them apart (it de-duplicates by ids and service). Inputs without ids
 * of their own (timestamp CSVs, logs) get ids from their path, so two files never share one.
 */
class MergedInputsReadTest {
  private static final String OTLP_SPAN =
      """
      {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331",
       "name": "Reconcile", "kind": 1,
       "startTimeUnixNano": "1714564800000000000", "endTimeUnixNano": "1714564800040000000"}""";

  private static String resource(String service) {
    return "{\"resource\": {\"attributes\": [{\"key\": \"service.name\", \"value\":"
        + " {\"stringValue\": \""
        + service
        + "\"}}]}, \"scopeSpans\": [{\"spans\": ["
        + OTLP_SPAN
        + "]}]}";
  }

  private static String otlp(String... services) {
    return "{\"resourceSpans\": ["
        + List.of(services).stream()
            .map(MergedInputsReadTest::resource)
            .collect(Collectors.joining(", "))
        + "]}";
  }

  private static Set<Long> ids(List<Span> spans) {
    return spans.stream().map(Span::traceIdHigh).collect(Collectors.toSet());
  }

  @Test
  void otlpJson_sameIdsUnderTwoResources_twoSpansWithTheirOwnService() {
    List<Span> spans = Collected.stdin(otlp("operator-a", "operator-b")).ok().spans;
    assertEquals(List.of("operator-a", "operator-b"), spans.stream().map(Span::service).toList());
    assertEquals(spans.get(0).spanId(), spans.get(1).spanId());
  }

  @Test
  void jaeger_sameIdsUnderTwoProcesses_twoSpansWithTheirOwnService() {
    String span =
        """
        {"traceID": "0af7651916cd43dd8448eb211c80319c", "spanID": "b7ad6b7169203331",
         "operationName": "Reconcile", "startTime": 1714564800000000, "duration": 40000,
         "processID": "%s"}""";
    String json =
        "{\"data\": [{\"traceID\": \"x\", \"spans\": ["
            + span.formatted("p1")
            + ", "
            + span.formatted("p2")
            + "], \"processes\": {\"p1\": {\"serviceName\": \"operator-a\"},"
            + " \"p2\": {\"serviceName\": \"operator-b\"}}}]}";
    List<Span> spans = Collected.stdin(json).ok().spans;
    assertEquals(
        Set.of("operator-a", "operator-b"),
        spans.stream().map(Span::service).collect(Collectors.toSet()));
    assertEquals(2, spans.size());
  }

  @Test
  void twoFiles_sameIdsInOtherServices_everySpanDelivered_withItsFile(@TempDir Path dir)
      throws IOException {
    Path a = Files.writeString(dir.resolve("a.json"), otlp("operator-a"));
    Path b = Files.writeString(dir.resolve("b.json"), otlp("operator-b"));
    Collected c = Collected.read(ReadOptions.AUTO, a.toString(), b.toString()).ok();
    assertEquals(List.of(a.toString(), b.toString()), c.sources);
    assertEquals(List.of("operator-a", "operator-b"), c.spans.stream().map(Span::service).toList());
    assertEquals(List.of(1L, 1L), c.reports.stream().map(InputReport::spans).toList());
  }

  @Test
  void timestampCsvs_sameRowsInTwoFiles_neverShareIds(@TempDir Path dir) throws IOException {
    String rows = "reconcile_dates\n2024-05-01T12:00:00Z\n2024-05-01T12:00:05Z\n";
    Path a = Files.createDirectories(dir.resolve("a")).resolve("psmdb.csv");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("psmdb.csv");
    Files.writeString(a, rows, StandardCharsets.UTF_8);
    Files.writeString(b, rows, StandardCharsets.UTF_8);
    Collected c = Collected.read(ReadOptions.AUTO, a.toString(), b.toString()).ok();
    assertEquals(4, c.spans.size());
    assertEquals(2, ids(c.spans).size(), "one trace id family per file");
    assertNotEquals(c.spans.get(0).spanId(), c.spans.get(2).spanId());
  }

  @Test
  void logs_sameLinesInTwoFiles_neverShareIds(@TempDir Path dir) throws IOException {
    String log =
        """
        {"level":"debug","ts":"2024-05-01T12:00:00.000Z","msg":"Reconciling","controller":"c","namespace":"ns","name":"a","reconcileID":"1"}
        {"level":"debug","ts":"2024-05-01T12:00:00.100Z","msg":"Reconcile successful","controller":"c","namespace":"ns","name":"a","reconcileID":"1"}
        """;
    Path a = Files.writeString(dir.resolve("a.log"), log);
    Path b = Files.writeString(dir.resolve("b.log"), log);
    Collected c = Collected.read(ReadOptions.AUTO, a.toString(), b.toString()).ok();
    assertEquals(2, c.spans.size());
    assertEquals(2, ids(c.spans).size());
    assertEquals(List.of("a", "b"), c.spans.stream().map(Span::service).toList());
  }

  @Test
  void timestampCsvs_sameFileNameInTwoFolders_areTwoOperatorsNamedByTheirFolder(@TempDir Path dir)
      throws IOException {
    String rows = "reconcile_dates\n2024-05-01T12:00:00Z\n2024-05-01T12:00:05Z\n";
    Path a = Files.createDirectories(dir.resolve("a")).resolve("psmdb.csv");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("psmdb.csv");
    Path c = Files.createDirectories(dir.resolve("c")).resolve("other.csv");
    for (Path p : List.of(a, b, c)) {
      Files.writeString(p, rows, StandardCharsets.UTF_8);
    }
    Collected read =
        Collected.read(ReadOptions.AUTO, a.toString(), b.toString(), c.toString()).ok();
    assertEquals(
        List.of("a/psmdb", "a/psmdb", "b/psmdb", "b/psmdb", "other", "other"),
        read.spans.stream().map(Span::service).toList(),
        "never one stream of two files; a distinct name is left as it is");
  }

  @Test
  void fileOperators_takeAsManyParentFoldersAsMakeTheNamesDistinct() {
    assertEquals(
        java.util.Map.of("x/a/psmdb.csv", "x/a/psmdb", "y/a/psmdb.csv", "y/a/psmdb"),
        TraceInputs.fileOperators(List.of("x/a/psmdb.csv", "y/a/psmdb.csv", "z/only.csv")));
    assertEquals(
        java.util.Map.of(),
        TraceInputs.fileOperators(List.of("a/psmdb.csv", "a/psmdb.csv")),
        "the same file given twice is one name");
    assertEquals(
        java.util.Map.of(),
        TraceInputs.fileOperators(List.of("run/psmdb.otlp.json", "run/psmdb.log")),
        "no folder tells apart files in one folder: a log beside its trace keeps its own name");
    assertEquals(
        java.util.Map.of(
            "a/psmdb.log", "a/psmdb", "a/psmdb.json", "a/psmdb", "b/psmdb.log", "b/psmdb"),
        TraceInputs.fileOperators(List.of("a/psmdb.log", "a/psmdb.json", "b/psmdb.log")));
  }
}
