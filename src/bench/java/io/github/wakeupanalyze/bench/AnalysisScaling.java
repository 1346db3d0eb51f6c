package io.github.wakeupanalyze.bench;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.Analyzer;
import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Analysis cost against the number of reconciles: synthetic streams (100 objects, RequeueAfter 5 s
 * with 30 % Poisson events, 20–200 ms reconciles) of 10^4, 10^5 and 10^6 reconciles; prints the
 * best of three analysis times, so growth is visible (O(N log N) expected).
 *
 * <pre>java -cp target/bench/benchmarks.jar io.github.wakeupanalyze.bench.AnalysisScaling</pre>
 */
public final class AnalysisScaling {
  private AnalysisScaling() {}

  public static void main(String[] args) {
    int[] sizes = {10_000, 100_000, 1_000_000};
    for (int n : sizes) {
      List<Reconcile> rs = synthetic(n, 100, 42);
      double best = Double.MAX_VALUE;
      for (int r = 0; r < 4; r++) {
        long t0 = System.nanoTime();
        new Analyzer(AnalysisParameters.defaults())
            .analyze(rs, new long[0], rs.get(0).startNanos(), rs.get(rs.size() - 1).endNanos());
        double s = (System.nanoTime() - t0) / 1e9;
        if (r > 0) {
          best = Math.min(best, s);
        }
      }
      System.out.println(String.format(Locale.ROOT, "%d %.3f %.0f", n, best, n / best));
    }
  }

  /** Sorted by stream then start, as the extractor delivers them. */
  static List<Reconcile> synthetic(int n, int objects, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Reconcile> out = new ArrayList<>(n);
    int perObject = n / objects;
    long spanId = 1;
    for (int o = 0; o < objects; o++) {
      StreamKey key =
          new StreamKey(
              "bench-operator", "bench", "ns/obj-" + String.format(Locale.ROOT, "%05d", o));
      long t = 1_767_225_600_000_000_000L + rnd.nextLong(5_000_000_000L);
      for (int i = 0; i < perObject; i++) {
        long d = 20_000_000L + rnd.nextLong(180_000_000L);
        out.add(new Reconcile(key, 0, spanId, spanId, t, t + d, false, null, ApiCalls.NONE, 0));
        spanId++;
        long gap =
            rnd.nextDouble() < 0.3
                ? (long) (-Math.log(1 - rnd.nextDouble()) * 3e9)
                : 5_000_000_000L;
        t += d + gap;
      }
    }
    return out;
  }
}
