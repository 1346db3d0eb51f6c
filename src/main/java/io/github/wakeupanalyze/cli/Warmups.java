package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.analyze.EngineWarmup;
import io.github.wakeupanalyze.report.Warmup;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The warm-up of an analysis: the engine ({@link EngineWarmup}), then the report code ({@link
 * Warmup}), run once on made-up data in a low-priority daemon thread while a core is mostly idle
 * (the inputs being read), so that the real analysis and reports meet loaded, compiled code. It
 * writes nothing and changes no output.
 */
final class Warmups {
  private Warmups() {}

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  /**
   * Starts the warm-up thread unless one was started in this process (a test may run several
   * commands in one); returns at once.
   */
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
}
