package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Runs the engine once on a small made-up controller and throws the result away, so that the real
 * analysis of a short run meets code the JIT compiler has already compiled.
 *
 * <p>A run of about a second analyses a few thousand reconciles in a few tenths of a second, most
 * of it interpreting and compiling the engine's loops for the first time. Reading the inputs leaves
 * one core mostly idle, and the command line calls {@link #run} there. The made-up controller is a
 * Percona-like one: {@value #OBJECTS} objects whose reconciles (about 0.1 s each, one write) are
 * re-run {@value #DELAY_SECONDS} s after each end, with one in ten started by a watch event
 * instead. It reads nothing and changes no output.
 */
public final class EngineWarmup {
  private EngineWarmup() {}

  static final int OBJECTS = 4;
  static final int PER_OBJECT = 300;
  static final long DELAY_SECONDS = 5;

  /**
   * Analyses the made-up controller.
   *
   * @return true when the analysis ran and found the made-up {@value #DELAY_SECONDS} s timer (the
   *     code paths of a real timer); false when it failed, which the real analysis will meet again
   */
  public static boolean run() {
    try {
      List<Reconcile> rs = reconciles();
      Analysis a =
          new Analyzer(AnalysisParameters.defaults())
              .analyze(rs, new long[0], rs.get(0).startNanos(), rs.get(rs.size() - 1).endNanos());
      return a.controllers().stream()
          .flatMap(c -> c.timers().stream())
          .anyMatch(t -> Math.abs(t.delaySeconds() - DELAY_SECONDS) < 0.01);
    } catch (RuntimeException e) {
      return false; // only a head start: the real analysis runs the same code and meets the same
    }
  }

  /** The made-up reconciles, sorted by object then start (seeded: the same every run). */
  static List<Reconcile> reconciles() {
    SplittableRandom rnd = new SplittableRandom(20_261_203);
    ApiCalls calls =
        new ApiCalls(
            new TreeMap<>(Map.of("GET", 2, "PATCH", 1)),
            List.of("/apis/example.com/v1/namespaces/default/widgets/w/status"));
    List<Reconcile> out = new ArrayList<>(OBJECTS * PER_OBJECT);
    long span = 1;
    for (int o = 0; o < OBJECTS; o++) {
      StreamKey key = new StreamKey("warm-up", "warm-up", "default/w-" + o);
      long t = 1_767_225_600_000_000_000L + rnd.nextLong(DELAY_SECONDS * 1_000_000_000L);
      for (int i = 0; i < PER_OBJECT; i++) {
        long d = 80_000_000L + rnd.nextLong(40_000_000L);
        out.add(new Reconcile(key, 0, span, span, t, t + d, false, null, calls, 0));
        span++;
        long gap =
            rnd.nextInt(10) == 0
                ? 1_000_000L + rnd.nextLong(DELAY_SECONDS * 1_000_000_000L) // a watch event
                : DELAY_SECONDS * 1_000_000_000L + rnd.nextLong(2_000_000L); // the timer
        t += d + gap;
      }
    }
    return out;
  }
}
