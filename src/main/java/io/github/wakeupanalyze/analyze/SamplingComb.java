package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.sampling.Comb;
import io.github.wakeupanalyze.analyze.sampling.CombCounts;
import io.github.wakeupanalyze.analyze.sampling.ThinningEstimate;

/**
 * A controller's timer comb under thinning, as the classifier uses it: which teeth hold more of the
 * timer's intervals than chance ones (posterior ≥ ½), and the timer whose teeth they are.
 *
 * <p>Tooth k is expected to hold n_c·r(1−r)^(k−1) of the timer's intervals (the geometric part of
 * {@link ThinningEstimate}) and {@link CombCounts#chance} event intervals; an interval in tooth k ≥
 * 2 is the timer's when the first is at least the second.
 */
final class SamplingComb {
  final Comb comb;

  /** The fundamental's padded end→start support: which stream timer the teeth belong to. */
  final double lo;

  final double hi;
  private final boolean[] timerTooth;
  private final double[] posterior;

  /**
   * P(timer | a gap off the comb, at least one delay long), for a reset queue: every gap that ends
   * in a timer wake-up is at least P (the last step is a whole delay), while a gap that ends in an
   * event is shorter than P exactly when no reconcile was lost before it (probability p). With q
   * the timer's share of steps: A = q − pq/(1 − (1−p)q) timer gaps off the comb and B = (1 − q)(1 −
   * p) event gaps of at least P, so the posterior is A/(A + B); e.g. 0.83 at p = 0.1, q = 0.9, and
   * 0.26 at p = 0.5, q = 0.3.
   */
  final double offCombPosterior;

  /**
   * ln of the prior odds "watch event of a lost timer reconcile's own write" : "timer fire" for a
   * kept reconcile in a tooth (docs/method.md, "Where timing runs out"): the fire that ends the
   * tooth was lost (1 − p), wrote (w, the share of reconciles whose write comes back as a watch
   * event) and its event was kept, against that fire kept, one step in q being the timer's: (1 −
   * p)·w/q. Example: p = 0.1, w = 0.08, q = 0.95: ln 0.076 ≈ −2.6.
   */
  final double ownWriteLogOdds;

  /** w, the share of reconciles followed by the watch event of their own write. */
  final double ownWrites;

  /** The keep probability the comb was read with. */
  final double probability;

  /**
   * The share of time the controller's reconciles kept its workers busy, all reconciles counted
   * (the kept ones' durations over p): about the chance that a fire waits for a worker.
   */
  final double utilization;

  /** The typical delay from a reconcile's end to its own write's watch event, seconds. */
  final double latency;

  /**
   * @param ownWrites w, the share of reconciles followed by the watch event of their own write
   * @param latency that event's typical delay after the reconcile's end, seconds, e.g. 0.003
   * @param utilization the share of time the workers were busy, all reconciles counted
   */
  SamplingComb(
      Comb comb,
      double lo,
      double hi,
      CombCounts pooled,
      ThinningEstimate e,
      double p,
      double ownWrites,
      double latency,
      double utilization) {
    this.comb = comb;
    this.utilization = utilization;
    this.probability = p;
    this.ownWrites = ownWrites;
    this.latency = latency;
    this.lo = lo;
    this.hi = hi;
    timerTooth = new boolean[comb.maxTooth() + 1];
    posterior = new double[comb.maxTooth() + 1];
    // the geometric parameter r: from the comb when it holds enough, else from the stated p and
    // the timer's share of steps q̂ (r = 1 − (1 − p)q)
    double q = e.timerShare(p);
    q = Double.isNaN(q) ? 1 : Math.min(1, q);
    double r = 1 - (1 - p) * q;
    double a = Math.max(0, q - p * q / r);
    double b = (1 - q) * (1 - p);
    ownWriteLogOdds = ownWrites > 0 ? Math.log((1 - p) * ownWrites / q) : Double.NEGATIVE_INFINITY;
    offCombPosterior = a + b > 0 ? a / (a + b) : 0;
    double nc = e.onComb();
    double norm = 1 - Math.pow(1 - r, comb.maxTooth());
    for (int k = 2; k <= comb.maxTooth(); k++) {
      double expected = nc * r * Math.pow(1 - r, k - 1) / norm;
      timerTooth[k] = expected > 0 && expected >= pooled.chance(k);
      posterior[k] = expected > 0 ? expected / (expected + pooled.chance(k)) : 0;
    }
  }

  /** True when the timer's support overlaps [lo, hi] (it is the comb's fundamental). */
  boolean isFundamental(Timer t) {
    return t.lo <= hi && t.hi >= lo;
  }

  /** The tooth ≥ 2 a gap lies in when that tooth is the timer's, else 0. */
  int timerTooth(double gap) {
    int k = comb.tooth(gap);
    return k >= 2 && timerTooth[k] ? k : 0;
  }

  /** P(timer | gap in tooth k): expected timer gaps over all gaps expected there. */
  double posterior(int k) {
    return k >= 2 && k < posterior.length ? posterior[k] : 0;
  }

  /** The longest gap a timer tooth explains, seconds. */
  double reach() {
    for (int k = comb.maxTooth(); k >= 2; k--) {
      if (timerTooth[k]) {
        return comb.center(k) + comb.halfWidth(k);
      }
    }
    return 0;
  }
}
