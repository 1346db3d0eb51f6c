package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.OtlpJson;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says about extraction: merged inputs, sampling, limits. */
class ExtractionOptionsTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            args, new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream());
    return new Run(exit, out.toString(), err.toString());
  }

  /** An operator that reconciles one object every 5 s for 100 s, ids numbered from 1. */
  static String operator(String service) {
    OtlpJson o = OtlpJson.service(service);
    for (int i = 0; i < 20; i++) {
      o.span(i + 1, i + 1, 0, "Reconcile", 5.0 * i, 5.0 * i + 0.02, "object.ref", "a");
    }
    return o.toJson();
  }

  @Test
  void twoInputsWithTheSameIds_fromTwoServices_areBothAnalyzed_withAWarning() throws Exception {
    Path a = Files.writeString(dir.resolve("a.json"), operator("operator-a"));
    Path b = Files.writeString(dir.resolve("b.json"), operator("operator-b"));
    Path out = dir.resolve("out");
    Run r = run(a.toString(), b.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("operator-a") && r.out().contains("operator-b"), r.out());
    assertTrue(
        r.err()
            .contains(
                "warning: 20 spans of operator-b have the trace and span ids of spans of"
                    + " operator-a: kept apart"),
        r.err());
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"id_collisions\" : 20"), summary);
  }

  @Test
  void samplingRatio_outsideZeroToOne_isAUsageError() {
    for (String bad : new String[] {"0", "1.5", "-0.1"}) {
      Run r = run("x.json", "--sampling-ratio", bad);
      assertEquals(ExitCodes.USAGE, r.exit(), bad);
      assertTrue(
          r.err().contains("Invalid value for option '--sampling-ratio': expected a probability"),
          r.err());
    }
  }
}
