package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.DemoTrace;
import io.github.wakeupanalyze.testing.OtlpJson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: what a user types and what they get back. */
class AnalyzeCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.execute(args, new PrintWriter(out), new PrintWriter(err), stdin);
    return new Run(exit, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  Path demo() throws Exception {
    Path trace = dir.resolve("demo.json");
    Files.writeString(trace, DemoTrace.build().toJson());
    return trace;
  }

  @Test
  void analyzeIsTheDefaultCommand_printsTableAndWritesReports() throws Exception {
    Path out = dir.resolve("out");
    Run r = run(demo().toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("operator "), r.out());
    assertTrue(r.out().contains("demo-operator"), r.out());
    assertTrue(r.out().contains("5 s"), r.out());
    assertTrue(Files.exists(out.resolve("summary.json")));
    assertTrue(Files.exists(out.resolve("reconciles.csv")));
    assertTrue(Files.exists(out.resolve("operators/demo-operator/report.md")));
    assertTrue(Files.exists(out.resolve("operators/demo-operator/report.html")));
    assertTrue(Files.exists(out.resolve("index.html")));
    // summary, csv, index, and per operator report.md, report.html and a PNG and SVG per chart
    assertTrue(r.err().contains("wrote 16 files under " + out), r.err());
  }

  @Test
  void explicitAnalyze_sameAsDefault() throws Exception {
    Run a = run(demo().toString(), "--out", dir.resolve("a").toString(), "--quiet");
    Run b = run("analyze", demo().toString(), "--out", dir.resolve("b").toString(), "--quiet");
    assertEquals(a.out(), b.out());
    assertEquals(
        Files.readString(dir.resolve("a/summary.json")),
        Files.readString(dir.resolve("b/summary.json"))
            .replace(dir.resolve("b").toString(), dir.resolve("a").toString()));
    assertEquals("", b.err());
  }

  @Test
  void defaultOutputFolder_isReportsSlashInputName() {
    assertEquals("trace", AnalyzeCommand.defaultName(java.util.List.of("/x/trace.json.gz")));
    assertEquals("stdin", AnalyzeCommand.defaultName(java.util.List.of("-")));
    assertEquals("a-and-2-more", AnalyzeCommand.defaultName(java.util.List.of("a.json", "b", "c")));
  }

  @Test
  void stdin_isReadForDash() {
    byte[] json = DemoTrace.build().toJson().getBytes(StandardCharsets.UTF_8);
    Run r = run(new ByteArrayInputStream(json), "-", "--out", dir.resolve("o").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("event-operator"));
  }

  @Test
  void badInput_oneLineErrorExit3_otherInputsStillAnalyzed() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"01\"");
    Path out = dir.resolve("out");
    Run r = run(bad.toString(), demo().toString(), "--out", out.toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    String firstLine = r.err().lines().findFirst().orElseThrow();
    assertTrue(firstLine.startsWith("error: " + bad + ":1:"), firstLine);
    assertTrue(firstLine.contains("truncated JSON"), firstLine);
    assertEquals(
        "wrote 16 files under " + out + "; 1 of 2 inputs failed, so the results are partial",
        r.err().lines().reduce((a, b) -> b).orElseThrow(),
        "the closing line counts the failed inputs");
    assertTrue(r.out().contains("demo-operator"), "the good input is analyzed");
    assertTrue(Files.readString(out.resolve("summary.json")).contains("truncated JSON"));
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void onlyBadInputs_exit3_noReports() throws Exception {
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[] {0, 1, 2, 3, (byte) 0xff});
    Path out = dir.resolve("out");
    Run r = run(junk.toString(), "--out", out.toString());
    assertEquals(3, r.exit());
    assertEquals(
        List.of(
            "error: "
                + junk
                + ": offset 0: not a trace this tool reads: expected OTLP JSON or "
                + "protobuf, Jaeger JSON, Zipkin JSON, a timestamp CSV or an operator log; found bytes 00 01 02 03 ff",
            "nothing to analyze: 1 of 1 input failed"),
        r.err().lines().toList(),
        "one error line for the bad input, then the closing line");
    assertFalse(Files.exists(out), "a folder created for nothing is removed");
  }

  @Test
  void usageErrors_exit2() {
    assertEquals(2, run("--no-such-option", "x.json").exit());
    assertEquals(2, run("analyze").exit(), "INPUT is required");
    Run r = run("x.json", "--format", "yaml");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown format \"yaml\""), r.err());
    assertEquals(2, run("x.json", "--reconcile-span", "(").exit());
  }

  @Test
  void helpListsExitCodes_andVersionComesFromTheBuild() {
    Run help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("Exit codes:"), help.out());
    assertTrue(help.out().contains("3   an input is unreadable"), help.out());
    Run analyzeHelp = run("analyze", "--help");
    assertTrue(analyzeHelp.out().contains("--reconcile-span=REGEX"), analyzeHelp.out());
    Run v = run("--version");
    assertEquals(0, v.exit());
    assertTrue(v.out().matches("wakeup-analyze \\d+\\.\\d+\\.\\d+.*\\R"), v.out());
  }

  @Test
  void namesFromTheTrace_neverBecomeRawPathsOrMarkup() throws Exception {
    String evil = "../../<script>alert(1)</script>";
    Path trace = dir.resolve("evil.json");
    Files.writeString(
        trace,
        OtlpJson.service(evil.replace("\"", ""))
            .span(1, 1, 0, "Reconcile", 0, 1, "object.ref", "a|b`c")
            .span(2, 2, 0, "Reconcile", 6, 7, "object.ref", "a|b`c")
            .toJson());
    Path out = dir.resolve("out");
    Run r = run(trace.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    try (var files = Files.walk(dir)) {
      assertTrue(files.allMatch(p -> p.startsWith(dir)));
    }
    try (var ops = Files.list(out.resolve("operators"))) {
      Path opDir = ops.findFirst().orElseThrow();
      String name = opDir.getFileName().toString();
      assertTrue(name.matches("[a-z0-9._-]+"), name);
      String md = Files.readString(opDir.resolve("report.md"));
      assertFalse(md.contains("<script>"), md);
      assertTrue(md.contains("\\<script\\>"), md);
      assertTrue(md.contains("a\\|b\\`c"), md);
    }
  }

  @Test
  void columns_andCausesVocabulary_inReconcilesCsv() throws Exception {
    Path out = dir.resolve("out");
    run(demo().toString(), "--out", out.toString());
    var lines = Files.readAllLines(out.resolve("reconciles.csv"));
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "operator,controller,object,trace_id,span_id,"
                    + "start_unix_nano,end_unix_nano,trigger,cause,confidence,timer_period_s"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertTrue(f[7].equals("event") || f[7].equals("timer"), line);
      assertTrue(
          java.util.Set.of(
                  "external-event", "self-write", "requeue", "resync", "error-retry", "unknown")
              .contains(f[8]),
          line);
      double confidence = Double.parseDouble(f[9]);
      assertTrue(confidence >= 0 && confidence <= 1, line);
      assertEquals(f[7].equals("event"), f[10].isEmpty(), line);
    }
  }
}
