package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.SamplingSource;
import java.util.List;
import java.util.Map;
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

  /**
   * With ŵ the own-write events are counted from it, not from the verdicts: 466 kept, 430 called
   * timers, 17 called own-write events, so 19 other events (r = 19/466); ŵ = 0.066: the share is 1
   * − r − ŵ. With ŵ exact (no spread) the interval is r's Wilson interval moved by ŵ; a spread
   * widens it on both sides, in quadrature.
   */
  @Test
  void timerShare_countsOwnWriteEventsFromTheirEstimatedShare() {
    SamplingEstimate exact = inferred(0.1, 0.09, 0.11).withOwnWrites(0.066, 0);
    SamplingEstimate.Interval r = exact.fullStreamShare(430, 17, 466);
    SamplingEstimate.Interval others = exact.fullStreamShare(466 - 19, 466); // Wilson of 1 − r
    assertEquals(1 - 19.0 / 466 - 0.066, r.estimate(), 1e-12);
    assertEquals(others.low() - others.estimate(), r.low() - r.estimate(), 1e-12);
    assertEquals(others.high() - others.estimate(), r.high() - r.estimate(), 1e-12);

    SamplingEstimate spread = inferred(0.1, 0.09, 0.11).withOwnWrites(0.066, 0.012);
    SamplingEstimate.Interval w = spread.fullStreamShare(430, 17, 466);
    double z = 1.959964;
    assertEquals(r.estimate(), w.estimate(), 1e-12);
    assertEquals(
        Math.hypot(r.estimate() - r.low(), z * 0.012), w.estimate() - w.low(), 1e-12, "low");
    assertEquals(
        Math.hypot(r.high() - r.estimate(), z * 0.012), w.high() - w.estimate(), 1e-12, "high");
    // the class comment's example: 0.893 [0.861, 0.921], where the verdicts alone said 0.923
    assertEquals(0.893, w.estimate(), 5e-4);
    assertEquals(0.861, w.low(), 5e-4);
    assertEquals(0.921, w.high(), 5e-4);
    assertEquals(0.923, spread.fullStreamShare(430, 466).estimate(), 5e-4);
  }

  /** Without ŵ, or not sampled, the verdicts decide as before. */
  @Test
  void timerShare_withoutOwnWriteShare_isTheVerdicts() {
    assertEquals(stated(0.5).fullStreamShare(8, 10), stated(0.5).fullStreamShare(8, 1, 10));
    assertEquals(
        new SamplingEstimate.Interval(0.8, 0.8, 0.8),
        COMPLETE.withOwnWrites(0.3, 0.1).fullStreamShare(8, 1, 10));
  }

  /**
   * Over controllers, the expected own-write events add and so do their variances: one controller
   * alone gives its own figure; two give the pooled one by hand.
   */
  @Test
  void timerShare_overControllers_addsTheirOwnWriteEvents() {
    SamplingEstimate a = inferred(0.1, 0.09, 0.11).withOwnWrites(0.05, 0.01);
    SamplingEstimate b = stated(0.1).withOwnWrites(0.10, 0.02);
    ControllerResult ca = controller(a, 200, 180, 5);
    ControllerResult cb = controller(b, 300, 270, 20);
    assertEquals(
        a.fullStreamShare(180, 5, 200), SamplingEstimate.fullStreamShare(List.of(ca)), "one alone");
    SamplingEstimate.Interval both = SamplingEstimate.fullStreamShare(List.of(ca, cb));
    double others = (200 - 180 - 5) + (300 - 270 - 20);
    double expected = 0.05 * 200 + 0.10 * 300;
    assertEquals(1 - (others + expected) / 500, both.estimate(), 1e-12);
    double sd = Math.hypot(0.01 * 200, 0.02 * 300) / 500;
    SamplingEstimate.Interval wilson = a.fullStreamShare(500 - (long) others, 500);
    assertEquals(
        Math.hypot(wilson.estimate() - wilson.low(), 1.959964 * sd),
        both.estimate() - both.low(),
        1e-12);
  }

  private static ControllerResult controller(
      SamplingEstimate s, int reconciles, int timers, int ownWriteEvents) {
    return new ControllerResult(
        "op",
        "ctl",
        1,
        reconciles,
        reconciles - timers,
        timers,
        Map.of(
            Cause.REQUEUE,
            timers,
            Cause.SELF_WRITE,
            ownWriteEvents,
            Cause.UNKNOWN,
            reconciles - timers - ownWriteEvents),
        List.of(),
        0,
        List.of(),
        s);
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
