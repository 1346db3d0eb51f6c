package io.github.wakeupanalyze.analyze.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThinningEstimateTest {
  /**
   * Kept [start, end] of a reset timer (delay 5 s, reconciles 150 ± 30 ms) whose every step is an
   * event (at a uniform point of the delay) with probability 1 − q, each reconcile kept with
   * probability p.
   */
  static double[][] kept(double p, double q, int steps, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> kept = new ArrayList<>();
    double end = 0;
    for (int i = 0; i < steps; i++) {
      double start =
          end + (rnd.nextDouble() < q ? 5.0 + 0.0002 * rnd.nextDouble() : 5.0 * rnd.nextDouble());
      end = start + Math.max(0.01, 0.15 + 0.03 * gauss(rnd));
      if (rnd.nextDouble() < p) {
        kept.add(new double[] {start, end});
      }
    }
    return kept.toArray(new double[0][]);
  }

  static double[] keptStarts(double p, double q, int steps, long seed) {
    double[][] k = kept(p, q, steps, seed);
    double[] s = new double[k.length];
    for (int i = 0; i < k.length; i++) {
      s[i] = k[i][0];
    }
    return s;
  }

  static CombCounts counts(double[][] kept) {
    CombCounts c = new CombCounts(new Comb(5.0, 0.0001, 0.15, 0.03, 0.0025));
    for (int i = 1; i < kept.length; i++) {
      c.add(kept[i][0] - kept[i - 1][1]);
    }
    return c;
  }

  private static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  @Test
  void knownProbability_isRecovered_andCoveredByTheInterval_withEventsAmongTheTimer() {
    // p, q: at 30 % events and p = 0.1 only 19 % of the kept intervals stay on the comb, too few
    // at 400 for a useful estimate; that corner is left to the interval's width
    double[][] cases = {{0.5, 1}, {0.5, 0.9}, {0.5, 0.7}, {0.2, 1}, {0.2, 0.9}, {0.2, 0.7}};
    for (double[] c : cases) {
      double p = c[0];
      int covered = 0;
      double[] est = new double[40];
      for (int seed = 0; seed < 40; seed++) {
        ThinningEstimate e = ThinningEstimate.of(counts(kept(p, c[1], (int) (400 / p), seed)));
        covered += e.low() <= p && p <= e.high() ? 1 : 0;
        est[seed] = e.probability();
      }
      java.util.Arrays.sort(est);
      assertEquals(p, 0.5 * (est[19] + est[20]), 0.1 * p, "median p̂ at p=" + p + " q=" + c[1]);
      assertTrue(
          covered >= 34, "95 % interval covered p in " + covered + "/40 at " + p + "," + c[1]);
    }
    for (double q : new double[] {1, 0.9}) {
      ThinningEstimate e = ThinningEstimate.of(counts(kept(0.1, q, 4000, 5)));
      assertEquals(0.1, e.probability(), 0.02, "p = 0.1, q = " + q);
    }
  }

  @Test
  void aCompleteTimerStream_readsOne() {
    ThinningEstimate e = ThinningEstimate.of(counts(kept(1, 0.8, 400, 1)));
    assertEquals(1.0, e.probability(), 1e-9);
    assertTrue(!e.thinnedBelow(0.9));
    assertEquals(0.8, e.timerShare(), 0.05);
  }

  @Test
  void truncatedGeometric_isTheUntruncatedMle_whenTheTailIsNegligible() {
    assertEquals(0.25, ThinningEstimate.truncatedGeometric(100, 400, 200), 1e-6);
    assertEquals(1.0, ThinningEstimate.truncatedGeometric(100, 100, 10));
    assertTrue(ThinningEstimate.truncatedGeometric(100, 400, 5) < 0.25, "a short comb hides k > 5");
  }

  @Test
  void spectralFloor_crossCheck_readsTheKeepProbability_ofAThinnedLattice_onAverage() {
    for (double p : new double[] {0.5, 0.2}) {
      double sum = 0;
      for (int seed = 0; seed < 20; seed++) {
        sum += SpectralFloor.probability(keptStarts(p, 1, (int) (1000 / p), seed), 5.15);
      }
      assertEquals(p, sum / 20, 0.06, "mean spectral estimate at p=" + p);
    }
    assertTrue(Double.isNaN(SpectralFloor.probability(new double[] {1, 2, 3}, 5)));
  }

  @Test
  void teeth_areKDelaysPlusTheLostDurations_andWidenWithTheSquareRootOfK() {
    Comb c = new Comb(5.0, 0, 0.15, 0.05, 0.002);
    assertEquals(0.002, c.halfWidth(1), 1e-12, "tooth 1 is the timer's own sharp spike");
    assertEquals(0.152, c.halfWidth(2), 1e-12);
    assertEquals(10.15, c.center(2), 1e-12);
    assertTrue(2 * c.halfWidth(c.maxTooth()) <= c.spacing() / 2);
    assertTrue(2 * c.halfWidth(c.maxTooth() + 1) > c.spacing() / 2);
    assertEquals(1, c.tooth(5.001));
    assertEquals(0, c.tooth(5.1), "an event 100 ms after the deadline is not the timer");
    assertEquals(2, c.tooth(10.25));
    assertEquals(0, c.tooth(12.5));
    assertEquals(0, c.cell(2.4));
    assertEquals(1, c.cell(2.7));
  }
}
