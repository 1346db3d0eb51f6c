package io.github.wakeupanalyze.analyze.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GapCountsTest {
  @Test
  void sortedAgreesWithDirect_onRandomWindows() {
    SplittableRandom r = new SplittableRandom(5);
    double[] gaps = new double[500];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = i % 7 == 0 ? 5.0 : -Math.log(1 - r.nextDouble()) * 3;
    }
    GapCounts fast = new SortedGaps(gaps);
    GapCounts slow = new DirectGapCounts(gaps);
    assertNotEquals(fast.getClass(), slow.getClass(), "guard: two different implementations");
    for (int k = 0; k < 2000; k++) {
      double lo = r.nextDouble() * 12;
      double hi = lo + r.nextDouble() * 3;
      assertEquals(slow.count(lo, hi), fast.count(lo, hi));
      assertEquals(
          slow.exposure(lo, hi), fast.exposure(lo, hi), 1e-9 * (1 + slow.exposure(lo, hi)));
      assertEquals(slow.atRisk(lo), fast.atRisk(lo));
    }
  }

  @Test
  void exposure_handValue() {
    // gaps 1, 2, 4 over [1.5, 3): 1 not at risk; 2 → 0.5; 4 → 1.5 → 2.0
    SortedGaps g = new SortedGaps(new double[] {4, 1, 2});
    assertEquals(2.0, g.exposure(1.5, 3), 1e-12);
    assertEquals(1, g.count(1.5, 3));
    assertEquals(0.5, g.hazard(1.5, 3, 0), 1e-12);
  }

  @Test
  void poissonTail_knownAnswers() {
    // P(Poisson(1) >= 3) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803013970713942
    assertEquals(0.0803013970713942, PoissonTail.upper(3, 1.0), 1e-13);
    // P(Poisson(0.1) >= 10): first term dominates, e^-0.1 0.1^10/10! = 2.4929e-17 (1 - cdf
    // underflows)
    double p = PoissonTail.upper(10, 0.1);
    assertEquals(2.5156e-17, p, 0.01e-17);
    assertEquals(1.0, PoissonTail.upper(0, 3), 0);
    // LR: k = 10, mu = 2 → 2(10 ln 5 − 8) = 16.18875824868201
    assertEquals(16.18875824868201, PoissonTail.likelihoodRatio(10, 2), 1e-12);
    // Binomial(5, 0.2) ≥ 5 = 0.2^5
    assertEquals(Math.pow(0.2, 5), PoissonTail.binomialUpper(5, 0, 0.2), 1e-15);
    // Binomial(4, 0.5) ≥ 3 = 5/16
    assertEquals(5.0 / 16, PoissonTail.binomialUpper(3, 1, 0.5), 1e-14);
  }
}
