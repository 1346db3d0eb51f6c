package io.github.wakeupanalyze.analyze.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeriodogramAgreementTest {
  private final Periodogram fast = new BinnedFftPeriodogram();
  private final Periodogram direct = new DirectPeriodogram();

  static double[] lattice(double period, double jitter, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] =
          1000
              + i * period
              + jitter * period * (r.nextDouble() - 0.5)
              + (r.nextDouble() < 0.3 ? r.nextDouble() * period : 0);
    }
    return t;
  }

  @Test
  void guard_theTwoMethodsAreDifferent() {
    assertNotEquals(fast.name(), direct.name());
    assertNotEquals(fast.getClass(), direct.getClass());
  }

  @Test
  void fastEqualsDirect_onBinnedTimes() {
    double dt = 0.05;
    double[] t = lattice(7, 0.05, 400, 1);
    double[] binned = new double[t.length];
    double t0 = BinnedFftPeriodogram.min(t);
    for (int i = 0; i < t.length; i++) {
      // bin centres: a constant phase shift per frequency, which the power does not see
      binned[i] = t0 + (Math.floor((t[i] - t0) / dt) + 0.5) * dt;
    }
    var a = fast.compute(t, dt); // bins t itself; the direct sum sees the binned times
    var b = direct.compute(binned, dt);
    assertEquals(a.power().length, b.power().length);
    assertEquals(a.frequencyStep(), b.frequencyStep(), 1e-15);
    double maxDiff = 0;
    for (int j = 0; j < a.power().length; j++) {
      maxDiff = Math.max(maxDiff, Math.abs(a.power()[j] - b.power()[j]));
    }
    assertTrue(maxDiff < 1e-6, "max |fast − direct| = " + maxDiff);
  }

  @Test
  void fastAgreesWithExactDirect_withinBinningError_belowQuarterNyquist() {
    double dt = 0.01;
    double[] t = lattice(7, 0.02, 300, 2);
    var a = fast.compute(t, dt);
    var b = direct.compute(t, dt);
    int peakA = 1;
    int peakB = 1;
    for (int j = 1; j < a.power().length; j++) {
      double f = a.frequency(j);
      if (f < 1 / (40 * dt)) {
        // phase error ≤ 2π f Δ ≤ 2π/40: relative power error below ~ 2·(π/20)
        assertEquals(b.power()[j], a.power()[j], 0.35 * b.power()[j] + 2.5, "f=" + f);
      }
      if (a.power()[j] > a.power()[peakA]) peakA = j;
      if (b.power()[j] > b.power()[peakB]) peakB = j;
    }
    assertEquals(peakB, peakA);
    // a lattice has the same coherence at every harmonic: the peak is some multiple of 1/7
    double cycles = a.frequency(peakA) * 7;
    assertEquals(Math.round(cycles), cycles, 7 * a.frequencyStep());
  }

  @Test
  void falseAlarm_handValue() {
    // one frequency: P(chi2_2 >= 2 ln 100) = 0.01
    assertEquals(0.01, Periodogram.Result.falseAlarm(2 * Math.log(100), 1), 1e-12);
    assertEquals(
        1 - Math.pow(0.99, 10), Periodogram.Result.falseAlarm(2 * Math.log(100), 10), 1e-12);
  }
}
