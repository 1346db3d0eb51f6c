package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory grows with the number of reconciles, not with the size of the file: a trace of about 300
 * MB (OTLP JSON Lines, 10,000 objects) is analyzed, all reports written, by the packaged jar in a
 * JVM whose heap is 128 MB.
 */
class BoundedMemoryIT {
  @TempDir Path dir;

  static int java(Path cwd, List<String> jvm, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.add("-jar");
    cmd.add(
        Path.of(System.getProperty("wakeup.jar", "target/wakeup-analyze.jar"))
            .toAbsolutePath()
            .toString());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectOutput(cwd.resolve("stdout.txt").toFile())
            .redirectError(cwd.resolve("stderr.txt").toFile())
            .start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished within 5 minutes");
    return p.exitValue();
  }

  @Test
  void input_largerThanTheHeap_isAnalyzedIn128MB() throws Exception {
    Path scenario = Path.of("scripts", "bench-scenarios", "cluster.yaml").toAbsolutePath();
    assertEquals(
        0,
        java(
            dir,
            List.of(),
            "simulate",
            scenario.toString(),
            "--out",
            dir.toString(),
            "--name",
            "big",
            "--format",
            "otlp-jsonl",
            "--duration",
            "9m"),
        () -> read(dir.resolve("stderr.txt")));
    Path trace = dir.resolve("big.otlp.jsonl");
    long size = Files.size(trace);
    assertTrue(size > 280_000_000L, "the input is about 300 MB: " + size);
    int exit =
        java(
            dir,
            List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"),
            trace.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--quiet");
    assertEquals(0, exit, () -> read(dir.resolve("stderr.txt")));
    assertTrue(Files.size(dir.resolve("out/reconciles.csv")) > 1_000_000L);
    System.out.printf(
        "bounded memory: %.0f MB of OTLP JSON Lines analyzed with -Xmx128m%n", size / 1e6);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "(no stderr)";
    }
  }
}
