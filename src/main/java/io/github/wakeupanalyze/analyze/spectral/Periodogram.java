package io.github.wakeupanalyze.analyze.spectral;

/**
 * The Rayleigh periodogram of event times: {@code Z(f) = (2/N)·|Σ_k exp(2πi·f·t_k)|²} on the grid
 * f_j = j/(M·Δ), j = 1 … M/2, for bin width Δ and M bins (a power of two, zero-padded, M·Δ ≥ the
 * time span).
 *
 * <p>Null hypothesis: event times uniform (Poisson) over the span; then at each frequency Z is χ²
 * with 2 degrees of freedom, P(Z ≥ z) = e^{−z/2}, and over F searched frequencies the false-alarm
 * probability is taken as 1 − (1 − e^{−z/2})^F (independent-frequency approximation; Buccheri et
 * al. 1983 for Z²ₘ, Baluev 2008 for better bounds, VanderPlas 2018 for grids). Bursty (clustered)
 * event streams violate the null: their low-frequency power is inflated, so a peak is only ever
 * used to confirm a candidate found by the gap-hazard scan, never alone.
 */
public interface Periodogram {
  /** Name for reports and for the guard in the agreement test. */
  String name();

  /**
   * @param times event times, seconds (any origin)
   * @param binWidth Δ in seconds
   * @return power at f_j = j/(M·Δ), j = 0 … M/2 (index = j)
   */
  Result compute(double[] times, double binWidth);

  /** A periodogram on its frequency grid. */
  record Result(double frequencyStep, double[] power, int events) {
    public double frequency(int j) {
      return j * frequencyStep;
    }

    /** False-alarm probability of {@code power[j]} among {@code searched} frequencies. */
    public static double falseAlarm(double z, int searched) {
      double single = Math.exp(-z / 2);
      return -Math.expm1(searched * Math.log1p(-Math.min(single, 1 - 1e-16)));
    }
  }

  /** Number of bins M: the power of two with M·Δ ≥ span. */
  static int bins(double[] times, double binWidth) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double t : times) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    long need = times.length == 0 ? 1 : (long) Math.floor((max - min) / binWidth) + 1;
    if (need > (1 << 26)) {
      throw new IllegalArgumentException("periodogram needs " + need + " bins; use a wider bin");
    }
    return Integer.highestOneBit((int) Math.max(2, need - 1)) << 1;
  }
}
