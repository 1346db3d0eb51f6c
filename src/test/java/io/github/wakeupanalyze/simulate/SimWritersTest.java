package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.wakeupanalyze.model.Ids;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every writer: the same scenario and seed give byte-identical files, and each file holds the
 * labelled reconciles (same ids and starts, at the format's resolution).
 */
class SimWritersTest {
  @TempDir Path dir;

  static Scenario percona() throws Exception {
    return ScenarioLoader.load(Path.of("sample-traces/scenarios/percona-mongodb.yaml"))
        .withDuration(3L * 60 * 1_000_000_000L);
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void sameScenarioAndSeed_giveIdenticalBytes(OutputFormat format) throws Exception {
    SimulationRun.Written a = SimulationRun.write(percona(), format, dir.resolve("a"), null);
    SimulationRun.Written b = SimulationRun.write(percona(), format, dir.resolve("b"), null);
    SimulationRun.Written c =
        SimulationRun.write(percona().withSeed(99), format, dir.resolve("c"), null);
    assertArrayEquals(Files.readAllBytes(a.trace()), Files.readAllBytes(b.trace()));
    assertArrayEquals(Files.readAllBytes(a.labels()), Files.readAllBytes(b.labels()));
    assertFalse(
        Files.readString(a.labels()).equals(Files.readString(c.labels())),
        "another seed gives another trace");
  }

  /** (trace id, span id, start) of the labelled reconciles, as the labels file gives them. */
  private static TreeSet<String> labelled(Path labels) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    List<String> lines = Files.readAllLines(labels);
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      out.add(f[0] + "," + f[1] + "," + f[2]);
    }
    return out;
  }

  @Test
  void otlpProto_singleMessage_holdsTheLabelledReconciles() throws Exception {
    SimulationRun.Written w = SimulationRun.write(percona(), OutputFormat.OTLP_PROTO, dir, null);
    TracesData td = TracesData.parseFrom(Files.readAllBytes(w.trace()));
    assertEquals(labelled(w.labels()), roots(td.getResourceSpansList()));
    assertEquals(w.spans(), count(td.getResourceSpansList()));
  }

  @Test
  void otlpProto_lengthPrefixed_holdsTheLabelledReconciles() throws Exception {
    SimulationRun.Written w =
        SimulationRun.write(percona(), OutputFormat.OTLP_PROTO_DELIMITED, dir, null);
    List<ResourceSpans> all = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(w.trace())))) {
      int messages = 0;
      while (in.available() > 0) {
        byte[] msg = new byte[in.readInt()];
        in.readFully(msg);
        all.addAll(TracesData.parseFrom(msg).getResourceSpansList());
        messages++;
      }
      assertTrue(messages > 1, "one message per batch: " + messages);
    }
    assertEquals(labelled(w.labels()), roots(all));
    assertEquals(w.spans(), count(all));
  }

  private static TreeSet<String> roots(List<ResourceSpans> rss) {
    TreeSet<String> out = new TreeSet<>();
    HexFormat hex = HexFormat.of();
    for (ResourceSpans rs : rss) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          if (s.getParentSpanId().isEmpty() && s.getName().equals("Reconcile")) {
            out.add(
                hex.formatHex(s.getTraceId().toByteArray())
                    + ","
                    + hex.formatHex(s.getSpanId().toByteArray())
                    + ","
                    + s.getStartTimeUnixNano());
          }
        }
      }
    }
    return out;
  }

  private static long count(List<ResourceSpans> rss) {
    return rss.stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .mapToLong(ScopeSpans::getSpansCount)
        .sum();
  }

  @Test
  void jaegerJson_holdsTheLabelledReconcilesInMicroseconds() throws Exception {
    SimulationRun.Written w = SimulationRun.write(percona(), OutputFormat.JAEGER_JSON, dir, null);
    TreeSet<String> roots = new TreeSet<>();
    long spans = 0;
    try (JsonParser p = new JsonFactory().createParser(w.trace().toFile())) {
      String traceId = null;
      String spanId = null;
      String op = null;
      long start = -1;
      boolean hasChildOf = false;
      int depth = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT) {
          depth++;
        } else if (t == JsonToken.END_OBJECT) {
          if (depth == 3 && spanId != null) { // root{ data[ trace{ spans[ span{
            spans++;
            if (!hasChildOf && op.equals("Reconcile")) {
              roots.add(traceId + "," + spanId + "," + start * 1000);
            }
            spanId = null;
            hasChildOf = false;
          }
          depth--;
        } else if (t == JsonToken.FIELD_NAME && depth == 3) {
          String f = p.currentName();
          p.nextToken();
          switch (f) {
            case "traceID" -> traceId = p.getText();
            case "spanID" -> spanId = p.getText();
            case "operationName" -> op = p.getText();
            case "startTime" -> start = p.getLongValue();
            case "references" -> {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().equals("CHILD_OF")) {
                  hasChildOf = true;
                }
              }
            }
            default -> p.skipChildren();
          }
        }
      }
    }
    assertEquals(labelled(w.labels()), roots);
    assertEquals(w.spans(), spans);
  }

  @Test
  void zipkinJson_isOneArrayOfAllSpans() throws Exception {
    SimulationRun.Written w = SimulationRun.write(percona(), OutputFormat.ZIPKIN_JSON, dir, null);
    List<String> lines = Files.readAllLines(w.trace());
    assertEquals("[", lines.get(0));
    assertEquals("]", lines.get(lines.size() - 1));
    assertEquals(w.spans(), lines.size() - 2);
    TreeSet<String> roots = new TreeSet<>();
    for (String l : lines.subList(1, lines.size() - 1)) {
      if (!l.contains("\"parentId\"") && l.contains("\"name\":\"Reconcile\"")) {
        String trace = l.replaceAll(".*\"traceId\":\"([0-9a-f]{32})\".*", "$1");
        String id = l.replaceAll(".*\"id\":\"([0-9a-f]{16})\".*", "$1");
        long ts = Long.parseLong(l.replaceAll(".*\"timestamp\":([0-9]+).*", "$1"));
        roots.add(trace + "," + id + "," + ts * 1000);
      }
    }
    assertEquals(labelled(w.labels()), roots);
  }

  @Test
  void timestampCsv_hasOneLinePerReconcileWithEnd() throws Exception {
    SimulationRun.Written w = SimulationRun.write(percona(), OutputFormat.CSV, dir, null);
    List<String> lines = Files.readAllLines(w.trace());
    assertEquals("start,end", lines.get(0));
    assertEquals(w.reconciles(), lines.size() - 1);
    assertTrue(
        lines.get(1).matches("2026-01-01T00:00:00\\.\\d{9}Z,2026-01-01T00:00:00\\.\\d{9}Z"),
        lines.get(1));
  }

  @Test
  void labels_haveTheDocumentedColumnsAndVocabulary() throws Exception {
    SimulationRun.Written w = SimulationRun.write(percona(), OutputFormat.OTLP_JSON, dir, null);
    List<String> lines = Files.readAllLines(w.labels());
    assertEquals(
        "trace_id,span_id,start_unix_nano,operator,controller,object,truth,cause,timer_period_s,"
            + "kept",
        lines.get(0));
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      assertEquals(10, f.length, l);
      assertEquals("true", f[9], l);
      assertTrue(f[0].matches("[0-9a-f]{32}") && f[1].matches("[0-9a-f]{16}"), l);
      assertTrue(f[6].equals("event") == f[8].isEmpty(), l);
      assertTrue(
          List.of("external-event", "self-write", "requeue", "resync", "error-retry")
              .contains(f[7]),
          l);
      assertEquals(
          f[6].equals("timer"), List.of("requeue", "resync", "error-retry").contains(f[7]));
    }
    assertEquals(Ids.hex(1L), "0000000000000001");
  }

  /** The Percona sample sampled at 0.1 by a sampler that writes {@code ot=th:e666}. */
  static Scenario sampled() throws Exception {
    Scenario s = percona();
    return s.withProduction(
        new Scenario.Production(
            new Scenario.Sampling(0.1, true, Scenario.SamplingRecord.TRACESTATE, Map.of()),
            0,
            Map.of()));
  }

  @ParameterizedTest
  @EnumSource(
      value = OutputFormat.class,
      names = {"OTLP_JSON", "OTLP_JSONL", "JAEGER_JSON", "ZIPKIN_JSON"})
  void tracestate_isWrittenOnEverySpan_inJsonFormats(OutputFormat format) throws Exception {
    SimulationRun.Written w = SimulationRun.write(sampled(), format, dir, null);
    String text = Files.readString(w.trace());
    String marker =
        switch (format) {
          case OTLP_JSON, OTLP_JSONL -> "\"traceState\":\"ot=th:e666\"";
          case JAEGER_JSON ->
              "\"key\":\"w3c.tracestate\",\"type\":\"string\",\"value\":\"ot=th:e666\"";
          default -> "\"w3c.tracestate\":\"ot=th:e666\"";
        };
    assertEquals(w.spans(), text.split(java.util.regex.Pattern.quote(marker), -1).length - 1);
    assertTrue(w.kept() < w.reconciles() / 5, w.kept() + " of " + w.reconciles());
    assertTrue(w.spans() > 0);
  }

  @Test
  void tracestate_isSpanField3_inProtobuf() throws Exception {
    SimulationRun.Written w = SimulationRun.write(sampled(), OutputFormat.OTLP_PROTO, dir, null);
    TracesData td = TracesData.parseFrom(Files.readAllBytes(w.trace()));
    List<Span> spans =
        td.getResourceSpansList().stream()
            .flatMap(r -> r.getScopeSpansList().stream())
            .flatMap(ss -> ss.getSpansList().stream())
            .toList();
    assertEquals(w.spans(), spans.size());
    assertTrue(spans.stream().allMatch(sp -> sp.getTraceState().equals("ot=th:e666")));
    assertEquals(3, Span.TRACE_STATE_FIELD_NUMBER);
  }

  @Test
  void sampledTimestampCsv_andLabels_keepEveryReconcile_markingTheOnesInTheTrace()
      throws Exception {
    SimulationRun.Written w = SimulationRun.write(sampled(), OutputFormat.CSV, dir, null);
    List<String> csv = Files.readAllLines(w.trace());
    List<String> labels = Files.readAllLines(w.labels());
    assertEquals(w.kept(), csv.size() - 1);
    assertEquals(w.reconciles(), labels.size() - 1);
    assertEquals(w.kept(), labels.stream().filter(l -> l.endsWith(",true")).count());
  }

  @Test
  void otlpJsonLines_splitTracesOverLinesWithChildrenFirst() throws Exception {
    SimulationRun.Written w = SimulationRun.write(percona(), OutputFormat.OTLP_JSONL, dir, null);
    List<String> lines = Files.readAllLines(w.trace());
    assertTrue(lines.size() > 10);
    int split = 0;
    for (int i = 1; i < lines.size(); i++) {
      // a trace whose last span (the root) is on the next line: its children came first
      String prevTail = lines.get(i - 1);
      int at = prevTail.lastIndexOf("\"traceId\":\"");
      String trace = prevTail.substring(at + 11, at + 43);
      if (lines.get(i).contains(trace)) {
        split++;
      }
    }
    assertTrue(split > 0, "some trace spans two lines");
    for (String l : lines) {
      assertTrue(l.startsWith("{\"resourceSpans\":[") && l.endsWith("]}"));
    }
  }
}
