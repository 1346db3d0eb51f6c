package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real exports written by other projects, in ../shared/fixtures (not copied into this repository):
 * each is read without error, as the right format, with the span count its README gives. Skipped
 * with a message when the folder is absent.
 */
class FixturesConformanceTest {
  static final Path FIXTURES = Path.of("..", "shared", "fixtures");

  /** File → (format, spans), from ../shared/fixtures/README.md. */
  private static final Map<String, Object[]> EXPECTED =
      Map.ofEntries(
          Map.entry("otel-proto/trace.json", new Object[] {TraceFormat.OTLP_JSON, 1}),
          Map.entry("otel-proto/trace.protobuf-bin", new Object[] {TraceFormat.OTLP_PROTO, 1}),
          Map.entry(
              "otel-spec/file-exporter-traces.jsonl", new Object[] {TraceFormat.OTLP_JSON, 8}),
          Map.entry(
              "otel-spec/json-serialization-v0-traces.jsonl",
              new Object[] {TraceFormat.OTLP_JSON, 8}),
          Map.entry("jaeger/otlp2jaeger-in.json", new Object[] {TraceFormat.OTLP_JSON, 2}),
          Map.entry("jaeger/otlp2jaeger-out.json", new Object[] {TraceFormat.JAEGER_JSON, 2}),
          Map.entry("jaeger/ui_01.json", new Object[] {TraceFormat.JAEGER_JSON, 5}),
          Map.entry("zipkin/zipkin2-client.json", new Object[] {TraceFormat.ZIPKIN_JSON, 1}),
          Map.entry("zipkin/messaging.json", new Object[] {TraceFormat.ZIPKIN_JSON, 4}),
          Map.entry("otlp2parquet/traces.jsonl", new Object[] {TraceFormat.OTLP_JSON, 19}),
          Map.entry("otlp2parquet/traces.pb", new Object[] {TraceFormat.OTLP_PROTO, 19}));

  private static final String INVALID = "otlp2parquet/trace_invalid_kind.json";

  static void assumeFixtures() {
    assumeTrue(
        Files.isDirectory(FIXTURES),
        "../shared/fixtures is absent (expected beside the checkout): conformance tests skipped");
  }

  static Stream<Arguments> fixtures() throws IOException {
    if (!Files.isDirectory(FIXTURES)) {
      return Stream.of(Arguments.of("(none: ../shared/fixtures is absent)"));
    }
    try (Stream<Path> walk = Files.walk(FIXTURES)) {
      List<String> names =
          walk.filter(Files::isRegularFile)
              .map(p -> FIXTURES.relativize(p).toString().replace('\\', '/'))
              .filter(n -> !n.equals("README.md") && !n.equals(INVALID))
              .sorted()
              .toList();
      return names.stream().map(Arguments::of);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyFixture_readsWithItsSpanCount(String name) {
    assumeFixtures();
    Object[] expected = EXPECTED.get(name);
    assertTrue(
        expected != null, name + " is a fixture without an expected span count here: add it");
    InputReport r = Collected.read(FIXTURES.resolve(name)).report();
    assertNull(r.error(), r.error());
    assertEquals(expected[0], r.format(), name + ": format");
    assertEquals(((Integer) expected[1]).longValue(), r.spans(), name + ": spans");
  }

  @Test
  void invalidKindFixture_givesOneLineError() {
    assumeFixtures();
    String e = Collected.read(FIXTURES.resolve(INVALID)).error();
    assertTrue(e.startsWith(FIXTURES.resolve(INVALID) + ":24:23: "), e);
    assertTrue(e.contains("expected a span kind"), e);
    assertTrue(e.contains("SPAN_KIND_INVALID_TYPE"), e);
    assertFalse(e.contains("\n"), e);
  }

  @Test
  void fixturesFolder_readAsOneInput_skipsTheReadmeAndReportsTheInvalidFile() {
    assumeFixtures();
    Collected c = Collected.read(ReadOptions.AUTO, FIXTURES.toString());
    assertEquals(EXPECTED.size() + 2, c.reports.size(), "one report per file, README included");
    long spans = 0;
    for (InputReport r : c.reports) {
      if (r.path().endsWith("README.md")) {
        assertNull(r.error());
        assertTrue(r.wasSkipped(), r.toString());
      } else if (r.path().endsWith("trace_invalid_kind.json")) {
        assertTrue(r.failed());
      } else {
        assertNull(r.error(), r.error());
        spans += r.spans();
      }
    }
    assertEquals(EXPECTED.values().stream().mapToLong(v -> (Integer) v[1]).sum(), spans);
    assertEquals(
        c.reports.stream().map(InputReport::path).sorted().toList(),
        c.reports.stream().map(InputReport::path).toList(),
        "files in sorted order");
  }
}
