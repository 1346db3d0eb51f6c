package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs and timestamp CSVs from the command line: {@code kubectl logs … | wakeup-analyze -} without
 * options, and folders whose other files are summed up in one line.
 */
class LogInputsCommandTest {
  private static final Path LOGS = Path.of("src/test/resources/logs");

  @TempDir Path dir;

  @Test
  void kubectlLogsOnStdin_justWorks() throws Exception {
    byte[] log = Files.readAllBytes(LOGS.resolve("controller-runtime/klog-kubectl-prefix.log"));
    Path out = dir.resolve("out");
    AnalyzeCommandTest.Run r =
        AnalyzeCommandTest.run(new ByteArrayInputStream(log), "-", "--out", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().contains("memcached-operator"), r.out());
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"format\" : \"log\""), summary);
  }

  @Test
  void folder_skippedFilesAreOneLine_namedWithVerbose_andShownAsSkippedInTheIndex()
      throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.copy(LOGS.resolve("josdk/slf4j-simple.log"), in.resolve("operator.log"));
    Files.writeString(in.resolve("README.md"), "# Exports\n\nOne file per day.\n");
    Files.writeString(in.resolve("SHA256SUMS"), "3f2a…  operator.log\n");
    Files.writeString(in.resolve("thesis.csv"), "reconsile_dates\n2024-05-01 12:00:00\n");
    Path out = dir.resolve("out");
    AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(in.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.err()
            .contains(
                "skipped 2 files in folders that hold no trace, timestamp CSV or operator log"
                    + " (--verbose names them)\n"),
        r.err());
    assertFalse(r.err().contains("README"), "names only with --verbose: " + r.err());
    assertFalse(r.err().contains(" 23 20 45 "), "no hex dump: " + r.err());
    String index = Files.readString(out.resolve("index.html"));
    assertTrue(index.contains("skipped: not a trace"), index);

    AnalyzeCommandTest.Run v =
        AnalyzeCommandTest.run(in.toString(), "--out", dir.resolve("v").toString(), "--verbose");
    assertTrue(v.err().contains("skipped 2 files in folders that hold no trace"), v.err());
    assertTrue(
        v.err().contains("  " + in.resolve("README.md") + ": not a trace, timestamp CSV"), v.err());
    AnalyzeCommandTest.Run q =
        AnalyzeCommandTest.run(in.toString(), "--out", dir.resolve("q").toString(), "-q");
    assertFalse(q.err().contains("skipped"), q.err());
  }

  @Test
  void logMatch_badRegex_isAUsageError() {
    AnalyzeCommandTest.Run r =
        AnalyzeCommandTest.run(LOGS.resolve("other/logfmt.log").toString(), "--log-match", "(");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(
        r.err().startsWith("Invalid value for option '--log-match': not a regular expression"),
        r.err());
  }

  @Test
  void logMatch_findsReconcilesInAPlainLog() throws Exception {
    Path out = dir.resolve("out");
    AnalyzeCommandTest.Run r =
        AnalyzeCommandTest.run(
            LOGS.resolve("other/logfmt.log").toString(),
            "--log-match",
            "reconcile started",
            "--out",
            out.toString(),
            "-q");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("logfmt"), r.out());
  }
}
