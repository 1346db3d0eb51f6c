package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.chart.ChartStyle;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs on the same input write byte-identical files, PNG and PDF included. */
class DeterminismTest {
  @TempDir Path dir;

  @Test
  void reportsAndFigures_twoRuns_identicalBytes() throws Exception {
    for (String run : new String[] {"a", "b"}) {
      Pipeline.Result r = DemoAnalysis.demo(); // analyzed afresh each run
      ReportWriter.writeAll(
          dir.resolve(run).resolve("report"), "TEST", r.inputs(), r.extraction(), r.analysis());
      ThesisFigures.writeAll(
          dir.resolve(run).resolve("figures"),
          "TEST",
          r.analysis(),
          ChartStyle.print("Serif", 9, 340.16, 170.08));
    }
    List<Path> a = files(dir.resolve("a"));
    List<Path> b = files(dir.resolve("b"));
    assertEquals(a, b);
    assertTrue(a.size() > 40, "files: " + a.size());
    for (Path p : a) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(p)),
          Files.readAllBytes(dir.resolve("b").resolve(p)),
          p + " differs between runs");
    }
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
