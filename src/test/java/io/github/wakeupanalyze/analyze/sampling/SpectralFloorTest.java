package io.github.wakeupanalyze.analyze.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The spectral floor built from phasors equals the sum of sines and cosines it stands for. */
class SpectralFloorTest {
  /**
   * The definition: 1 − mean over (m + u/10)/T of Z/2, Z = (2/N)|Σ e^{iωt}|², clamped to [0, 1].
   */
  private static double direct(double[] starts, double period) {
    double sum = 0;
    int count = 0;
    for (int m = 1; m <= 12; m++) {
      for (int u = 3; u <= 7; u++) {
        double freq = (m + u / 10.0) / period;
        double c = 0;
        double s = 0;
        for (double t : starts) {
          double phase = 2 * Math.PI * freq * (t - starts[0]);
          c += Math.cos(phase);
          s += Math.sin(phase);
        }
        sum += 2 * (c * c + s * s) / starts.length;
        count++;
      }
    }
    return Math.max(0, Math.min(1, 1 - sum / count / 2));
  }

  @Test
  void probability_equalsTheDirectSums_onThinnedLatticesAndPoissonStarts() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 200; trial++) {
      double period = 0.5 + r.nextDouble(60);
      int n = 20 + r.nextInt(2000);
      double[] starts = new double[n];
      double t = r.nextDouble(1e5); // far from 0: the phases are large
      for (int i = 0; i < n; i++) {
        t +=
            trial % 2 == 0
                ? period * (1 + (int) (-Math.log(1 - r.nextDouble()) * 3)) // thinned lattice
                : -Math.log(1 - r.nextDouble()) * period; // Poisson
        starts[i] = t;
      }
      assertEquals(direct(starts, period), SpectralFloor.probability(starts, period), 1e-9);
    }
  }
}
