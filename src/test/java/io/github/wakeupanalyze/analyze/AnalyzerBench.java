package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Reconcile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Timings of the engine on 10⁶ reconciles, printed, not asserted (shared CI machines vary). Run
 * {@code mvn test -Dtest=AnalyzerBench}, or {@code main}.
 */
class AnalyzerBench {
  public static void main(String[] args) {
    new AnalyzerBench().millionReconciles();
  }

  static List<Reconcile> build(int streams, int perStream, long seed) {
    List<Reconcile> all = new ArrayList<>(streams * perStream);
    for (int i = 0; i < streams; i++) {
      Timelines.Spec spec =
          (i % 3 == 0
                  ? Timelines.spec().period(0).poisson(0.5)
                  : i % 3 == 1
                      ? Timelines.spec().eventShare(0.5).jitter(0.05)
                      : Timelines.spec().queue(Timelines.Queue.EARLIEST).eventShare(0.3))
              .n(perStream)
              .object(String.format("ns/obj-%05d", i));
      all.addAll(Timelines.generate(spec, seed + i).reconciles());
    }
    return all;
  }

  @Test
  void millionReconciles() {
    for (int[] shape : new int[][] {{1000, 1000}, {10, 100_000}, {1, 1_000_000}}) {
      List<Reconcile> rs = build(shape[0], shape[1], 42);
      Analyzer a = new Analyzer(AnalysisParameters.defaults());
      a.analyze(rs.subList(0, Math.min(rs.size(), 20_000)), new long[0], 0, 1); // warm-up
      long t = System.nanoTime();
      Analysis r =
          a.analyze(rs, new long[0], rs.get(0).startNanos(), rs.get(rs.size() - 1).endNanos());
      double s = (System.nanoTime() - t) / 1e9;
      int timers = 0;
      for (StreamResult sr : r.streams()) {
        timers += sr.timers().size();
      }
      System.out.printf(
          Locale.ROOT,
          "bench: %,d reconciles in %,d streams of %,d: %.2f s (%d timers)%n",
          rs.size(),
          shape[0],
          shape[1],
          s,
          timers);
    }
  }
}
