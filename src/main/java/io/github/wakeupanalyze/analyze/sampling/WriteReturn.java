package io.github.wakeupanalyze.analyze.sampling;

import org.apache.commons.math3.special.Beta;

/**
 * How many of an operator's writes to its own object come back as the watch events that run it
 * again, estimated from a sampled trace (docs/method.md, "Own writes under thinning").
 *
 * <p>A kept reconcile that wrote its own object is followed by the kept reconcile of that write's
 * watch event with probability f·p: the write comes back (f) and the event's trace was kept (p,
 * independently under head sampling). With m such writers kept and x of them followed by a kept
 * quick follow-up, x ~ Binomial(m, f·p). At p = 0.1 a controller that writes in one reconcile in
 * twenty shows x = 0 or 1 in two hours, so the ratio x/(m·p) is 0 or about 1.4: no estimate at all.
 * The posterior mean of f under a prior that puts half its weight on f = 0 (a predicate such as
 * controller-runtime's {@code GenerationChangedPredicate} drops every status write) and half spread
 * evenly over (0, 1] (every write that changes the object comes back, or only some: no-op patches
 * do not) uses the x = 0 of few writers as the weak evidence it is.
 *
 * <p>Examples, p = 0.1: m = 7, x = 0 → 0.18; m = 7, x = 1 → 0.63; m = 37, x = 0 → 0.049; m = 144, x
 * = 1 → 0.14; m = 460, x = 37 → 0.80 (x/(m·p) = 0.80). The prior alone (m = 0) gives 0.25.
 */
public final class WriteReturn {
  private WriteReturn() {}

  /**
   * The posterior mean of f, in closed form. The slab's posterior in q = f·p is a Beta(x + 1, m − x
   * + 1) cut at p, so with I the regularized incomplete beta function (commons-math3's {@code
   * Beta.regularizedBeta}, a continued fraction) and B(x + 2, ·)/B(x + 1, ·) = (x + 1)/(m + 2):
   *
   * <ul>
   *   <li>x ≥ 1: f̂ = (x + 1)/((m + 2)·p) · I_p(x + 2, m − x + 1) / I_p(x + 1, m − x + 1);
   *   <li>x = 0 (the point mass at f = 0 has likelihood 1 there): f̂ = S₁/(S₀ + 1), with S₀ = (1 −
   *       (1 − p)^(m+1)) / ((m + 1)·p) and S₁ = I_p(2, m + 1) / ((m + 1)(m + 2)·p²).
   * </ul>
   *
   * @param writers m, kept reconciles that wrote their own object
   * @param followed x ≤ m, those followed by a kept quick follow-up
   * @param p the keep probability, in (0, 1]
   * @return f̂ in [0, 1]; the prior's mean, 0.25, when m = 0
   */
  public static double posteriorMean(long writers, long followed, double p) {
    if (!(p > 0 && p <= 1) || followed < 0 || followed > writers) {
      throw new IllegalArgumentException(
          "need 0 <= followed <= writers and p in (0, 1], got "
              + followed
              + ", "
              + writers
              + ", "
              + p);
    }
    double m = writers;
    double x = followed;
    double f;
    if (followed > 0) {
      double upper = Beta.regularizedBeta(p, x + 2, m - x + 1);
      double lower = Beta.regularizedBeta(p, x + 1, m - x + 1);
      f = (x + 1) / ((m + 2) * p) * (upper / lower);
    } else {
      double s0 = -Math.expm1((m + 1) * Math.log1p(-p)) / ((m + 1) * p);
      double s1 = Beta.regularizedBeta(p, 2, m + 1) / ((m + 1) * (m + 2) * p * p);
      f = s1 / (s0 + 1);
    }
    return Math.max(0, Math.min(1, f));
  }

  /**
   * The posterior variance of f, from the second moment in the same closed form: for x ≥ 1, E[f²] =
   * (x + 1)(x + 2)/((m + 2)(m + 3)·p²) · I_p(x + 3, m − x + 1) / I_p(x + 1, m − x + 1); for x = 0,
   * E[f²] = S₂/(S₀ + 1) with S₂ = 2·I_p(3, m + 1) / ((m + 1)(m + 2)(m + 3)·p³).
   *
   * @return Var(f | x) ≥ 0; the prior's own, 1/6 − 1/16 ≈ 0.104, for m = 0
   */
  public static double posteriorVariance(long writers, long followed, double p) {
    double mean = posteriorMean(writers, followed, p);
    double m = writers;
    double x = followed;
    double second;
    if (followed > 0) {
      double upper = Beta.regularizedBeta(p, x + 3, m - x + 1);
      double lower = Beta.regularizedBeta(p, x + 1, m - x + 1);
      second = (x + 1) * (x + 2) / ((m + 2) * (m + 3) * p * p) * (upper / lower);
    } else {
      double s0 = -Math.expm1((m + 1) * Math.log1p(-p)) / ((m + 1) * p);
      double s2 = 2 * Beta.regularizedBeta(p, 3, m + 1) / ((m + 1) * (m + 2) * (m + 3) * p * p * p);
      second = s2 / (s0 + 1);
    }
    return Math.max(0, Math.min(1, second) - mean * mean);
  }
}
