package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.ChildJvm;
import io.github.wakeupanalyze.testing.DemoTrace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: a separate JVM, real streams, real exit codes. */
class PackagedJarIT {
  @TempDir Path dir;

  static ChildJvm.Result java(Path cwd, String... args) throws Exception {
    return ChildJvm.run(cwd, "jar", ChildJvm.jarCommand(List.of(), args), Duration.ofMinutes(1));
  }

  @Test
  void jar_analyzesATrace_intoReportsSlashName() throws Exception {
    Files.writeString(dir.resolve("demo.json"), DemoTrace.build().toJson(), StandardCharsets.UTF_8);
    ChildJvm.Result r = java(dir, "demo.json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("demo-operator"), r.out());
    assertTrue(Files.isRegularFile(dir.resolve("reports/demo/summary.json")));
    assertTrue(Files.isRegularFile(dir.resolve("reports/demo/operators/demo-operator/report.md")));
  }

  @Test
  void jar_exitCodes_usage2_input3() throws Exception {
    assertEquals(2, java(dir, "--bogus").exit());
    ChildJvm.Result missing = java(dir, "missing.json");
    assertEquals(3, missing.exit());
    assertEquals(
        "error: missing.json: cannot read: no such file",
        missing.err().lines().findFirst().orElseThrow());
  }

  @Test
  void build_writesTheShellCompletionScriptAndManPages() throws Exception {
    Path target = ChildJvm.jar().getParent();
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
