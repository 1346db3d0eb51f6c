package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.SamplingSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the outputs say of the full stream behind a sampled trace: rates and shares, with intervals.
 */
class SamplingEstimateTest {
  static SamplingEstimate stated(double p) {
    return new SamplingEstimate(p, p, p, SamplingSource.OPTION, true, false, 100, Double.NaN);
  }

  static SamplingEstimate inferred(double p, double low, double high) {
    return new SamplingEstimate(
        p, low, high, SamplingSource.INFERRED, false, false, 100, Double.NaN);
  }

  static final SamplingEstimate COMPLETE =
      new SamplingEstimate(1, 0.98, 1, null, false, false, 100, Double.NaN);

  @Test
  void statedHalf_keptHundredInAnHour_isTwoHundred_withTheThinningsInterval() {
    SamplingEstimate.Interval r = stated(0.5).fullStreamRate(100, 1);
    double half = 1.959964 * Math.sqrt(100 * 0.5);
    assertEquals(200, r.estimate(), 1e-9);
    assertEquals((100 - half) / 0.5, r.low(), 1e-6); // 172.28
    assertEquals((100 + half) / 0.5, r.high(), 1e-6); // 227.72
  }

  @Test
  void inferredProbability_widensTheInterval_atItsEnds() {
    SamplingEstimate.Interval stated = stated(0.1).fullStreamRate(400, 2);
    SamplingEstimate.Interval inferred = inferred(0.1, 0.08, 0.125).fullStreamRate(400, 2);
    assertEquals(stated.estimate(), inferred.estimate(), 1e-9);
    assertTrue(
        inferred.low() < stated.low() && stated.high() < inferred.high(), inferred.toString());
    assertEquals((400 + 1.959964 * Math.sqrt(400 * 0.92)) / 2 / 0.08, inferred.high(), 1e-6);
  }

  @Test
  void completeTrace_isItsOwnStream_exactly() {
    assertFalse(COMPLETE.sampled());
    assertEquals(new SamplingEstimate.Interval(50, 50, 50), COMPLETE.fullStreamRate(100, 2));
    assertEquals(
        new SamplingEstimate.Interval(0.25, 0.25, 0.25), COMPLETE.fullStreamShare(25, 100));
    assertEquals(
        new SamplingEstimate.Interval(80, 80, 80), SamplingEstimate.UNKNOWN.fullStreamRate(80, 1));
  }

  @Test
  void unresolvedSampling_hasNoEstimate_onlyTheKeptRateAsAFloor() {
    SamplingEstimate s = new SamplingEstimate(Double.NaN, 0, 1, null, false, true, 40, Double.NaN);
    assertTrue(s.unresolved());
    assertEquals("sampled? p unresolved", s.mark());
    SamplingEstimate.Interval r = s.fullStreamRate(300, 2);
    assertTrue(Double.isNaN(r.estimate()));
    assertEquals(150, r.low(), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, r.high());
  }

  @Test
  void timerShare_isWilsonsInterval_eightOfTen() {
    // Wilson score interval, 95 %, 8 successes in 10: [0.4902, 0.9433] (Agresti & Coull 1998)
    SamplingEstimate.Interval r = stated(0.5).fullStreamShare(8, 10);
    assertEquals(0.8, r.estimate(), 1e-12);
    assertEquals(0.4902, r.low(), 5e-5);
    assertEquals(0.9433, r.high(), 5e-5);
  }

  @Test
  void timerShare_mirrorsTheEventShare_andStaysInsideZeroToOne() {
    SamplingEstimate s = stated(0.2);
    for (int n : new int[] {1, 7, 30, 466}) {
      for (int k = 0; k <= n; k += Math.max(1, n / 9)) {
        SamplingEstimate.Interval t = s.fullStreamShare(k, n);
        SamplingEstimate.Interval e = s.fullStreamShare(n - k, n);
        assertEquals(1 - t.low(), e.high(), 1e-12, k + "/" + n);
        assertEquals(1 - t.high(), e.low(), 1e-12, k + "/" + n);
        assertTrue(
            0 <= t.low() && t.low() <= t.estimate() && t.estimate() <= t.high() && t.high() <= 1);
      }
    }
  }

  /** The rate interval's coverage under binomial thinning of a known stream, over 400 seeds. */
  @Test
  void rateInterval_coversTheTrueRate_about95PercentOfTheTime() {
    int n = 3000;
    double p = 0.1;
    int covered = 0;
    int trials = 400;
    for (int seed = 0; seed < trials; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long kept = 0;
      for (int i = 0; i < n; i++) {
        kept += rnd.nextDouble() < p ? 1 : 0;
      }
      SamplingEstimate.Interval r = stated(p).fullStreamRate(kept, 1);
      covered += r.low() <= n && n <= r.high() ? 1 : 0;
    }
    double coverage = (double) covered / trials;
    assertTrue(coverage >= 0.92 && coverage <= 0.98, "coverage " + coverage);
  }
}
