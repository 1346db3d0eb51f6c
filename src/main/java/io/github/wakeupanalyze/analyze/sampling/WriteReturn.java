package io.github.wakeupanalyze.analyze.sampling;

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
  /** Steps of the Simpson rule over (0, 1]. */
  private static final int STEPS = 512;

  private WriteReturn() {}

  /**
   * The posterior mean of f.
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
    // log-likelihoods are shifted by their maximum over the grid so that large m does not
    // underflow; the point mass at f = 0 has likelihood 1 when x = 0 and 0 otherwise
    double h = 1.0 / STEPS;
    double max = followed == 0 ? 0 : Double.NEGATIVE_INFINITY;
    double[] ll = new double[STEPS + 1];
    for (int i = 0; i <= STEPS; i++) {
      ll[i] = logLikelihood(i * h, writers, followed, p);
      max = Math.max(max, ll[i]);
    }
    double mass = 0;
    double moment = 0;
    for (int i = 0; i <= STEPS; i++) {
      double weight = (i == 0 || i == STEPS ? 1 : i % 2 == 1 ? 4 : 2) * h / 3;
      double l = Math.exp(ll[i] - max);
      mass += weight * l;
      moment += weight * l * i * h;
    }
    double atZero = followed == 0 ? Math.exp(-max) : 0;
    // prior: ½ at f = 0, ½ uniform on (0, 1]
    return moment / (mass + atZero);
  }

  private static double logLikelihood(double f, long m, long x, double p) {
    double q = f * p;
    if (q <= 0) {
      return x == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    double l = (m - x) * Math.log1p(-Math.min(q, 1 - 1e-12));
    return x == 0 ? l : l + x * Math.log(q);
  }
}
