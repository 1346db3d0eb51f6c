package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.report.OutputFolder;
import io.github.wakeupanalyze.testing.DemoTrace;
import io.github.wakeupanalyze.testing.OtlpJson;
import io.github.wakeupanalyze.testing.OutputChecks;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves in its output folder and on the terminal, whatever the folder and the names in
 * the trace: the command line, in-process.
 */
class OutputContractTest {
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

  /** Standard input that fails the test if anything reads it. */
  static final InputStream MUST_NOT_READ =
      new InputStream() {
        @Override
        public int read() {
          throw new AssertionError("an input was read although --out cannot be used");
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return read();
        }
      };

  /** A trace with 12 timer-driven reconciles per operator, on one object each. */
  Path trace(String object, String... operators) throws IOException {
    OtlpJson o = null;
    int trace = 1;
    for (String op : operators) {
      o = o == null ? OtlpJson.service(op) : o.and(op);
      for (int i = 0; i < 12; i++, trace++) {
        o.span(trace, trace, 0, "Reconcile", i * 5.1, i * 5.1 + 0.1, "object.ref", object);
      }
    }
    Path p = dir.resolve("trace-" + trace + ".json");
    Files.writeString(p, o.toJson());
    return p;
  }

  static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.startsWith(OutputFolder.STATE))
          .sorted()
          .toList();
    }
  }

  @Test
  void twoConcurrentRuns_secondIsRefused_firstCompletesConsistent() throws Exception {
    Path out = dir.resolve("out");
    PipedOutputStream feed = new PipedOutputStream();
    CountDownLatch reading = new CountDownLatch(1);
    InputStream stdin =
        new PipedInputStream(feed, 1 << 16) {
          @Override
          public synchronized int read(byte[] b, int off, int len) throws IOException {
            reading.countDown(); // the first run holds the folder and waits for its input
            return super.read(b, off, len);
          }
        };
    CompletableFuture<Run> first =
        CompletableFuture.supplyAsync(() -> run(stdin, "-", "--out", out.toString(), "-q"));
    assertTrue(reading.await(60, TimeUnit.SECONDS), "the first run started reading");

    Run second = run(MUST_NOT_READ, "-", "--out", out.toString());
    assertEquals(ExitCodes.USAGE, second.exit());
    List<String> lines = second.err().lines().toList();
    assertEquals(1, lines.size(), second.err());
    assertTrue(
        lines
            .get(0)
            .matches(
                "error: --out "
                    + java.util.regex.Pattern.quote(out.toString())
                    + ": another wakeup-analyze run \\(process \\d+\\) is writing in this folder; "
                    + "wait for it to finish or choose another --out"),
        lines.get(0));

    feed.write(DemoTrace.build().toJson().getBytes(StandardCharsets.UTF_8));
    feed.close();
    Run done = first.get(120, TimeUnit.SECONDS);
    assertEquals(0, done.exit(), done.err());
    assertEquals(List.of(), OutputChecks.problems(out));
    String index = Files.readString(out.resolve("index.html"));
    for (String op : List.of("demo-operator", "event-operator")) {
      assertTrue(index.contains("operators/" + op + "/report.html"), index);
      assertTrue(Files.exists(out.resolve("operators/" + op + "/report.html")));
    }
  }

  @Test
  void out_isAFile_oneLineExit2_noInputRead() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Run r = run(MUST_NOT_READ, "-", "--out", file.toString());
    assertEquals(ExitCodes.USAGE, r.exit());
    assertEquals(
        List.of("error: --out " + file + ": is a file, not a folder"), r.err().lines().toList());
    assertEquals("x", Files.readString(file));
  }

  @Test
  void out_underAFile_oneLineExit2_namingTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Path out = file.resolve("reports");
    Run r = run(MUST_NOT_READ, "-", "--out", out.toString());
    assertEquals(ExitCodes.USAGE, r.exit());
    assertEquals(
        List.of(
            "error: --out "
                + out
                + ": cannot create the folder: "
                + file
                + " is a file, not a folder"),
        r.err().lines().toList());
  }

  @Test
  void figuresCompareAndSources_checkTheirOutTheSameWay() throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Run s = run("sources", dir.toString(), "--out", file.toString());
    assertEquals(ExitCodes.USAGE, s.exit(), s.err());
    assertEquals(
        List.of("error: --out " + file + ": is a file, not a folder"), s.err().lines().toList());
    Run f = run(MUST_NOT_READ, "figures", "-", "--out", file.toString());
    assertEquals(ExitCodes.USAGE, f.exit(), f.err());
    assertEquals(1, f.err().lines().count(), f.err());
    Run c = run(MUST_NOT_READ, "compare", "-", "x.json", "--out", file.toString());
    assertEquals(ExitCodes.USAGE, c.exit(), c.err());
    assertEquals(1, c.err().lines().count(), c.err());
  }

  @Test
  void collidingOperatorNames_getTwoFolders_andEveryCountedFileExists() throws Exception {
    String op = "Op";
    String lookalike = Names.slug(op); // "op-0ab06d24"
    Path out = dir.resolve("out");
    Run r = run(trace("ns/a", op, lookalike).toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    try (Stream<Path> s = Files.list(out.resolve("operators"))) {
      assertEquals(2, s.count(), "one folder per operator");
    }
    String index = Files.readString(out.resolve("index.html"));
    for (Path f :
        List.of(
            out.resolve("operators").resolve(lookalike),
            out.resolve("operators").resolve(Names.slug(lookalike)))) {
      assertTrue(Files.isDirectory(f), f.toString());
      assertTrue(index.contains("operators/" + f.getFileName() + "/report.html"), index);
    }
    int counted = Integer.parseInt(r.err().replaceAll("(?s).*wrote (\\d+) files.*", "$1"));
    assertEquals(files(out).size(), counted, "the closing line counts the files that exist");
  }

  @Test
  void windowsDeviceNames_neverBecomeFolders() throws Exception {
    Path out = dir.resolve("out");
    Run r = run(trace("ns/a", "aux", "nul", "con.txt").toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    try (Stream<Path> s = Files.list(out.resolve("operators"))) {
      for (Path p : s.toList()) {
        assertFalse(Names.isWindowsReserved(p.getFileName().toString()), p.toString());
      }
    }
  }

  @Test
  void plantedSymlink_isNotFollowed_oneLineExit5_noSummary() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(out.resolve("operators"), outside);
    Run r = run(trace("ns/a", "op").toString(), "--out", out.toString());
    assertEquals(ExitCodes.OUTPUT, r.exit(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertEquals(
        "error: cannot write "
            + out.resolve("operators")
            + ": is a symbolic link; refusing to follow it; the output under "
            + out
            + " is partial: 1 complete file, no summary.json",
        lines.get(0));
    assertEquals(List.of(), files(outside), "nothing lands outside the output folder");
    assertFalse(Files.exists(out.resolve("summary.json")));
  }

  @Test
  void staleOperatorFolder_isRemovedByTheNextRun_userFilesStay() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(
        0, run(trace("ns/a", "alpha", "beta").toString(), "--out", out.toString(), "-q").exit());
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertEquals(0, run(trace("ns/a", "alpha").toString(), "--out", out.toString(), "-q").exit());
    assertFalse(Files.exists(out.resolve("operators/beta")), "beta is gone from the trace");
    assertTrue(Files.exists(out.resolve("operators/alpha/report.md")));
    assertEquals("mine", Files.readString(out.resolve("notes.txt")));
  }

  @Test
  void formulaNames_areNeutralized_inEveryCsv() throws Exception {
    String formula = "=cmd|' /C calc'!A0";
    Path t = trace("@SUM(A1)", formula);
    Path out = dir.resolve("out");
    assertEquals(0, run(t.toString(), "--out", out.toString(), "-q").exit());
    List<String> rows = Files.readAllLines(out.resolve("reconciles.csv"));
    assertTrue(rows.get(1).startsWith("'=cmd|' /C calc'!A0,"), rows.get(1));
    assertTrue(rows.get(1).contains(",'@SUM(A1),"), rows.get(1));
    for (String row : rows.subList(1, rows.size())) {
      assertFalse(row.startsWith("="), row);
      assertFalse(row.contains(",=") || row.contains(",@") || row.contains(",+"), row);
    }
    Path figures = dir.resolve("figures");
    assertEquals(0, run("figures", t.toString(), "--out", figures.toString(), "-q").exit());
    try (Stream<Path> s = Files.walk(figures)) {
      for (Path csv : s.filter(p -> p.toString().endsWith("series.csv")).toList()) {
        for (String row : Files.readAllLines(csv)) {
          for (String cell : row.split(",", -1)) {
            assertFalse(cell.startsWith("=") || cell.startsWith("@"), csv + ": " + row);
          }
        }
      }
    }
  }

  @Test
  void controlCharactersInNames_neverReachTheTerminal_norBreakXml() throws Exception {
    String evil = "obj\u001b[2J\u0007\u0001\u0085\u202eend";
    Path t = trace(evil, "op\u001b]0;pwned\u0007\u0085");
    Path out = dir.resolve("out");
    Run r = run(t.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(), OutputChecks.problems(out), "SVG and HTML stay well-formed");
    for (String s : List.of(r.out(), r.err())) {
      assertFalse(s.contains("\u001b") || s.contains("\u0007"), s);
    }
    for (String f : files(out)) { // cat FILE is safe too: JSON escapes them, the others replace
      if (f.endsWith(".png")) {
        continue;
      }
      String text = Files.readString(out.resolve(f), StandardCharsets.UTF_8);
      assertEquals(-1, text.indexOf('\u001b'), f + " holds ESC");
      assertEquals(-1, text.indexOf('\u0007'), f + " holds BEL");
      assertEquals(-1, text.indexOf('\u0085'), f + " holds a C1 control");
    }
    assertTrue(
        Files.readString(out.resolve("summary.json")).contains("op\\u001B]0;pwned\\u0007\\u0085"),
        "summary.json keeps the name, escaped");
  }

  @Test
  void escInAnInputError_neverReachesStderr() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad, OtlpJson.service("op").span(1, 1, 0, "Re\u001b[31mconcile\u0007", 10, 5).toJson());
    Run r = run(bad.toString(), "--out", dir.resolve("out").toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    assertFalse(r.err().contains("\u001b") || r.err().contains("\u0007"), r.err());
    Run usage = run("--no-such-\u001b[31moption", "x");
    assertEquals(ExitCodes.USAGE, usage.exit());
    assertFalse(usage.err().contains("\u001b"), usage.err());
  }

  @Test
  void longNames_areShortenedEverywhere_keptWholeOnceInSummary() throws Exception {
    String object = "ns/" + "o".repeat(20_000);
    String operator = "operator-" + "p".repeat(10_000);
    Path out = dir.resolve("out");
    Run r = run(trace(object, operator).toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().length() < 2000, "the table holds the short name");
    long total = 0;
    for (String f : files(out)) {
      String text = Files.readString(out.resolve(f), StandardCharsets.ISO_8859_1);
      total += text.length();
      int once = f.equals("summary.json") ? 1 : 0;
      assertEquals(once, count(text, object), f + ": copies of the full object name");
      assertEquals(once, count(text, operator), f + ": copies of the full operator name");
    }
    assertTrue(total < 1_000_000, "the output does not grow with the names: " + total);
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"long_names\""), summary.substring(0, 200));
    assertEquals(List.of(), OutputChecks.problems(out));
  }

  @Test
  void maxOperators_limitsTheFolders_theRestAreListedWithANote() throws Exception {
    Path out = dir.resolve("out");
    Run r =
        run(
            trace("ns/a", "a-op", "b-op", "c-op").toString(),
            "--out",
            out.toString(),
            "--max-operators",
            "2");
    assertEquals(0, r.exit(), r.err());
    try (Stream<Path> s = Files.list(out.resolve("operators"))) {
      assertEquals(2, s.count());
    }
    String index = Files.readString(out.resolve("index.html"));
    assertTrue(index.contains("c-op"), "every operator is listed");
    assertFalse(index.contains("operators/c-op/"), "but the third has no page");
    assertTrue(
        index.contains("the other 1 are in this table, summary.json and reconciles.csv"), index);
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"c-op\""));
    assertTrue(Files.readString(out.resolve("reconciles.csv")).contains("\nc-op,"));
    assertEquals(2, run("x", "--max-operators", "-1").exit());
  }

  @Test
  void maxOperators_limitsTheFigures_headlineListsEveryOperator() throws Exception {
    Path out = dir.resolve("figures");
    Run r =
        run(
            "figures",
            trace("ns/a", "a-op", "b-op", "c-op").toString(),
            "--out",
            out.toString(),
            "--max-operators",
            "1");
    assertEquals(0, r.exit(), r.err());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(
          List.of("a-op", "headline.tex"),
          s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList(),
          "figures for the first operator only");
    }
    String headline = Files.readString(out.resolve("headline.tex"));
    assertTrue(headline.contains("c-\\allowbreak{}op"), "every operator in the table: " + headline);
    assertTrue(
        r.err().contains("warning: figures for the 1 of 3 operators with the most reconciles"),
        r.err());
  }

  @Test
  void eventsFileWithoutATime_isAnError() throws Exception {
    Path events = Files.writeString(dir.resolve("events.csv"), "reconcile_dates\n");
    Run r =
        run(
            trace("ns/a", "op").toString(),
            "--events",
            events.toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    assertEquals(
        List.of(
            "error: "
                + events
                + ": no event time in the file: expected one time per line "
                + "(ISO-8601 or unix time), optionally after a header line"),
        r.err().lines().toList());
  }

  @Test
  void oneLinePerBadInput_andTheClosingLineCountsThem() throws Exception {
    Path a = Files.writeString(dir.resolve("a.json"), "{\"resourceSpans\":[");
    Path b = Files.write(dir.resolve("b.bin"), new byte[] {0, 1, 2});
    Path good = trace("ns/a", "op");
    Path out = dir.resolve("out");
    Run r = run(a.toString(), b.toString(), good.toString(), "--out", out.toString(), "-q");
    assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    List<String> lines = r.err().lines().toList();
    assertEquals(3, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("error: " + a + ":"), lines.get(0));
    assertTrue(lines.get(1).startsWith("error: " + b + ":"), lines.get(1));
    assertTrue(
        lines.get(2).endsWith("; 2 of 3 inputs failed, so the results are partial"), lines.get(2));
  }

  /** Non-overlapping occurrences of {@code part} in {@code s}. */
  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
