package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.report.OutputFolder;
import io.github.wakeupanalyze.testing.ChildJvm;
import io.github.wakeupanalyze.testing.DemoTrace;
import io.github.wakeupanalyze.testing.OtlpJson;
import io.github.wakeupanalyze.testing.OutputChecks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures a user meets outside the tool, with the packaged jar in a JVM of its own: out of memory
 * on the reading thread, on the extraction thread, in the analysis and in the reports, a full disk,
 * a read-only disk, and a second process writing into the same folder. Disk tests mount a small
 * tmpfs, which needs root and a kernel that allows it; elsewhere they are skipped with a message.
 */
class OutputFailuresIT {
  @TempDir Path dir;

  /** The documented out-of-memory line, up to the stage and the heap size. */
  static final Pattern OOM_LINE = oomLine("reading and analyzing the inputs");

  static Pattern oomLine(String stage) {
    return Pattern.compile(
        "wakeup-analyze: out of memory while "
            + Pattern.quote(stage)
            + " \\(\\d+ MB heap\\): the output under .* is partial: nothing was written, no"
            + " summary\\.json; give Java more memory, e\\.g\\. WAKEUP_ANALYZE_JAVA_OPTS=-Xmx4g"
            + " scripts/wakeup-analyze \\.\\.\\. or java -Xmx4g -jar wakeup-analyze\\.jar \\.\\.\\.");
  }

  Process start(String name, List<String> jvm, String... args) throws IOException {
    return ChildJvm.start(dir, name, ChildJvm.jarCommand(jvm, args));
  }

  ChildJvm.Result finish(String name, Process p) throws Exception {
    return ChildJvm.finish(dir, name, p, Duration.ofMinutes(5));
  }

  ChildJvm.Result java(String name, List<String> jvm, String... args) throws Exception {
    return ChildJvm.run(dir, name, ChildJvm.jarCommand(jvm, args), Duration.ofMinutes(5));
  }

  // ---- out of memory -------------------------------------------------------------------------

  @Test
  void outOfMemory_onTheExtractionThread_isTheDocumentedLine() throws Exception {
    Path csv = dir.resolve("reconciles.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      for (long i = 0; i < 2_000_000; i++) { // 2 M reconciles: far more than 40 MB can hold
        w.write(Long.toString(1_714_564_800L + 5 * i));
        w.write('\n');
      }
    }
    List<String> jvm = List.of("-Xmx40m", "-XX:+UseParallelGC");
    ChildJvm.Result r = java("oom-extract", jvm, csv.toString(), "--out", "out");
    assertEquals(ExitCodes.INTERNAL, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(OOM_LINE.matcher(r.errLines().get(0)).matches(), r.errLines().get(0));
    assertFalse(Files.exists(dir.resolve("out/summary.json")));

    ChildJvm.Result verbose =
        java("oom-extract-verbose", jvm, csv.toString(), "--out", "out", "--verbose");
    assertEquals(ExitCodes.INTERNAL, verbose.exit(), verbose.err());
    assertTrue(OOM_LINE.matcher(verbose.errLines().get(0)).matches(), verbose.err());
    assertTrue(
        verbose.err().contains("at io.github.wakeupanalyze.pipeline.HandOffSink"),
        "the error was raised on the extraction thread: " + verbose.err());
    assertFalse(verbose.err().contains("Self-suppression"), verbose.err());
  }

  @Test
  void outOfMemory_onTheReadingThread_isTheDocumentedLine() throws Exception {
    // one span whose name is 15 million characters: the JSON reader holds it whole
    Path json = dir.resolve("huge-name.json");
    Files.writeString(
        json, OtlpJson.service("op").span(1, 1, 0, "x".repeat(15_000_000), 0, 1).toJson());
    List<String> jvm = List.of("-Xmx32m", "-XX:+UseParallelGC");
    ChildJvm.Result r = java("oom-read", jvm, json.toString(), "--out", "out", "--verbose");
    assertEquals(ExitCodes.INTERNAL, r.exit(), r.err());
    assertTrue(OOM_LINE.matcher(r.errLines().get(0)).matches(), r.err());
    assertTrue(r.err().contains("at io.github.wakeupanalyze.ingest.OtlpJsonReader"), r.err());
    assertFalse(r.err().contains("HandOffSink.lambda"), "not the extraction thread: " + r.err());
    assertFalse(r.err().contains("internal error"), r.err());
  }

  /**
   * The analysis and the reports run on the pool's threads as well as the main one; an error there
   * reaches the command as itself. Half a million reconciles of one object: in a serial-collector
   * heap of about 112–122 MB the extraction completes and the analysis runs out, at about 125–160
   * MB the analysis completes and the unload tables of the reports run out (measured 2026-12-03;
   * the analysis is tried at three sizes inside its range, in case a JDK moves it a little).
   */
  @Test
  void outOfMemory_inTheAnalysis_andInTheReports_isTheDocumentedLine() throws Exception {
    Path csv = dir.resolve("reconciles.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      for (long i = 0; i < 500_000; i++) {
        w.write(Long.toString(1_714_564_800L + 5 * i));
        w.write('\n');
      }
    }
    String analysisFrame = null;
    for (int mb : new int[] {117, 113, 121}) {
      ChildJvm.Result r = oom(csv, mb, "reading and analyzing the inputs");
      analysisFrame = firstFrameOfOurs(r.err());
      if (analysisFrame.startsWith("io.github.wakeupanalyze.analyze.")) {
        break;
      }
    }
    assertTrue(
        analysisFrame.startsWith("io.github.wakeupanalyze.analyze."),
        "ran out in the analysis: " + analysisFrame);

    ChildJvm.Result reports = oom(csv, 145, "writing the reports");
    String frame = firstFrameOfOurs(reports.err());
    assertTrue(
        frame.startsWith("io.github.wakeupanalyze.unload.")
            || frame.startsWith("io.github.wakeupanalyze.report."),
        "ran out in the reports: " + frame);
  }

  /** A run at {@code mb} that must end in the out-of-memory line of {@code stage}. */
  private ChildJvm.Result oom(Path input, int mb, String stage) throws Exception {
    List<String> jvm = List.of("-Xmx" + mb + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    ChildJvm.Result r = java("oom-" + mb, jvm, input.toString(), "--out", "out" + mb, "--verbose");
    assertEquals(ExitCodes.INTERNAL, r.exit(), r.err());
    String line = r.errLines().get(0);
    assertTrue(oomLine(stage).matcher(line).matches(), mb + " MB: " + line);
    assertTrue(
        r.errLines().stream()
            .skip(1)
            .allMatch(
                l ->
                    l.startsWith("\t")
                        || l.startsWith("Caused by: ")
                        || l.startsWith("java.lang.OutOfMemoryError")),
        "after the one line only the stack trace --verbose asks for: " + r.err());
    assertFalse(r.err().contains("internal error"), r.err());
    assertFalse(Files.exists(dir.resolve("out" + mb).resolve("summary.json")));
    return r;
  }

  /**
   * The class and method of the innermost stack frame in our code, e.g. {@code ...Robust.median}.
   */
  private static String firstFrameOfOurs(String err) {
    return err.lines()
        .map(String::strip)
        .filter(l -> l.startsWith("at io.github.wakeupanalyze."))
        .map(l -> l.substring(3, l.indexOf('(')))
        .findFirst()
        .orElse("(no frame of ours in: " + err + ")");
  }

  // ---- a second process ----------------------------------------------------------------------

  @Test
  void secondProcess_isRefused_whileTheFirstWrites_theFirstCompletes() throws Exception {
    Process first = start("first", List.of(), "-", "--out", "out", "-q");
    Path lock = dir.resolve("out").resolve(OutputFolder.STATE).resolve("lock");
    String pid = Long.toString(first.pid());
    // the first run holds the lock from before it reads standard input, which stays open
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!(Files.exists(lock) && Files.readString(lock).strip().equals(pid))) {
      assertTrue(first.isAlive() && System.nanoTime() < deadline, "the first run took the lock");
      Thread.sleep(50);
    }
    ChildJvm.Result second = java("second", List.of(), "-", "--out", "out");
    assertEquals(ExitCodes.USAGE, second.exit(), second.err());
    assertEquals(
        List.of(
            "error: --out out: another wakeup-analyze run (process "
                + pid
                + ") is writing in this folder; wait for it to finish or choose another --out"),
        second.errLines());
    try (OutputStream in = first.getOutputStream()) {
      in.write(DemoTrace.build().toJson().getBytes(StandardCharsets.UTF_8));
    }
    ChildJvm.Result done = finish("first", first);
    assertEquals(0, done.exit(), done.err());
    assertTrue(Files.exists(dir.resolve("out/summary.json")));
    assertEquals(List.of(), OutputChecks.problems(dir.resolve("out")));
  }

  // ---- full and read-only disks --------------------------------------------------------------

  /** Mounts a tmpfs at {@code at}, or skips the test saying why it cannot. */
  static void mountTmpfs(Path at, String options) throws Exception {
    Files.createDirectories(at);
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    Assumptions.assumeTrue(
        ok, "skipped: cannot mount a tmpfs here (needs root and mount rights): " + out);
  }

  static void unmount(Path at) throws Exception {
    new ProcessBuilder("umount", at.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
  }

  @Test
  void fullDisk_isOneLine_exit5_andLeavesNoSummary() throws Exception {
    Path disk = dir.resolve("disk");
    mountTmpfs(disk, "size=1m");
    try {
      Path out = disk.resolve("out");
      Path small = dir.resolve("small.json");
      Files.writeString(small, OtlpJson.service("op").span(1, 1, 0, "Reconcile", 0, 0.1).toJson());
      ChildJvm.Result first =
          java("small", List.of(), small.toString(), "--out", out.toString(), "-q");
      assertEquals(0, first.exit(), first.err());
      assertTrue(Files.exists(out.resolve("summary.json")), "the first run fits");

      Path big = Path.of("sample-traces", "percona-mongodb.otlp.json").toAbsolutePath();
      ChildJvm.Result r = java("big", List.of(), big.toString(), "--out", out.toString(), "-q");
      assertEquals(ExitCodes.OUTPUT, r.exit(), r.err());
      List<String> lines = r.errLines();
      assertEquals(1, lines.size(), r.err());
      assertTrue(
          lines
              .get(0)
              .matches(
                  "error: cannot write "
                      + Pattern.quote(out.toString())
                      + "/\\S+: No space left on device; the output under "
                      + Pattern.quote(out.toString())
                      + " is partial: \\d+ complete files?, no summary\\.json"),
          lines.get(0));
      assertFalse(Files.exists(out.resolve("summary.json")), "the previous summary is gone too");
      try (Stream<Path> s = Files.walk(out)) {
        assertEquals(
            List.of(),
            s.filter(p -> p.getFileName().toString().endsWith(".wa-tmp")).toList(),
            "no temporary file is left");
      }
      assertEquals(List.of(), OutputChecks.problems(out), "every file there is whole");
    } finally {
      unmount(disk);
    }
  }

  @Test
  void readOnlyDisk_isABadOut_exit2_beforeAnyInputIsRead() throws Exception {
    Path disk = dir.resolve("ro");
    mountTmpfs(disk, "ro,size=64k");
    try {
      Path out = disk.resolve("out");
      ChildJvm.Result r = java("ro", List.of(), "-", "--out", out.toString());
      assertEquals(ExitCodes.USAGE, r.exit(), r.err());
      assertEquals(
          List.of("error: --out " + out + ": cannot create the folder: Read-only file system"),
          r.errLines());
      assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
    } finally {
      unmount(disk);
    }
  }
}
