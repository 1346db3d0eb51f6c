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
   * Under a reset queue, the last interval between teeth (1 = between tooth 1 and tooth 2) whose
   * off-comb reconciles are called events rather than timers ({@link #eventReach}); 0 for none.
   */
  final int resetEventReach;

  private final ResetGaps gaps;

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
   * @param gaps the controller's gaps, as {@link #eventReach} counts them
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
      double utilization,
      ResetGaps gaps) {
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
    this.gaps = gaps;
    resetEventReach = offCombPosterior >= 0.5 ? eventReach(gaps) : 0;
    double nc = e.onComb();
    double norm = 1 - Math.pow(1 - r, comb.maxTooth());
    for (int k = 2; k <= comb.maxTooth(); k++) {
      double expected = nc * r * Math.pow(1 - r, k - 1) / norm;
      timerTooth[k] = expected > 0 && expected >= pooled.chance(k);
      posterior[k] = expected > 0 ? expected / (expected + pooled.chance(k)) : 0;
    }
  }

  /**
   * A controller's gaps as the reset queue's off-comb rule sees them: below the fundamental's
   * support (events: under a reset queue no timer fires before P after the last end), in tooth k
   * ({@code teeth[k]}), and off the comb by interval between teeth ({@code between[j]}, j ≥ 1);
   * longer ones in the last of each.
   */
  record ResetGaps(long below, long[] teeth, long[] between) {
    static final int INTERVALS = 64;

    static ResetGaps empty() {
      return new ResetGaps(0, new long[INTERVALS + 1], new long[INTERVALS + 1]);
    }

    long inTeeth() {
      long sum = 0;
      for (long c : teeth) {
        sum += c;
      }
      return sum;
    }
  }

  /**
   * How far off-comb reconciles of a reset queue are called events: the J that maximizes the
   * expected macro-F1 when the intervals 1 … J between teeth are called events and the rest timers.
   *
   * <p>The model: under a reset queue every reconcile re-arms the timer from its end, so the stream
   * renews there and a kept reconcile's cause depends only on its lag x from the previous kept end.
   * With events rare against the timer (at most one among the steps a gap spans), a kept reconcile
   * between tooth j and tooth j + 1 follows j lost reconciles, and exactly one of the j + 1 steps
   * is an event: either the kept one itself, or one of the j lost ones, after which the timer
   * re-armed from that event's end and the kept one is a timer. Each arrangement has the same
   * probability ((1 − p)^j·p·q^j·(1 − q), q the timer's share of steps) and the same distribution
   * of x (a sum of the same step lengths in another order), so P(event | interval j) = 1/(j + 1): ½
   * between teeth 1 and 2 at any p. The expected events are then the gaps below the support plus
   * n_j/(j + 1) per interval, the timers the rest (a tooth's gaps the timer's); the J chosen is the
   * plug-in optimum (Lipton, Elkan & Naryanaswamy 2014: the F1-optimal rule is a threshold on the
   * posterior, here a cut in j). Measured on the process of {@code ResetQueueBoundTest} (5 s, an
   * unseen edit every 50 s), one seed at a time: J = 1 at p = 0.5, the best cut by the true labels
   * too; J = 2–3 at p = 0.1, where the best cut (3–4) scores about 0.01 more. Used only where
   * {@link #offCombPosterior} says timers are the majority off the comb.
   */
  static int eventReach(ResetGaps gaps) {
    long[] n = gaps.between();
    double events = gaps.below();
    double total = gaps.below() + gaps.inTeeth();
    for (int j = 1; j < n.length; j++) {
      events += n[j] / (j + 1.0);
      total += n[j];
    }
    double timers = total - events;
    double tpE = gaps.below();
    double fpE = 0;
    double best = Double.NEGATIVE_INFINITY;
    int reach = 0;
    for (int j = 0; j < n.length; j++) {
      if (j > 0) {
        tpE += n[j] / (j + 1.0);
        fpE += n[j] * j / (j + 1.0);
      }
      double fnE = events - tpE;
      double tpT = timers - fpE;
      double fe = tpE > 0 ? 2 * tpE / (2 * tpE + fpE + fnE) : 0;
      double ft = tpT > 0 ? 2 * tpT / (2 * tpT + fnE + fpE) : 0;
      if (fe + ft > best + 1e-12) {
        best = fe + ft;
        reach = j;
      }
    }
    return reach;
  }

  /**
   * Under a reset queue whose timer is the majority off the comb ({@link #offCombPosterior} ≥ ½),
   * whether an off-comb gap of at least one delay is the timer's: an interval beyond {@link
   * #resetEventReach}, or a fire that waited for a worker ({@link #lateFire}).
   */
  boolean resetOffCombTimer(double gap) {
    return comb.interval(gap) > resetEventReach || lateFire(gap);
  }

  /**
   * Whether a gap just above tooth k (within one long reconcile, d̄ + 3σ_d, of its upper edge) is
   * more likely a fire of that tooth that waited for a busy worker than an event. A fire finds the
   * workers busy with about the utilization's chance u and then waits at most one reconcile, so
   * tooth k's n_k gaps put about u·n_k late fires into that zone; events fall there at the
   * interval's flat density, n_k'/(k + 1) per tooth spacing of the n_k' off-comb gaps between tooth
   * k and k + 1 (their event share, see {@link #eventReach}). Example: Percona-like, one worker for
   * three objects at p = 0.5: u ≈ 0.09, 900 gaps in tooth 1, 100 in the interval: 81 late fires in
   * 0.3 s against 50 events spread over 5.15 s.
   */
  boolean lateFire(double gap) {
    return lateFire(comb, gaps, utilization, gap);
  }

  /** {@link #lateFire(double)} for a comb, the controller's gaps and its utilization u. */
  static boolean lateFire(Comb comb, ResetGaps gaps, double utilization, double gap) {
    int k = comb.interval(gap);
    if (k < 1 || k >= gaps.teeth().length) {
      return false;
    }
    double zone = comb.duration() + 3 * comb.durationSpread();
    double above = gap - comb.center(k) - comb.halfWidth(k);
    if (!(above >= 0 && above <= zone)) {
      return false;
    }
    double late = Math.min(1, utilization) * gaps.teeth()[k];
    double events = gaps.between()[Math.min(k, gaps.between().length - 1)] / (k + 1.0);
    return late / zone >= events / comb.spacing();
  }

  /** Under a reset queue, P(timer | an off-comb gap in the interval of this one): j/(j + 1). */
  double resetOffCombPosterior(double gap) {
    int j = Math.max(1, comb.interval(gap));
    return Math.min(offCombPosterior, j / (j + 1.0));
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
