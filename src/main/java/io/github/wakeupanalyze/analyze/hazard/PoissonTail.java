package io.github.wakeupanalyze.analyze.hazard;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * Tail probabilities and likelihood ratios of the Poisson count model used by the scans.
 *
 * <p>For an integer k ≥ 1, P(Poisson(μ) ≥ k) equals the regularized lower incomplete gamma function
 * P(k, μ) (the Poisson–gamma duality; Abramowitz &amp; Stegun 6.5.2 and 26.4.21), which Commons
 * Math evaluates accurately down to the smallest doubles, whereas {@code 1 − cdf} underflows to 0
 * above about 10⁻¹⁶. For the quasi-Poisson correction the count is divided by the dispersion φ and
 * may be fractional; P(k, μ) is then the usual continuous extension.
 */
public final class PoissonTail {
  private PoissonTail() {}

  /**
   * P(Poisson(mu) ≥ k), with k possibly fractional (k/φ).
   *
   * @return 1 for k ≤ 0; 0 for mu ≤ 0 and k &gt; 0
   */
  public static double upper(double k, double mu) {
    if (k <= 0) {
      return 1.0;
    }
    if (mu <= 0) {
      return 0.0;
    }
    return Gamma.regularizedGammaP(k, mu, 1e-15, 100_000);
  }

  /**
   * The Poisson likelihood-ratio statistic for "rate k/μ times the background" against "the
   * background": {@code 2[k·ln(k/μ) − (k − μ)]}, 0 when k ≤ μ. Used to rank spikes, because at
   * large n the p-values of strong spikes all underflow to 0 and would tie.
   */
  public static double likelihoodRatio(double k, double mu) {
    if (k <= mu || mu <= 0) {
      return 0;
    }
    return 2 * (k * Math.log(k / mu) - (k - mu));
  }

  /**
   * P(Binomial(k + kf, q) ≥ k) = I_q(k, kf + 1), the conditional test of a window count k against a
   * flank count kf when the window holds a share q of the exposure (counts may be fractional).
   */
  public static double binomialUpper(double k, double kf, double q) {
    if (k <= 0) {
      return 1.0;
    }
    if (q <= 0) {
      return 0.0;
    }
    if (q >= 1) {
      return 1.0;
    }
    return Beta.regularizedBeta(q, k, kf + 1, 1e-15, 100_000);
  }
}
