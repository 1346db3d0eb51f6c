package io.github.wakeupanalyze.analyze.spectral;

/**
 * The textbook O(N·F) Rayleigh periodogram: the sum over every event at every frequency of the same
 * grid as {@link BinnedFftPeriodogram}. The reference the fast one is tested against; too slow for
 * a day at full resolution (hours), never used by the engine on large inputs.
 */
public final class DirectPeriodogram implements Periodogram {
  @Override
  public String name() {
    return "direct";
  }

  @Override
  public Result compute(double[] times, double binWidth) {
    int m = Periodogram.bins(times, binWidth);
    double t0 = BinnedFftPeriodogram.min(times);
    double df = 1.0 / (m * binWidth);
    double[] power = new double[m / 2 + 1];
    int n = Math.max(1, times.length);
    for (int j = 0; j <= m / 2; j++) {
      double c = 0;
      double s = 0;
      double w = 2 * Math.PI * j * df;
      for (double t : times) {
        double ph = w * (t - t0);
        c += Math.cos(ph);
        s += Math.sin(ph);
      }
      power[j] = 2.0 / n * (c * c + s * s);
    }
    return new Result(df, power, times.length);
  }
}
