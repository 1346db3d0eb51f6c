package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory grows with the number of reconciles, not with the size of the file: a trace of about 300
 * MB (OTLP JSON Lines, 10,000 objects) is analyzed, all reports written, by the packaged jar in a
 * JVM whose heap is 128 MB.
 */
class BoundedMemoryIT {
  @TempDir Path dir;

  @Test
  void input_largerThanTheHeap_isAnalyzedIn128MB() throws Exception {
    Path scenario = Path.of("scripts", "bench-scenarios", "cluster.yaml").toAbsolutePath();
    ChildJvm.Result sim =
        ChildJvm.run(
            dir,
            "simulate",
            ChildJvm.jarCommand(
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
            Duration.ofMinutes(5));
    assertEquals(0, sim.exit(), sim.err());
    Path trace = dir.resolve("big.otlp.jsonl");
    long size = Files.size(trace);
    assertTrue(size > 280_000_000L, "the input is about 300 MB: " + size);
    ChildJvm.Result r =
        ChildJvm.run(
            dir,
            "analyze",
            ChildJvm.jarCommand(
                List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"),
                trace.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--quiet"),
            Duration.ofMinutes(5));
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.size(dir.resolve("out/reconciles.csv")) > 1_000_000L);
    System.out.printf(
        "bounded memory: %.0f MB of OTLP JSON Lines analyzed with -Xmx128m%n", size / 1e6);
  }
}
