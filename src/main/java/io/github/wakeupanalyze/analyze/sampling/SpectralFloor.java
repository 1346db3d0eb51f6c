package io.github.wakeupanalyze.analyze.sampling;

/**
 * A cross-check of the keep probability from the spectrum of the kept start times.
 *
 * <p>Independent thinning with probability p maps the spectral density f(ω) of a point process to
 * p²f(ω) + p(1−p)λ/2π: the lines of a lattice of rate λ = 1/T stay where they are, scaled by p²,
 * and a flat floor p(1−p)λ appears (Daley &amp; Vere-Jones, thinning of point processes; checked by
 * simulation). In the Rayleigh power Z(ω) = (2/N)|Σ e^{iωt}|² of N kept starts, whose mean is 2 for
 * Poisson starts, that floor is 2(1 − p) between the lines. So p ≈ 1 − mean Z/2 at the midpoints (m
 * + ½)/T, m = 1 … 8, averaged with their neighbours ±¼ bin.
 *
 * <p>Valid only for a stream that is (nearly) all timer with a steady period: events add their own
 * floor (p reads low), and a RequeueAfter counted from each end drifts in phase at high m (so only
 * only the first lines are used). Reported beside the comb estimate, never used to decide.
 */
public final class SpectralFloor {
  private SpectralFloor() {}

  /**
   * @param starts kept start times, seconds, any origin
   * @param period the timer's start→start period T, seconds
   * @return p̂, or NaN with fewer than 20 starts
   */
  public static double probability(double[] starts, double period) {
    int n = starts.length;
    if (n < 20 || !(period > 0)) {
      return Double.NaN;
    }
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
        sum += 2 * (c * c + s * s) / n;
        count++;
      }
    }
    return Math.max(0, Math.min(1, 1 - sum / count / 2));
  }
}
