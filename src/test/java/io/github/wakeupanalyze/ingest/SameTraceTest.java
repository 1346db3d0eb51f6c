package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.extract.ReconcileExtractor;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One operator trace written in every format ({@link SameTraceFiles}) reads as the same spans and
 * gives the same reconciles.
 */
class SameTraceTest {
  private static final String REFERENCE = "trace.pb";

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("trace.otlp.json", TraceFormat.OTLP_JSON, true),
        Arguments.of("trace.otlp.jsonl", TraceFormat.OTLP_JSON, true),
        Arguments.of("trace.pb", TraceFormat.OTLP_PROTO, true),
        Arguments.of("trace.framed.pb", TraceFormat.OTLP_PROTO, true),
        Arguments.of("trace.jaeger.json", TraceFormat.JAEGER_JSON, true),
        Arguments.of("trace.zipkin.json", TraceFormat.ZIPKIN_JSON, false));
  }

  private static List<Span> spans(String file, boolean keepLinks) {
    Collected c = Collected.read(SameTraceFiles.FOLDER.resolve(file)).ok();
    return c.spans.stream()
        .map(s -> keepLinks ? s : withoutLinks(s))
        .sorted(
            Comparator.comparingLong(Span::traceIdHigh)
                .thenComparingLong(Span::traceIdLow)
                .thenComparingLong(Span::spanId))
        .toList();
  }

  private static Span withoutLinks(Span s) {
    return new Span(
        s.service(),
        s.scope(),
        s.traceIdHigh(),
        s.traceIdLow(),
        s.spanId(),
        s.parentSpanId(),
        s.name(),
        s.kind(),
        s.startNanos(),
        s.endNanos(),
        s.error(),
        s.attributes(),
        List.of(),
        s.traceState());
  }

  private static List<Reconcile> reconciles(String file) {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    TraceInputs.readAll(
        List.of(SameTraceFiles.FOLDER.resolve(file).toString()),
        ReadOptions.AUTO,
        java.io.InputStream.nullInputStream(),
        x);
    return x.finish().reconciles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void everyFormat_givesTheSameSpansAndReconciles(
      String file, TraceFormat format, boolean hasLinks) {
    assertEquals(
        format,
        Collected.read(SameTraceFiles.FOLDER.resolve(file)).report().format(),
        "detected format");
    assertEquals(spans(REFERENCE, hasLinks), spans(file, hasLinks), file + ": spans");
    assertEquals(reconciles(REFERENCE), reconciles(file), file + ": reconciles");
  }

  @Test
  void reference_isTheOperatorTraceTheFilesDescribe() {
    List<Span> spans = spans(REFERENCE, true);
    assertEquals(9, spans.size());
    Span reconcileA =
        spans.stream().filter(s -> s.spanId() == 0xa100000000000001L).findFirst().orElseThrow();
    assertEquals(SameTraceFiles.SERVICE, reconcileA.service());
    assertEquals(SameTraceFiles.SCOPE, reconcileA.scope());
    assertEquals(1, reconcileA.kind());
    assertFalse(reconcileA.hasParent());
    assertEquals(SameTraceFiles.T0, reconcileA.startNanos());
    assertEquals(SameTraceFiles.T0 + 40_000_000, reconcileA.endNanos());
    assertEquals(
        List.of(new SpanLink(0xe5a0e2a1d2c3b4a5L, 0x968778695a4b3c2dL, 0xc0ffee0000000001L)),
        reconcileA.links());
    Span get =
        spans.stream().filter(s -> s.spanId() == 0xa100000000000003L).findFirst().orElseThrow();
    assertEquals(0xa100000000000002L, get.parentSpanId());
    assertEquals(3, get.kind());
    assertEquals("200", get.attribute("http.response.status_code"));
    assertEquals("true", get.attribute("cache.hit"));
    Span conflict =
        spans.stream().filter(s -> s.spanId() == 0xb200000000000003L).findFirst().orElseThrow();
    assertTrue(conflict.error());
    assertEquals("0.5", conflict.attribute("retry.backoff_s"));
    assertEquals(2, spans.stream().filter(Span::error).count());

    List<Reconcile> r = reconciles(REFERENCE);
    assertEquals(3, r.size(), r.toString());
    assertEquals("mongodb/cluster-a", r.get(0).key().object());
    assertEquals("psmdb-controller", r.get(0).key().controller());
    assertEquals(Map.of("GET", 1, "PATCH", 1), r.get(0).calls().byMethod());
    assertEquals(
        List.of(
            "/apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/"
                + "cluster-a/status"),
        r.get(0).calls().writeTargets());
    assertEquals("mongodb/cluster-b", r.get(2).key().object());
    assertTrue(r.get(2).error());
  }

  @Test
  void jsonLines_putChildrenBeforeParents() throws IOException {
    List<String> lines = Files.readAllLines(SameTraceFiles.FOLDER.resolve("trace.otlp.jsonl"));
    assertEquals(9, lines.size());
    assertTrue(lines.get(0).contains("\"name\":\"GET\""), lines.get(0));
    assertTrue(lines.get(8).contains("\"name\":\"Reconcile\""), lines.get(8));
  }

  @Test
  void sameTraceFiles_areWhatTheGeneratorWrites() throws IOException {
    if (Boolean.getBoolean("wakeup.regenerate")) {
      SameTraceFiles.main(new String[0]);
    }
    Map<String, byte[]> expected = SameTraceFiles.files();
    for (var e : expected.entrySet()) {
      Path p = SameTraceFiles.FOLDER.resolve(e.getKey());
      assertTrue(Files.exists(p), p + " is missing: run with -Dwakeup.regenerate=true");
      assertArrayEquals(
          e.getValue(),
          Files.readAllBytes(p),
          p + " differs from SameTraceFiles: run with -Dwakeup.regenerate=true and review");
    }
    try (Stream<Path> list = Files.list(SameTraceFiles.FOLDER)) {
      TreeSet<String> present = new TreeSet<>(list.map(p -> p.getFileName().toString()).toList());
      assertEquals(new TreeSet<>(expected.keySet()), present, "stray files in the folder");
    }
  }
}
