package io.github.wakeupanalyze.simulate.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.SimSink;
import io.github.wakeupanalyze.simulate.SimSpan;
import io.github.wakeupanalyze.simulate.Simulator;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streaming protobuf writer: one {@code TracesData} of N ResourceSpans × M spans, the same
 * bytes whether a batch is held in memory or spilled to temporary files.
 */
class OtlpProtoWriterTest {
  /** One service, 1 s requeue over 20 objects: about 7,000 spans in 3 minutes. */
  private static Scenario oneService() throws Exception {
    return ScenarioLoader.parse(
        """
        duration: 3m
        operators:
          - service: bench-operator
            controllers:
              - name: c
                objects: 20
                maxConcurrentReconciles: 4
                requeueAfter: 1s
        """,
        "bench.yaml",
        "bench",
        null);
  }

  private static byte[] write(Scenario s, boolean delimited, int batch, int spill)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OtlpProtoWriter w = new OtlpProtoWriter(bytes, delimited, batch, spill)) {
      Simulator.run(
          s,
          new SimSink() {
            @Override
            public void reconcile(Label label, List<SimSpan> spans) throws IOException {
              w.reconcile(label, spans);
            }

            @Override
            public void other(List<SimSpan> spans) throws IOException {
              w.other(spans);
            }
          });
    }
    return bytes.toByteArray();
  }

  @Test
  void largeBatches_giveOneMessageOfFullResourceSpans() throws Exception {
    TracesData td = TracesData.parseFrom(write(oneService(), false, 1000, 8 << 20));
    List<Integer> sizes =
        td.getResourceSpansList().stream()
            .map(rs -> rs.getScopeSpansList().stream().mapToInt(ScopeSpans::getSpansCount).sum())
            .toList();
    assertTrue(sizes.size() >= 4, sizes.toString());
    for (int i = 0; i < sizes.size() - 1; i++) {
      assertEquals(1000, sizes.get(i), "every ResourceSpans but the last holds a full batch");
    }
    assertTrue(sizes.get(sizes.size() - 1) <= 1000);
  }

  @Test
  void spillingToTemporaryFiles_writesTheSameBytes() throws Exception {
    Scenario s = oneService();
    byte[] inMemory = write(s, false, 1000, 8 << 20);
    byte[] spilled = write(s, false, 1000, 4096);
    assertArrayEquals(inMemory, spilled);
    byte[] inMemoryDelimited = write(s, true, 1000, 8 << 20);
    assertArrayEquals(inMemoryDelimited, write(s, true, 1000, 4096));
  }

  @Test
  void bytes_areWhatTheGeneratedBuildersWouldWrite() throws Exception {
    byte[] streamed = write(oneService(), false, 700, 4096);
    TracesData parsed = TracesData.parseFrom(streamed);
    assertArrayEquals(parsed.toByteArray(), streamed);
    for (ResourceSpans rs : parsed.getResourceSpansList()) {
      assertEquals("bench-operator", rs.getResource().getAttributes(0).getValue().getStringValue());
    }
  }

  @Test
  void spillBuffer_leavesNoTemporaryFileBehind() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before = countSpillFiles(tmp);
    write(oneService(), false, 100_000, 1024);
    assertEquals(before, countSpillFiles(tmp));
  }

  private static long countSpillFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("wakeup-analyze-spans"))
          .count();
    }
  }
}
