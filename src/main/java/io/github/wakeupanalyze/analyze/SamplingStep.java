package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.PoissonTail;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import io.github.wakeupanalyze.analyze.sampling.ChainDecoder;
import io.github.wakeupanalyze.analyze.sampling.Comb;
import io.github.wakeupanalyze.analyze.sampling.CombCounts;
import io.github.wakeupanalyze.analyze.sampling.SpectralFloor;
import io.github.wakeupanalyze.analyze.sampling.ThinningEstimate;
import io.github.wakeupanalyze.analyze.sampling.TimerChain;
import io.github.wakeupanalyze.analyze.sampling.WriteReturn;
import io.github.wakeupanalyze.model.ObjectRef;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.SamplingSource;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The controller's sampling step (docs/method.md, "Sampling"), after every object's classification
 * and before resync: with what probability were its reconciles kept, and, when the trace is a
 * sample, every kept reconcile classified as the thinned stream it is. Cross-object: pools the
 * objects' comb counts.
 *
 * <ol>
 *   <li><b>Stated</b>: the reconciles' own {@code samplingProbability} (tracestate, Jaeger tags,
 *       {@code --sampling-ratio}); several values combine as n/Σ(1/p) (Horvitz–Thompson).
 *   <li><b>The comb</b>: the controller's strongest sharp RequeueAfter timer gives the period T
 *       (the median start→start interval of the reconciles in its support) and its spread σ; every
 *       object's start→start intervals are sorted into the comb's teeth k·T.
 *   <li><b>Thinning shows</b> when the intervals on teeth k ≥ 2 exceed their chance count E
 *       (Poisson tail ≤ α) and at least two of those teeth hold 2 or more: a lost record gives one
 *       stray tooth, a second timer at 2T one tooth, thinning a geometric run of them. Counted over
 *       the objects with an interval on tooth 1 only (those that show the timer at all): the
 *       others' gaps fall on the far teeth by chance.
 *   <li><b>Inferred</b> p ({@link ThinningEstimate}) when nothing states it and thinning shows with
 *       an upper bound below {@link #THINNED_BELOW}; above that the trace is taken as complete
 *       (records lost now and then stay harmonics). When thinning shows but the interval is wider
 *       than {@link #UNRESOLVED_RATIO} (high/low), p is unresolved: suspected.
 *   <li><b>The queue</b> where thinning shows: earliest or reset, from which anchor explains the
 *       kept reconciles better ({@link #earliestLikelier}); the tooth-1 count test otherwise.
 *   <li><b>Reclassify</b> under thinning: timers at a tooth of the fundamental are teeth, not
 *       timers; every object gets the fundamental and the comb; the classifier then calls an
 *       interval in a timer tooth the fundamental's wake-up.
 * </ol>
 */
final class SamplingStep {
  /** An inferred p whose 95 % upper bound is below this marks the trace sampled. */
  static final double THINNED_BELOW = 0.9;

  /** Thinning that shows with high/low above this has an unresolved p. */
  static final double UNRESOLVED_RATIO = 4;

  private SamplingStep() {}

  static SamplingEstimate run(List<StreamWork> streams, AnalysisParameters params) {
    long stated = 0;
    double inverse = 0;
    for (StreamWork w : streams) {
      for (Reconcile r : w.times.reconciles) {
        double p = r.samplingProbability();
        if (p > 0 && p <= 1) {
          stated++;
          inverse += 1 / p;
        }
      }
    }
    double statedP = stated > 0 ? stated / inverse : Double.NaN;
    Timer fundamental = fundamental(streams);
    Comb comb = fundamental == null ? null : comb(streams, fundamental);
    if (comb == null) {
      return stated > 0
          ? new SamplingEstimate(statedP, statedP, statedP, null, true, false, stated, Double.NaN)
          : SamplingEstimate.UNKNOWN;
    }
    CombCounts pooled = new CombCounts(comb);
    CombCounts carriers = new CombCounts(comb);
    for (StreamWork w : streams) {
      CombCounts own = counts(w.times, comb);
      pooled = pooled.plus(own);
      if (own.on(1) > 0) {
        carriers = carriers.plus(own);
      }
    }
    ThinningEstimate e = ThinningEstimate.of(pooled);
    // under an earliest queue events do not move the deadline: p from the timer's own chain
    ThinningEstimate chain = ThinningEstimate.ofChain(chainCounts(streams, comb));
    OwnWrites own = OwnWrites.of(streams);
    double[] chainWrites = own.at(chain.probability());
    chain = chain.withoutOwnWrites(chainWrites[0], chainWrites[1], comb);
    boolean shows = thinningShows(carriers, params.significance());
    boolean earliest = QueueSemantics.earliest(queueCounts(streams, comb));
    if (shows || stated > 0 && statedP < 1) {
      double pe = stated > 0 ? statedP : chain.probability();
      double pr = stated > 0 ? statedP : e.probability();
      Boolean likelier = earliestLikelier(streams, comb, own, pe, pr);
      earliest = likelier == null ? earliest : likelier;
    }
    ThinningEstimate inferred = earliest ? chain : e;
    double spectral = spectral(streams, comb.spacing());
    SamplingEstimate result;
    if (stated > 0) {
      result = new SamplingEstimate(statedP, statedP, statedP, null, true, false, stated, spectral);
    } else if (shows && inferred.thinnedBelow(THINNED_BELOW)) {
      boolean unresolved =
          !(inferred.low() > 0) || inferred.high() / inferred.low() > UNRESOLVED_RATIO;
      result =
          new SamplingEstimate(
              inferred.probability(),
              inferred.low(),
              inferred.high(),
              SamplingSource.INFERRED,
              false,
              unresolved,
              Math.round(inferred.onComb()),
              spectral);
    } else {
      return new SamplingEstimate(
          inferred.probability(),
          inferred.low(),
          inferred.high(),
          null,
          false,
          false,
          Math.round(inferred.onComb()),
          spectral);
    }
    if (result.sampled() && (shows || stated > 0) && result.probability() < 1) {
      double p = Double.isNaN(result.probability()) ? e.probability() : result.probability();
      double[] ownWrites = own.at(p);
      SamplingComb sc =
          new SamplingComb(
              comb,
              fundamental.lo,
              fundamental.hi,
              pooled,
              e,
              p,
              ownWrites[0],
              ownWrites[1],
              utilization(streams, p),
              resetGaps(streams, comb, fundamental));
      for (StreamWork w : streams) {
        reclassify(w, sc, fundamental, earliest, params);
      }
      result = result.withOwnWrites(ownWrites[0], ownWrites[2]);
    }
    return result;
  }

  /**
   * The fundamental: of the sharp RequeueAfter timers over the controller, the shortest whose gaps
   * (those of every distinct spike overlapping it, a pooled spike counted once) are at least a
   * quarter of the strongest's. Under thinning tooth k holds a share r(1−r)^(k−1) of the timer's
   * gaps, so tooth 1 is never far behind the strongest, while teeth further out, being wider, may
   * collect more. Its strongest spike represents it; null when there is none.
   */
  static Timer fundamental(List<StreamWork> streams) {
    List<Timer> candidates = new ArrayList<>();
    for (StreamWork w : streams) {
      for (Timer t : w.timers) {
        if (t.source == TimerSource.REQUEUE && t.spike.sharp() && !t.spike.pairScan()) {
          candidates.add(t);
        }
      }
    }
    long[] total = overlapTotals(candidates);
    long max = 0;
    for (long t : total) {
      max = Math.max(max, t);
    }
    Timer best = null;
    for (int i = 0; i < candidates.size(); i++) {
      Timer t = candidates.get(i);
      if (4 * total[i] >= max
          && (best == null
              || t.spike.delay() < best.lo
              || t.overlaps(best) && t.spike.count() > best.spike.count())) {
        best = t;
      }
    }
    return best;
  }

  /**
   * For each timer, the gaps of every distinct spike whose window overlaps its own, a spike shared
   * by several timers (a pooled one) counted once. The timers of one spike share its window, so the
   * distinct spikes' windows are swept in order of their ends: O(n log n) where a fleet's
   * controller has a timer per object (pairwise, a pass over 2,100 objects spent a seventh of its
   * time here).
   */
  static long[] overlapTotals(List<Timer> timers) {
    Map<Spike, Timer> distinct = new IdentityHashMap<>();
    for (Timer t : timers) {
      distinct.putIfAbsent(t.spike, t);
    }
    Timer[] byLo = distinct.values().toArray(new Timer[0]);
    Timer[] byHi = byLo.clone();
    Arrays.sort(byLo, Comparator.comparingDouble(t -> t.lo));
    Arrays.sort(byHi, Comparator.comparingDouble(t -> t.hi));
    double[] los = new double[byLo.length];
    double[] his = new double[byHi.length];
    long[] countLo = new long[byLo.length + 1]; // gaps of the first i by lo
    long[] countHi = new long[byHi.length + 1];
    for (int i = 0; i < byLo.length; i++) {
      los[i] = byLo[i].lo;
      his[i] = byHi[i].hi;
      countLo[i + 1] = countLo[i] + byLo[i].spike.count();
      countHi[i + 1] = countHi[i] + byHi[i].spike.count();
    }
    long[] total = new long[timers.size()];
    for (int i = 0; i < timers.size(); i++) {
      Timer t = timers.get(i);
      // overlapping [lo, hi]: starting at or before hi, less those ending before lo (which start
      // before lo too)
      total[i] =
          countLo[SortedSearch.upperBound(los, t.hi)] - countHi[SortedSearch.lowerBound(his, t.lo)];
    }
    return total;
  }

  /**
   * The comb of the fundamental: its delay and jitter, and the typical duration and spread of the
   * controller's reconciles (the lost ones between two kept ones add theirs); null with fewer than
   * 5 reconciles.
   */
  static Comb comb(List<StreamWork> streams, Timer fundamental) {
    int total = 0;
    for (StreamWork w : streams) {
      total += w.times.n;
    }
    if (total < 5) {
      return null;
    }
    double[] d = new double[total];
    int k = 0;
    for (StreamWork w : streams) {
      for (int j = 0; j < w.times.n; j++) {
        d[k++] = w.times.end[j] - w.times.start[j];
      }
    }
    double median = Robust.median(d);
    return new Comb(
        fundamental.spike.delay(),
        fundamental.spike.sigma(),
        median,
        1.4826 * Robust.mad(d, median),
        Timer.PAD_HIGH + TimerFinder.RESOLUTION);
  }

  /** One stream's gaps (not of duplicates, not after an error) on the comb. */
  static CombCounts counts(StreamTimes t, Comb comb) {
    CombCounts c = new CombCounts(comb);
    for (int j = 1; j < t.n; j++) {
      if (!t.duplicate[j] && !t.get(j - 1).error()) {
        c.add(t.gap[j]);
      }
    }
    return c;
  }

  /**
   * The gaps of all streams as the reset queue's off-comb rule counts them ({@link
   * SamplingComb#eventReach}): duplicates and gaps after an error are not counted.
   */
  static SamplingComb.ResetGaps resetGaps(List<StreamWork> streams, Comb comb, Timer fundamental) {
    long below = 0;
    SamplingComb.ResetGaps empty = SamplingComb.ResetGaps.empty();
    long[] teeth = empty.teeth();
    long[] between = empty.between();
    for (StreamWork w : streams) {
      StreamTimes t = w.times;
      for (int j = 1; j < t.n; j++) {
        if (t.duplicate[j] || t.get(j - 1).error()) {
          continue;
        }
        double g = t.gap[j];
        int tooth = comb.tooth(g);
        if (g < fundamental.lo) {
          below++;
        } else if (tooth > 0) {
          teeth[Math.min(teeth.length - 1, tooth)]++;
        } else {
          between[Math.max(1, Math.min(between.length - 1, comb.interval(g)))]++;
        }
      }
    }
    return new SamplingComb.ResetGaps(below, teeth, between);
  }

  /**
   * The lags along the fundamental's chain ({@link TimerChain}) over all streams: duplicates are
   * not counted, and the reconcile after an error starts a new chain.
   */
  static CombCounts chainCounts(List<StreamWork> streams, Comb comb) {
    CombCounts c = new CombCounts(comb);
    for (StreamWork w : streams) {
      StreamTimes t = w.times;
      boolean[] restart = new boolean[t.n];
      for (int j = 1; j < t.n; j++) {
        restart[j] = t.get(j - 1).error();
      }
      TimerChain.Worker worker = w.busy == null ? TimerChain.Worker.UNKNOWN : w.busy::busyUntil;
      c = c.plus(TimerChain.counts(t.start, t.end, t.duplicate, restart, t.n, comb, worker));
    }
    return c;
  }

  /**
   * w, the share of reconciles whose own write comes back as a watch event, and that event's median
   * delay after the reconcile's end, seconds (docs/method.md, "Own writes under thinning"). A kept
   * reconcile that wrote its own object is followed by the kept event of that write with
   * probability f·p, within {@link Classifier#FOLLOW_UP} of its end: ŵ = (kept writers / n)·f̂,
   * with f̂ the posterior mean of {@link WriteReturn}, plus the quick follow-ups of reconciles that
   * wrote nothing of their own object over n·p (writes to owned objects, say). The writers are
   * counted from the spans the sampler kept, so ŵ does not rest on the one or two follow-ups a
   * thinned trace holds. Example: 140 kept, 7 writers, no follow-up, p = 0.1: ŵ = 0.05 × 0.18 ≈
   * 0.009; one follow-up: 0.05 × 0.63 ≈ 0.031 (the ratio of follow-ups alone gave 0 and 0.071). The
   * delay is 0 without follow-ups: a write's event that arrives while its reconcile runs waits in
   * the queue until it ends. The third value is ŵ's standard deviation: f̂'s posterior spread times
   * the writers' share, that share's binomial spread, the other follow-ups' Poisson count.
   */
  static double[] ownWrites(List<StreamWork> streams, double p) {
    return OwnWrites.of(streams).at(p);
  }

  /**
   * What a controller's kept reconciles say of own writes, counted once ({@link #ownWrites}); the
   * estimate depends on p only through {@link #at}, which each reading of the queue asks at its own
   * p.
   *
   * @param kept n, the kept reconciles
   * @param writers those that wrote their own object (duplicates not counted)
   * @param followedWriters writers followed by a kept quick follow-up
   * @param followedOthers other reconciles followed by one
   * @param medianLag the follow-ups' median delay after the end, seconds; 0 without any
   */
  private record OwnWrites(
      long kept, long writers, long followedWriters, long followedOthers, double medianLag) {
    static OwnWrites of(List<StreamWork> streams) {
      long n = 0;
      long writers = 0;
      long followedWriters = 0;
      long followedOthers = 0;
      List<Double> lags = new ArrayList<>();
      for (StreamWork w : streams) {
        StreamTimes t = w.times;
        ObjectRef self = ObjectRef.fromStreamObject(t.get(0).key().object());
        n += t.n;
        for (int j = 0; j < t.n; j++) {
          boolean wrote = !t.duplicate[j] && writesItself(t.get(j), self);
          writers += wrote ? 1 : 0;
          int i = j + 1;
          if (i < t.n
              && !t.duplicate[i]
              && !t.get(j).error()
              && t.gap[i] >= 0
              && t.gap[i] <= Classifier.FOLLOW_UP) {
            lags.add(t.gap[i]);
            if (wrote) {
              followedWriters++;
            } else {
              followedOthers++;
            }
          }
        }
      }
      double median =
          lags.isEmpty()
              ? 0
              : Robust.median(lags.stream().mapToDouble(Double::doubleValue).toArray());
      return new OwnWrites(n, writers, followedWriters, followedOthers, median);
    }

    /** {ŵ, the event's median delay, ŵ's standard deviation} at keep probability p. */
    double[] at(double p) {
      if (kept == 0 || !(p > 0)) {
        return new double[] {0, 0, 0};
      }
      double q = Math.min(1, p);
      double f = WriteReturn.posteriorMean(writers, followedWriters, q);
      double v = (double) writers / kept;
      double others = followedOthers / (kept * p);
      double share = v * f + others;
      // its spread: f's posterior, the writers' binomial share, the other follow-ups' Poisson count
      double variance =
          v * v * WriteReturn.posteriorVariance(writers, followedWriters, q)
              + f * f * v * (1 - v) / kept
              + others / (kept * p);
      return new double[] {Math.min(1, share), medianLag, Math.sqrt(variance)};
    }
  }

  /** Reconcile r wrote its own object (or a subresource of it, such as its status). */
  private static boolean writesItself(Reconcile r, ObjectRef self) {
    if (self == null) {
      return false;
    }
    for (String path : r.calls().writeTargets()) {
      ObjectRef o = ObjectRef.fromApiPath(path);
      if (o != null && self.matches(o.namespace(), o.name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The share of time one worker would be busy with every reconcile, the lost ones too: the kept
   * ones' ({@link InformerClock#utilization}) over p.
   */
  private static double utilization(List<StreamWork> streams, double p) {
    return p > 0 ? InformerClock.utilization(streams) / p : 0;
  }

  /**
   * The queue under thinning, by likelihood (docs/method.md, "The queue under thinning"): each
   * stream decoded as an earliest queue ({@link ChainDecoder#decode}, the chain's p̂) and as a
   * reset queue ({@link ChainDecoder#resetPath}, the reset model's p̂), events at a rate λ̂ each
   * model re-estimates once from its own path, its Poisson term e^(−λ̂·span) included ({@link
   * ChainDecoder#earliestAdvantage}); true unless the reset reading's summed log-likelihood is
   * higher by more than {@link ChainDecoder#resetMargin} per reconcile. Null when either p̂ is not
   * in (0, 1] or no stream has 3 reconciles.
   */
  private static Boolean earliestLikelier(
      List<StreamWork> streams, Comb comb, OwnWrites ownWrites, double earliestP, double resetP) {
    if (!(earliestP > 0 && earliestP <= 1 && resetP > 0 && resetP <= 1)) {
      return null;
    }
    double[] own = ownWrites.at(earliestP);
    double wait = utilization(streams, earliestP);
    ChainDecoder early =
        new ChainDecoder(comb, earliestP, Classifier.CHAIN_BREAKS, wait)
            .withOwnWrites(own[0], own[1]);
    own = ownWrites.at(resetP);
    ChainDecoder reset =
        new ChainDecoder(comb, resetP, Classifier.CHAIN_BREAKS, utilization(streams, resetP))
            .withOwnWrites(own[0], own[1]);
    double sum = 0;
    long used = 0;
    for (StreamWork w : streams) {
      StreamTimes t = w.times;
      double span = t.span();
      if (t.n < 3 || !(span > 0)) {
        continue;
      }
      used += t.n;
      byte[] fixed = new byte[t.n];
      boolean[] failed = new boolean[t.n];
      for (int j = 0; j < t.n; j++) {
        failed[j] = t.get(j).error();
        Classification c = w.label[j];
        fixed[j] =
            t.duplicate[j]
                ? ChainDecoder.SKIP
                : !w.fromEvidence[j] || c == null
                    ? ChainDecoder.FREE
                    : c.trigger() == Trigger.TIMER ? ChainDecoder.TIMER : ChainDecoder.EVENT;
      }
      sum += ChainDecoder.earliestAdvantage(early, reset, t.start, t.end, t.n, fixed, failed, span);
    }
    return used > 0 ? sum > -ChainDecoder.resetMargin(earliestP) * used : null;
  }

  /** Teeth k ≥ 2 hold more than chance, in at least two teeth (class comment, item 3). */
  static boolean thinningShows(CombCounts c, double alpha) {
    double hits = 0;
    double chance = 0;
    int teeth = 0;
    for (int k = 2; k <= c.comb().maxTooth(); k++) {
      hits += c.on(k);
      chance += c.chance(k);
      teeth += c.on(k) >= 2 ? 1 : 0;
    }
    return teeth >= 2 && hits > 0 && PoissonTail.upper(hits, Math.max(chance, 0.5)) <= alpha;
  }

  /** The spectral-floor p over the objects with ≥ 20 reconciles, weighted by their count. */
  private static double spectral(List<StreamWork> streams, double period) {
    double sum = 0;
    long n = 0;
    for (StreamWork w : streams) {
      double p = SpectralFloor.probability(w.times.start, period);
      if (!Double.isNaN(p)) {
        sum += p * w.times.n;
        n += w.times.n;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * The queue test of {@link QueueSemantics} on the comb: the tooth-1 test has little to count
   * under thinning (a kept timer reconcile right after a kept one is rare), so it asks instead how
   * often a reconcile whose gap lies off the comb has the end <em>before</em> the previous one at a
   * lag on a tooth. Under an earliest queue an event-driven reconcile in between does not move the
   * deadline, so the timer's next fire lies on the comb counted from the end before the event;
   * under a reset queue the event restarted the timer and that lag lands on a tooth by chance
   * alone, with probability (tooth width)/(spacing) of its cell. Returns {@code prev = 0}, {@code
   * any} = such reconciles and {@code chance} = the sum of those probabilities.
   */
  static QueueSemantics.Counts queueCounts(List<StreamWork> streams, Comb comb) {
    double hits = 0;
    double chance = 0;
    for (StreamWork w : streams) {
      StreamTimes t = w.times;
      for (int j = 2; j < t.n; j++) {
        if (t.duplicate[j] || t.get(j - 1).error() || t.get(j - 2).error()) {
          continue;
        }
        if (comb.tooth(t.gap[j]) != 0) {
          continue; // the previous end explains it
        }
        double lag = t.start[j] - t.end[j - 2];
        int k = comb.cell(lag);
        if (k < 1 || k > comb.maxTooth()) {
          continue;
        }
        chance += 2 * comb.halfWidth(k) / comb.spacing();
        hits += comb.tooth(lag) > 0 ? 1 : 0;
      }
    }
    return new QueueSemantics.Counts(0, hits, chance);
  }

  /**
   * Teeth of the fundamental are not timers; the fundamental, with the queue semantics the comb
   * shows, and the comb join every object.
   */
  private static void reclassify(
      StreamWork w,
      SamplingComb sc,
      Timer fundamental,
      boolean earliest,
      AnalysisParameters params) {
    Comb comb = sc.comb;
    boolean has = false;
    for (Iterator<Timer> it = w.timers.iterator(); it.hasNext(); ) {
      Timer t = it.next();
      if (sc.isFundamental(t)) {
        has = true;
        t.combReach = sc.reach();
        t.earliest = earliest;
        continue;
      }
      if (t.source == TimerSource.REQUEUE && comb.tooth(t.spike.delay()) >= 2) {
        it.remove();
      }
    }
    if (!has) {
      Timer copy = fundamental.pooledCopy();
      copy.combReach = sc.reach();
      copy.earliest = earliest;
      w.timers.add(copy);
    }
    w.comb = sc;
    Classifier.classify(w, params);
  }
}
