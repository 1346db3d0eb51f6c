package io.github.wakeupanalyze.analyze.sampling;

/**
 * A cross-check of the keep probability from the spectrum of the kept start times.
 *
 * <p>Independent thinning with probability p maps the spectral density f(ω) of a point process to
 * p²f(ω) + p(1−p)λ/2π: the lines of a lattice of rate λ = 1/T stay where they are, scaled by p²,
 * and a flat floor p(1−p)λ appears (Daley &amp; Vere-Jones, thinning of point processes; checked by
 * simulation). In the Rayleigh power Z(ω) = (2/N)|Σ e^{iωt}|² of N kept starts, whose mean is 2 for
 * Poisson starts, that floor is 2(1 − p) between the lines. So p ≈ 1 − mean Z/2 over the
 * frequencies (m + u/10)/T, m = 1 … 12, u = 3 … 7: the middle half of the gap between each pair of
 * neighbouring lines.
 *
 * <p>The 60 sums are built per start by complex multiplication from three phasors (the first
 * frequency, the step between lines, the step within a gap) instead of 60 sines and cosines: the
 * same sums to about 1e-12, an order of magnitude faster on a million starts.
 *
 * <p>Valid only for a stream that is (nearly) all timer with a steady period: events add their own
 * floor (p reads low), and a RequeueAfter counted from each end drifts in phase at high m (so only
 * only the first lines are used). Reported beside the comb estimate, never used to decide.
 */
public final class SpectralFloor {
  private SpectralFloor() {}

  /** Lines used, m = 1 … 12. */
  private static final int LINES = 12;

  /** Frequencies per gap between lines, u = 3 … 7 tenths of a line spacing. */
  private static final int STEPS = 5;

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
    double[] c = new double[LINES * STEPS];
    double[] s = new double[LINES * STEPS];
    double omega = 2 * Math.PI / period;
    for (double t : starts) {
      double x = omega * (t - starts[0]);
      double lineRe = Math.cos(x); // from one line to the next: (m + 1)/T
      double lineIm = Math.sin(x);
      double stepRe = Math.cos(x / 10); // within a gap: 0.1/T
      double stepIm = Math.sin(x / 10);
      double re = Math.cos(1.3 * x); // the first frequency, 1.3/T
      double im = Math.sin(1.3 * x);
      for (int m = 0; m < LINES; m++) {
        double zr = re;
        double zi = im;
        for (int u = 0; u < STEPS; u++) {
          c[m * STEPS + u] += zr;
          s[m * STEPS + u] += zi;
          double nr = zr * stepRe - zi * stepIm;
          zi = zr * stepIm + zi * stepRe;
          zr = nr;
        }
        double nr = re * lineRe - im * lineIm;
        im = re * lineIm + im * lineRe;
        re = nr;
      }
    }
    double sum = 0;
    for (int k = 0; k < c.length; k++) {
      sum += 2 * (c[k] * c[k] + s[k] * s[k]) / n;
    }
    int count = c.length;
    return Math.max(0, Math.min(1, 1 - sum / count / 2));
  }
}
