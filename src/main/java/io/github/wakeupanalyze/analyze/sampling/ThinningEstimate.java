package io.github.wakeupanalyze.analyze.sampling;

/**
 * The keep probability p of a thinned timer stream, by maximum likelihood from its {@link
 * CombCounts}, with a 95 % interval.
 *
 * <p><b>Model</b> (docs/method.md, "Sampling"). The full stream is a chain of steps from one
 * reconcile to the next; each step is the timer's with probability q, else an event's (which lands
 * off the comb and, counting from its end, restarts the timer). Each reconcile is kept
 * independently with probability p (head sampling: one trace per reconcile). The gap between two
 * kept reconciles spans k steps (k − 1 reconciles lost); it lies on tooth k ({@link Comb}) when all
 * k steps were the timer's:
 *
 * <pre>P(tooth k) = p q^k (1−p)^(k−1),   P(off the comb) = 1 − pq / (1 − (1−p)q).</pre>
 *
 * With r = 1 − (1−p)q and f = pq/r the likelihood factorizes into a Bernoulli part f^{n_c}
 * (1−f)^{n_o} and a geometric part r^{n_c} (1−r)^{K − n_c} (n_c gaps on the comb, n_o off, K = Σ k
 * over the comb), so f̂ = n_c/(n_c + n_o), r̂ = n_c/K (with teeth only up to k_max, r̂ solves the
 * truncated-geometric score equation), and
 *
 * <pre>p̂ = f̂ r̂ / (f̂ r̂ + 1 − r̂).</pre>
 *
 * Without events (q = 1) this is the textbook p̂ = n/Σk. The interval is p̂ ± 1.96 sd by the delta
 * method: Var f̂ = f(1−f)/N, Var r̂ = r²(1−r)/n_c, ∂p/∂f = r(1−r)/D², ∂p/∂r = f/D² with D = fr + 1
 * − r (each 1 − x floored at 1/(count + 1), so an interval never collapses), plus the Poisson
 * variance of the chance hits (events in a tooth, {@link CombCounts#chance}), which are subtracted
 * first (summed over the teeth, not clamped per tooth, which would bias K up). r̂ uses the
 * inverse-sampling correction (n − 1)/(K − 1) of the geometric MLE, biased up at small n.
 *
 * <p><b>Assumes</b> independent thinning (ratio or {@code th} sampling, one trace per reconcile),
 * Markov events (each step an event with the same probability, as Poisson edits against a reset
 * timer give). <b>Fails</b> for rate-limited sampling (not independent), for reconciles sharing one
 * trace, and for an earliest-deadline queue with many events (an event there does not restart the
 * timer, so q is not per step: use {@link #ofChain} there); checked by simulation in the accuracy
 * suite.
 *
 * @param probability p̂, NaN when no gap lies on the comb
 * @param low lower end of the 95 % interval
 * @param high upper end of the 95 % interval
 * @param onComb chance-corrected gaps on the comb, n_c
 * @param intervals all gaps, N
 * @param combShare f̂, the share of gaps on the comb (chance-corrected, truncation-corrected)
 * @param timerShare the timer's share of steps, q̂ = f̂r̂ + 1 − r̂
 */
public record ThinningEstimate(
    double probability,
    double low,
    double high,
    double onComb,
    long intervals,
    double combShare,
    double timerShare) {

  /**
   * The timer's share of steps q when p is known (stated): from f = pq/(1 − (1 − p)q), q = f/(p +
   * f(1 − p)).
   */
  public double timerShare(double p) {
    return Double.isNaN(combShare) ? Double.NaN : combShare / (p + combShare * (1 - p));
  }

  /**
   * Estimates p from the lags along an earliest-deadline timer's chain ({@link TimerChain}): each
   * link from one kept timer reconcile to the next lies on tooth k with probability p(1 − p)^(k−1)
   * whatever the events in between do, so p̂ = r̂, the (truncated) geometric estimate n/Σk after
   * the chance hits are subtracted, with the interval of r̂ ({@link #of} for the variance). {@code
   * combShare} is the share of lags on the comb; {@code timerShare} is not defined here (NaN).
   */
  public static ThinningEstimate ofChain(CombCounts c) {
    ThinningEstimate e = of(c);
    if (Double.isNaN(e.probability)) {
      return e;
    }
    Comb comb = c.comb();
    double[] sums = teeth(c);
    double nc = sums[0];
    double sumK = sums[1];
    double r = nc > 2 ? truncatedGeometric(nc - 1, sumK - 1, comb.maxTooth()) : 1;
    double sd = Math.sqrt(varR(r, nc, sumK, sums[2], sums[3]));
    return new ThinningEstimate(
        r,
        Math.max(0, r - 1.96 * sd),
        Math.min(1, r + 1.96 * sd),
        nc,
        e.intervals,
        e.combShare,
        Double.NaN);
  }

  /**
   * The chain estimate without the watch events of lost fires' own writes: such an event lies one
   * duration after its tooth's centre and, where the tooth is wider than that, counts as a link of
   * its own, so n holds n_T·(1 + (1 − p)·w·φ̄) links over the same Σk (per tooth the event of a
   * lost fire is kept (1 − p)·w times as often as the fire; φ̄ the share of those events inside
   * their tooth, {@link Comb#ownWriteInTooth}, weighted by the geometric tooth weights). Divides p̂
   * and its interval by that factor. Example: p̂ = 0.111, w = 0.08, φ̄ = 0.8: 0.111/1.058 = 0.105.
   *
   * @param w the share of reconciles whose own write comes back as a watch event
   * @param latency that event's delay after the reconcile's end, seconds
   * @param comb the comb the chain was counted on
   */
  public ThinningEstimate withoutOwnWrites(double w, double latency, Comb comb) {
    if (Double.isNaN(probability) || !(w > 0)) {
      return this;
    }
    double p = probability;
    double weight = 0;
    double inside = 0;
    for (int k = 1; k <= comb.maxTooth(); k++) {
      double g = p * Math.pow(1 - p, k - 1);
      weight += g;
      inside += g * comb.ownWriteInTooth(k, latency);
    }
    double factor = 1 + (1 - p) * w * (weight > 0 ? inside / weight : 0);
    return new ThinningEstimate(
        p / factor, low / factor, high / factor, onComb / factor, intervals, combShare, timerShare);
  }

  /** n_c, K = Σ k·hits, the chance hits and Σ k²·chance over the teeth, chance-corrected. */
  private static double[] teeth(CombCounts c) {
    Comb comb = c.comb();
    double nc = 0;
    double sumK = 0;
    double chance = 0;
    double chanceK2 = 0;
    for (int k = 1; k <= comb.maxTooth(); k++) {
      double ck = c.chance(k);
      double hits = c.on(k) - ck; // not clamped per tooth: that would bias K upwards
      nc += hits;
      sumK += k * hits;
      chance += ck;
      chanceK2 += (double) k * k * ck;
    }
    nc = Math.max(0, nc);
    return new double[] {nc, Math.max(nc, sumK), chance, chanceK2};
  }

  /** Var r̂: geometric sampling variance plus that of the chance hits subtracted. */
  private static double varR(double r, double nc, double sumK, double chance, double chanceK2) {
    return r * r * Math.max(1 - r, 1.0 / (sumK + 1)) / nc
        + chance / (sumK * sumK)
        + nc * nc * chanceK2 / (sumK * sumK * sumK * sumK);
  }

  /** Estimates p from pooled counts. */
  public static ThinningEstimate of(CombCounts c) {
    Comb comb = c.comb();
    double[] sums = teeth(c);
    double nc = sums[0];
    double sumK = sums[1];
    double chance = sums[2];
    long n = c.total();
    if (!(nc > 0) || n == 0) {
      return new ThinningEstimate(Double.NaN, 0, 1, 0, n, Double.NaN, Double.NaN);
    }
    // (n − 1)/(K − 1): the inverse-sampling correction of 1/k̄, which overestimates r at small n
    double r = nc > 2 ? truncatedGeometric(nc - 1, sumK - 1, comb.maxTooth()) : 1;
    double seen = 1 - Math.pow(1 - r, comb.maxTooth());
    double f = Math.min(1, nc / n / seen);
    double d = f * r + 1 - r;
    double p = f * r / d;
    // sampling variance, plus the Poisson variance of the chance hits subtracted
    double varF = f * Math.max(1 - f, 1.0 / (n + 1)) / n + chance / ((double) n * n);
    double varR = varR(r, nc, sumK, chance, sums[3]);
    double dpdf = r * (1 - r) / (d * d);
    double dpdr = f / (d * d);
    double sd = Math.sqrt(dpdf * dpdf * varF + dpdr * dpdr * varR);
    return new ThinningEstimate(
        p, Math.max(0, p - 1.96 * sd), Math.min(1, p + 1.96 * sd), nc, n, f, d);
  }

  /**
   * The r maximizing n ln r + (K − n) ln(1−r) − n ln(1 − (1−r)^m): a geometric on 1 … m. Bisection
   * on the score, which decreases in r; r = n/K when m is large.
   */
  static double truncatedGeometric(double n, double sumK, int m) {
    if (sumK <= n) {
      return 1;
    }
    double lo = 1e-9;
    double hi = 1 - 1e-12;
    for (int i = 0; i < 100; i++) {
      double r = 0.5 * (lo + hi);
      double tail = Math.pow(1 - r, m);
      double score = n / r - (sumK - n) / (1 - r) - n * m * Math.pow(1 - r, m - 1) / (1 - tail);
      if (score > 0) {
        lo = r;
      } else {
        hi = r;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** True when the interval says the trace is thinned: its upper end below {@code limit}. */
  public boolean thinnedBelow(double limit) {
    return !Double.isNaN(probability) && high < limit;
  }
}
