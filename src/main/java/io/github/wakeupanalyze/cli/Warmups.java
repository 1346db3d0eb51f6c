package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.analyze.EngineWarmup;
import io.github.wakeupanalyze.report.Warmup;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The warm-up of an analysis: the engine ({@link EngineWarmup}), then the report code ({@link
 * Warmup}), run once on made-up data in a low-priority daemon thread while a core is mostly idle
 * (the command line being built, the inputs being read), so that the real analysis and reports meet
 * loaded, compiled code. It writes nothing and changes no output.
 */
final class Warmups {
  private Warmups() {}

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  /** Starts the warm-up thread unless it already runs; returns at once. */
  static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              EngineWarmup.run();
              Warmup.run();
            },
            "wakeup-analyze-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /**
   * True when the process's arguments plainly ask for an analysis, so the warm-up may start before
   * the command line is even built: the first argument that is not an option is {@code analyze} or
   * an existing regular file ({@code wakeup-analyze trace.json}, {@code wakeup-analyze -q
   * trace.json}). Anything else waits for the analyze command itself to start it.
   */
  static boolean analysisAhead(String[] args) {
    for (String a : args) {
      if (a.startsWith("-")) {
        continue;
      }
      if (a.equals("analyze")) {
        return true;
      }
      try {
        return Files.isRegularFile(Path.of(a));
      } catch (InvalidPathException e) {
        return false;
      }
    }
    return false;
  }
}
