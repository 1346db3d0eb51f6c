package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lag mixture of {@link AuditLags}: a cluster of watch latencies among chance lags is found and
 * measured, chance alone is not mistaken for one, and the fit does not depend on the time unit.
 */
class AuditLagsTest {
  /**
   * {@code events} log-normal lags around {@code median} s, then {@code chance} uniform on (0, 1].
   */
  private static double[] lags(int events, double median, double sigma, int chance, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[events + chance];
    for (int i = 0; i < events; i++) {
      x[i] = median * Math.exp(sigma * gaussian(r));
    }
    for (int i = events; i < x.length; i++) {
      x[i] = 1 - r.nextDouble(); // (0, 1]
    }
    return x;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void watchLatenciesAmongChanceLags_areFound_andMeasured() {
    AuditLags.Fit f = AuditLags.fit(lags(40, 0.003, 0.5, 10, 7), 1.0);
    assertTrue(f.found(), f.toString());
    assertEquals(Math.log(0.003), f.mu(), 0.25, "median latency");
    assertEquals(0.5, f.sigma(), 0.2);
    assertEquals(0.8, f.weight(), 0.1, "40 of 50 lags");
    assertTrue(f.posterior(0.003) > 0.99, "a lag of 3 ms was the write's event");
    assertTrue(f.posterior(0.3) < 0.01, "a lag of 300 ms was chance");
  }

  @Test
  void chanceLagsAlone_showNoCluster_onEverySeed() {
    for (long seed = 1; seed <= 20; seed++) {
      AuditLags.Fit f = AuditLags.fit(lags(0, 0.003, 0.5, 30, seed), 1.0);
      assertFalse(f.found(), "seed " + seed + ": " + f);
    }
  }

  @Test
  void tooFewLags_areNotFitted() {
    AuditLags.Fit f = AuditLags.fit(lags(4, 0.003, 0.5, 0, 3), 1.0);
    assertFalse(f.found(), f.toString());
  }

  @Test
  void missingLags_areIgnored() {
    double[] x = lags(20, 0.003, 0.5, 5, 11);
    double[] withGaps = new double[x.length * 2];
    java.util.Arrays.fill(withGaps, Double.NaN);
    for (int i = 0; i < x.length; i++) {
      withGaps[2 * i] = x[i];
    }
    assertEquals(AuditLags.fit(x, 1.0), AuditLags.fit(withGaps, 1.0));
  }

  /** Law: measuring in other units (lags and window times c) moves μ by ln c and nothing else. */
  @Test
  void theFit_isEquivariantUnderAChangeOfTimeUnit() {
    double[] x = lags(30, 0.004, 0.6, 15, 5);
    AuditLags.Fit f = AuditLags.fit(x, 1.0);
    for (double c : new double[] {1e-3, 0.5, 60}) {
      double[] y = x.clone();
      for (int i = 0; i < y.length; i++) {
        y[i] *= c;
      }
      AuditLags.Fit g = AuditLags.fit(y, c);
      assertEquals(f.mu() + Math.log(c), g.mu(), 1e-6, "c = " + c);
      assertEquals(f.sigma(), g.sigma(), 1e-6);
      assertEquals(f.weight(), g.weight(), 1e-6);
      assertEquals(f.lrStatistic(), g.lrStatistic(), 1e-4);
      assertEquals(f.posterior(0.004), g.posterior(0.004 * c), 1e-6);
    }
  }
}
