package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.DemoTrace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: a separate JVM, real streams, real exit codes. */
class PackagedJarIT {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  static Result java(Path cwd, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("wakeup.jar", "target/wakeup-analyze.jar")));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectOutput(cwd.resolve("stdout.txt").toFile())
            .redirectError(cwd.resolve("stderr.txt").toFile())
            .start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the jar finished within a minute");
    return new Result(
        p.exitValue(),
        Files.readString(cwd.resolve("stdout.txt")),
        Files.readString(cwd.resolve("stderr.txt")));
  }

  @Test
  void jar_analyzesATrace_intoReportsSlashName() throws Exception {
    Files.writeString(dir.resolve("demo.json"), DemoTrace.build().toJson(), StandardCharsets.UTF_8);
    Result r = java(dir, "demo.json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("demo-operator"), r.out());
    assertTrue(Files.isRegularFile(dir.resolve("reports/demo/summary.json")));
    assertTrue(Files.isRegularFile(dir.resolve("reports/demo/operators/demo-operator/report.md")));
  }

  @Test
  void jar_exitCodes_usage2_input3() throws Exception {
    assertEquals(2, java(dir, "--bogus").exit());
    Result missing = java(dir, "missing.json");
    assertEquals(3, missing.exit());
    assertEquals(
        "error: missing.json: cannot read: no such file",
        missing.err().lines().findFirst().orElseThrow());
  }

  @Test
  void build_writesTheShellCompletionScriptAndManPages() throws Exception {
    Path target =
        Path.of(System.getProperty("wakeup.jar", "target/wakeup-analyze.jar")).getParent();
    String completion = Files.readString(target.resolve("wakeup-analyze_completion"));
    assertTrue(completion.contains("complete -F _complete_wakeup-analyze"), "a bash completion");
    assertTrue(completion.contains("--fail-on"), "completes compare's options");
    for (String page :
        List.of("wakeup-analyze", "wakeup-analyze-analyze", "wakeup-analyze-compare")) {
      String man = Files.readString(target.resolve("man").resolve(page + ".1"));
      assertTrue(
          man.contains(".TH \"" + page.toUpperCase(java.util.Locale.ROOT).replace("-", "\\-")),
          page);
    }
  }
}
