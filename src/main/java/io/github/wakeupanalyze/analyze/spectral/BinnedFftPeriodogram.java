package io.github.wakeupanalyze.analyze.spectral;

/**
 * The fast Rayleigh periodogram: counts in bins of width Δ, then one radix-2 FFT; O(N + M log M).
 *
 * <p>Binning moves each event to its bin's left edge, a phase error of at most 2π·f·Δ; the power
 * agrees with the exact direct sum to within that error, and exactly (to rounding) with the direct
 * sum over the binned times ({@code PeriodogramAgreementTest}). Keep f well below 1/(4Δ).
 * Hand-written real-input FFT on primitive arrays: Commons Math's {@code FastFourierTransformer}
 * allocates a {@code Complex} per sample.
 */
public final class BinnedFftPeriodogram implements Periodogram {
  @Override
  public String name() {
    return "binned-fft";
  }

  @Override
  public Result compute(double[] times, double binWidth) {
    int m = Periodogram.bins(times, binWidth);
    double t0 = min(times);
    double[] re = new double[m];
    double[] im = new double[m];
    for (double t : times) {
      re[(int) Math.floor((t - t0) / binWidth)] += 1;
    }
    Fft.transform(re, im);
    double[] power = new double[m / 2 + 1];
    int n = Math.max(1, times.length);
    for (int j = 0; j <= m / 2; j++) {
      power[j] = 2.0 / n * (re[j] * re[j] + im[j] * im[j]);
    }
    return new Result(1.0 / (m * binWidth), power, times.length);
  }

  static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return v.length == 0 ? 0 : m;
  }
}
