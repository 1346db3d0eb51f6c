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
   * The posterior mean of f, in closed form: {@link #moment} 1.
   *
   * @param writers m, kept reconciles that wrote their own object
   * @param followed x ≤ m, those followed by a kept quick follow-up
   * @param p the keep probability, in (0, 1]
   * @return f̂ in [0, 1]; the prior's mean, 0.25, when m = 0
   */
  public static double posteriorMean(long writers, long followed, double p) {
    return Math.max(0, Math.min(1, moment(writers, followed, p, 1)));
  }

  /**
   * The posterior variance of f: {@link #moment} 2 less the mean's square.
   *
   * @return Var(f | x) ≥ 0; the prior's own, 1/6 − 1/16 ≈ 0.104, for m = 0
   */
  public static double posteriorVariance(long writers, long followed, double p) {
    double mean = posteriorMean(writers, followed, p);
    return Math.max(0, Math.min(1, moment(writers, followed, p, 2)) - mean * mean);
  }

  /**
   * E[f^k | x]. The slab's posterior in q = f·p is a Beta(a, b) cut at p, a = x + 1, b = m − x + 1,
   * so with I the regularized incomplete beta function (commons-math3's {@code
   * Beta.regularizedBeta}, a continued fraction) and B(a + k, b)/B(a, b) = ∏ (a + j)/(a + b + j)
   * over j &lt; k, the slab's own moment is that product over p^k times I_p(a + k, b)/I_p(a, b).
   * With x ≥ 1 the point mass at f = 0 has likelihood 0, and that is the posterior's moment. With x
   * = 0 it has likelihood 1 against the slab's mass M₀ = (1 − (1 − p)^(m+1))/((m + 1)·p) (the
   * prior's halves cancel), so the slab's moment is weighted by M₀/(M₀ + 1). Example: m = 0, k = 1:
   * the slab's ½ times M₀/(M₀ + 1) = ½ gives the prior's mean, ¼.
   */
  private static double moment(long writers, long followed, double p, int k) {
    if (!(p > 0 && p <= 1) || followed < 0 || followed > writers) {
      throw new IllegalArgumentException(
          "need 0 <= followed <= writers and p in (0, 1], got "
              + followed
              + ", "
              + writers
              + ", "
              + p);
    }
    double a = followed + 1;
    double b = writers - followed + 1;
    double ratio = 1;
    for (int j = 0; j < k; j++) {
      ratio *= (a + j) / ((a + b + j) * p);
    }
    double slab = ratio * Beta.regularizedBeta(p, a + k, b) / Beta.regularizedBeta(p, a, b);
    if (followed > 0) {
      return slab;
    }
    double mass = -Math.expm1((writers + 1) * Math.log1p(-p)) / ((writers + 1) * p);
    return slab * mass / (mass + 1);
  }
}
