package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.sampling.Comb;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reset queue's off-comb rule under thinning (docs/method.md, "The queue under thinning"): how
 * far between teeth reconciles are called events, and which gaps just above a tooth are fires that
 * waited for a worker.
 */
class SamplingCombTest {
  /** P = 5 s, no jitter, reconciles of 0.15 ± 0.05 s, 2.5 ms pad. */
  static final Comb COMB = new Comb(5, 0, 0.15, 0.05, 0.0025);

  /**
   * The gaps a reset queue with a timer share q of steps leaves at keep probability p, with one
   * event at most per gap (the model of {@link SamplingComb#eventReach}), scaled to n: below the
   * support p(1 − q) (an event after the kept one), tooth k p((1 − p)q)^(k−1)q, and between teeth k
   * and k + 1 the k + 1 arrangements of one event among k lost steps and the kept one.
   */
  static SamplingComb.ResetGaps modelGaps(double p, double q, double n) {
    SamplingComb.ResetGaps g = SamplingComb.ResetGaps.empty();
    long below = Math.round(n * p * (1 - q));
    for (int k = 1; k < g.teeth().length; k++) {
      double lostTimers = Math.pow((1 - p) * q, k - 1);
      g.teeth()[k] = Math.round(n * p * lostTimers * q);
      g.between()[k] = Math.round(n * p * (k + 1) * (1 - p) * lostTimers * q * (1 - q));
    }
    return new SamplingComb.ResetGaps(below, g.teeth(), g.between());
  }

  /** The expected macro-F1 of calling intervals 1 … j events, counted directly. */
  static double expectedMacroF1(SamplingComb.ResetGaps g, int j) {
    double ee = g.below();
    double et = 0;
    double te = 0;
    double tt = g.inTeeth();
    for (int k = 1; k < g.between().length; k++) {
      double events = g.between()[k] / (k + 1.0);
      double timers = g.between()[k] - events;
      if (k <= j) {
        ee += events;
        te += timers;
      } else {
        et += events;
        tt += timers;
      }
    }
    return (2 * ee / (2 * ee + et + te) + 2 * tt / (2 * tt + et + te)) / 2;
  }

  @Test
  void interval_isTheStretchBetweenTwoToothCentres() {
    assertEquals(0, COMB.interval(3.0));
    assertEquals(1, COMB.interval(5.0)); // tooth 1's centre
    assertEquals(1, COMB.interval(7.0));
    assertEquals(2, COMB.interval(COMB.center(2)));
    assertEquals(2, COMB.interval(12.0));
    assertEquals(1, COMB.interval(Math.nextDown(COMB.center(2))));
  }

  @Test
  void atAHalf_onlyTheFirstIntervalIsCalledEvents() {
    // P(event | interval 1) = ½, interval 2 ⅓: at p = 0.5 with 10 % events the first only
    assertEquals(1, SamplingComb.eventReach(modelGaps(0.5, 0.9, 10_000)));
  }

  @Test
  void atATenth_theReachGrows_asMoreGapsSpanLostReconciles() {
    int reach = SamplingComb.eventReach(modelGaps(0.1, 0.9, 10_000));
    assertTrue(reach >= 2 && reach <= 5, "reach " + reach);
  }

  @Test
  void withNoGapOffTheComb_nothingIsCalledAnEvent() {
    SamplingComb.ResetGaps g = SamplingComb.ResetGaps.empty();
    g.teeth()[1] = 500;
    g.teeth()[2] = 200;
    assertEquals(
        0, SamplingComb.eventReach(new SamplingComb.ResetGaps(40, g.teeth(), g.between())));
  }

  @Test
  void theReach_isTheArgmaxOfTheExpectedMacroF1_andScaleFree() {
    // Properties over random count tables: the chosen reach is the best cut counted directly, and
    // multiplying every count by the same factor (a longer trace of the same process) keeps it.
    SplittableRandom rnd = new SplittableRandom(42);
    for (int trial = 0; trial < 300; trial++) {
      SamplingComb.ResetGaps g = SamplingComb.ResetGaps.empty();
      long below = rnd.nextInt(200);
      for (int k = 1; k < 12; k++) {
        g.teeth()[k] = rnd.nextInt(1000 / k + 1);
        g.between()[k] = rnd.nextInt(300 / k + 1);
      }
      SamplingComb.ResetGaps gaps = new SamplingComb.ResetGaps(below, g.teeth(), g.between());
      int reach = SamplingComb.eventReach(gaps);
      double chosen = expectedMacroF1(gaps, reach);
      for (int j = 0; j < g.between().length; j++) {
        assertTrue(
            expectedMacroF1(gaps, j) <= chosen + 1e-9,
            "trial " + trial + ": reach " + reach + " but " + j + " is better");
      }
      SamplingComb.ResetGaps scaled = SamplingComb.ResetGaps.empty();
      for (int k = 0; k < g.between().length; k++) {
        scaled.teeth()[k] = 7 * g.teeth()[k];
        scaled.between()[k] = 7 * g.between()[k];
      }
      assertEquals(
          reach,
          SamplingComb.eventReach(
              new SamplingComb.ResetGaps(7 * below, scaled.teeth(), scaled.between())),
          "trial " + trial);
    }
  }

  @Test
  void justAboveTooth1_aBusyWorkerMakesLateFiresOutnumberEvents() {
    SamplingComb.ResetGaps g = SamplingComb.ResetGaps.empty();
    g.teeth()[1] = 900;
    g.between()[1] = 100;
    SamplingComb.ResetGaps gaps = new SamplingComb.ResetGaps(90, g.teeth(), g.between());
    double edge = COMB.center(1) + COMB.halfWidth(1);
    // u = 0.09: 81 late fires in 0.3 s against 50 events over 5.15 s
    assertTrue(SamplingComb.lateFire(COMB, gaps, 0.09, edge + 0.1));
    assertFalse(
        SamplingComb.lateFire(COMB, gaps, 0.0, edge + 0.1), "no wait without a busy worker");
    assertFalse(SamplingComb.lateFire(COMB, gaps, 0.09, edge + 0.4), "beyond one long reconcile");
    assertFalse(SamplingComb.lateFire(COMB, gaps, 0.09, COMB.center(1)), "in the tooth itself");
    // a rare wait does not outweigh many events: u = 0.001 gives 0.9 late fires
    assertFalse(SamplingComb.lateFire(COMB, gaps, 0.001, edge + 0.1));
  }
}
