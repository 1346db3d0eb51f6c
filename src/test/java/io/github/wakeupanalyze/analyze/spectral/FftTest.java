package io.github.wakeupanalyze.analyze.spectral;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The radix-2 FFT shared by the analysis and the periodogram chart, against the textbook DFT. */
class FftTest {
  @Test
  void fft_agreesWithDirectDft() {
    Random rnd = new Random(7);
    int n = 256;
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = rnd.nextGaussian();
    }
    double[] x = re.clone();
    Fft.transform(re, im);
    double maxErr = 0;
    for (int k = 0; k < n; k++) {
      double dr = 0;
      double di = 0;
      for (int t = 0; t < n; t++) { // the textbook O(N²) transform
        dr += x[t] * Math.cos(-2 * Math.PI * k * t / n);
        di += x[t] * Math.sin(-2 * Math.PI * k * t / n);
      }
      maxErr = Math.max(maxErr, Math.hypot(dr - re[k], di - im[k]));
    }
    assertTrue(maxErr < 1e-9, "fft differs from the direct DFT by " + maxErr);
    assertTrue(Arrays.stream(re).anyMatch(v -> v != 0), "compared something");
  }

  @Test
  void lengthNotAPowerOfTwo_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[6], new double[6]));
  }
}
