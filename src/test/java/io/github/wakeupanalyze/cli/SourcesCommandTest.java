package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wakeup-analyze sources}, run in-process on the bundled sample operator source. */
class SourcesCommandTest {
  static final String SAMPLE = "sample-traces/percona-mongodb-src";

  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            args,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void sampleOperator_tableCsvAndMarkdown_matchGoldenFiles() throws IOException {
    Path out = tmp.resolve("out");
    Run r = run("sources", SAMPLE, "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    Golden.assertMatches("sources/table.txt", r.out());
    Golden.assertMatches("sources/callsites.csv", Files.readString(out.resolve("callsites.csv")));
    Golden.assertMatches("sources/callsites.md", Files.readString(out.resolve("callsites.md")));
    assertFalse(Files.exists(out.resolve("callsites-tests.csv")), "no test code in the sample");
    Golden.assertNoStrays("sources", List.of("table.txt", "callsites.csv", "callsites.md"));
  }

  @Test
  void missingDir_isReported_exit3_andTheRestIsStillWritten() {
    Path out = tmp.resolve("out");
    Run r = run("sources", SAMPLE, tmp.resolve("nope").toString(), "--out", out.toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    assertTrue(r.err().contains("nope: no such file or directory"), r.err());
    assertTrue(Files.exists(out.resolve("callsites.csv")));
  }

  @Test
  void testSites_goToTheirOwnCsv() throws IOException {
    Path src = tmp.resolve("op");
    Files.createDirectories(src.resolve("ctl"));
    Files.writeString(
        src.resolve("ctl/x_test.go"),
        "package ctl\n\nimport (\n\t\"time\"\n\tctrl \"sigs.k8s.io/controller-runtime\"\n)\n\n"
            + "var r = ctrl.Result{RequeueAfter: 3 * time.Second}\n");
    Path out = tmp.resolve("out");
    Run r = run("sources", src.toString(), "--out", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("0 call sites (and 1 in tests)"), r.out());
    String tests = Files.readString(out.resolve("callsites-tests.csv"));
    assertTrue(tests.contains("ctl/x_test.go,8,go"), tests);
  }

  @Test
  void namesFromTheCode_areMadeSafe_inTheTableAndCsv() throws IOException {
    Path src = tmp.resolve("op");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("evil.go"),
        "package evil\n\nimport (\n\t\"time\"\n\tctrl \"sigs.k8s.io/controller-runtime\"\n)\n\n"
            + "func (r *R) Reconcile() (ctrl.Result, error) {\n"
            + "\tif x == \"=cmd|\u001b[31m\" {\n"
            + "\t\treturn ctrl.Result{RequeueAfter: time.Second}, nil\n\t}\n\treturn ctrl.Result{}, nil\n}\n");
    Path out = tmp.resolve("out");
    Run r = run("sources", src.toString(), "--out", out.toString(), "-q");
    assertFalse(r.out().contains("\u001b"), "no escape byte reaches the terminal");
    String csv = Files.readString(out.resolve("callsites.csv"));
    assertTrue(csv.contains("x == \"\"=cmd|?[31m\"\"\""), csv);
    assertFalse(csv.contains("\u001b"), "no escape byte in the CSV either");
    String md = Files.readString(out.resolve("callsites.md"));
    assertFalse(md.contains("\u001b"));
  }
}
