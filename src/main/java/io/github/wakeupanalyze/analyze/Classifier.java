package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.numeric.Chance;
import io.github.wakeupanalyze.analyze.sampling.ChainDecoder;
import io.github.wakeupanalyze.analyze.sampling.Comb;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import java.util.Set;

/**
 * Step 5 for one stream (docs/method.md, "Classification"): every reconcile without an evidence
 * label gets one from its timing.
 *
 * <ul>
 *   <li>Evidence labels stand; a kube-rs requeue is given the delay of the timer that fits it.
 *   <li>A reconcile right after one that wrote, within the self-write window and outside every
 *       timer's support, is the watch event of that write.
 *   <li>TIMER when the gap lies in a timer's support (reset), in a harmonic window, or when some
 *       earlier end lies at the delay (earliest); a reconcile right after one during which an
 *       earliest timer fell due (gap ≤ 5 ms) is its dirty requeue; a gap above the support is the
 *       timer delayed in the queue when the controller's worker was busy with other objects from
 *       the deadline until this start.
 *   <li>Under thinning with an earliest queue, the chain decoder ({@link ChainDecoder}) takes the
 *       likeliest split of the whole stream into the timer's chain and events, and its verdict
 *       replaces the timing rules' where they differ (evidence, own writes and waits stay).
 *   <li>Everything else is EVENT with cause unknown; the first reconcile has no history (confidence
 *       0.5), as have all of a stream with too few gaps to decide.
 * </ul>
 *
 * A timer found only by pooling the controller's objects that explains fewer than 2 of the stream's
 * gaps, less than {@code minTimerShare} of them, or no more than chance coincidences with its
 * window would (E + 3√E + 2), is dropped for this stream and the stream classified again.
 */
final class Classifier {
  /** A reconcile this soon after the previous one may be the dirty requeue of a timer, seconds. */
  static final double DIRTY = 0.005;

  /**
   * The longest a quick follow-up (the watch event of a reconcile's own write, about the watch
   * latency) starts after the reconcile it follows ended, seconds.
   */
  static final double FOLLOW_UP = 0.05;

  /** Confidence of a timer verdict that rests on the next gap alone ({@link #anchorsNext}). */
  static final double REANCHOR_CONFIDENCE = 0.7;

  private Classifier() {}

  static void classify(StreamWork w, AnalysisParameters p) {
    StreamTimes t = w.times;
    for (int pass = 0; pass < 2; pass++) {
      for (Timer timer : w.timers) {
        timer.attributed = 0;
      }
      for (int j = 0; j < t.n; j++) {
        if (w.fromEvidence[j]) {
          w.timerOf[j] = -1;
          w.label[j] = reattribute(w, w.label[j], j);
          continue;
        }
        w.label[j] = null;
        w.timerOf[j] = -1;
        if (t.duplicate[j]) {
          w.label[j] = w.label[j - 1];
          w.timerOf[j] = w.timerOf[j - 1];
          continue;
        }
        if (j == 0) {
          continue; // resync may still claim it; else UNKNOWN below
        }
        Reconcile prev = t.get(j - 1);
        boolean inAnyTimer = false;
        for (Timer timer : w.timers) {
          inAnyTimer |= timer.inSupport(t.gap[j]);
        }
        if (prev.calls().writes() > 0 && t.gap[j] <= p.selfWriteWindowSeconds() && !inAnyTimer) {
          w.label[j] = Classification.event(Cause.SELF_WRITE, 0.9, "own write");
          continue;
        }
        w.label[j] = timing(w, j);
      }
      if (!dropWeakPooledTimers(w, p)) {
        break;
      }
    }
    decodeChain(w);
    boolean insufficient =
        w.timers.isEmpty() && t.testableGaps(p.minGapSeconds()) < p.minGapsForVerdict();
    for (int j = 0; j < t.n; j++) {
      if (w.label[j] == null) {
        if (j == 0) {
          w.label[j] = Classification.event(Cause.UNKNOWN, 0.5, "first reconcile");
        } else {
          double conf = insufficient ? 0.5 : w.timers.isEmpty() ? 0.8 : 0.9;
          w.label[j] = Classification.event(Cause.UNKNOWN, conf, "timing");
        }
      }
    }
  }

  /** Share of timer links taken across an unseen break of the chain ({@link ChainDecoder}). */
  static final double CHAIN_BREAKS = 0.02;

  /** How far from its median a lost reconcile's duration may lie, in robust spreads. */
  static final int DURATION_SPREADS = 3;

  /** Durations tried on each side of the median (in equal steps). */
  private static final int DURATION_STEPS = 8;

  /** Verdicts of the timing rules that the chain decoder leaves as they are. */
  private static final Set<String> FIXED_BASES =
      Set.of(
          "own write",
          "own-write event of a lost reconcile (timing)",
          "dirty requeue",
          "queue wait");

  /**
   * Under thinning with an earliest-deadline fundamental: the {@link ChainDecoder}'s verdict on
   * every reconcile the timing rules decided, the rest (evidence, own writes, quick follow-ups,
   * waits) fixed. The event rate is the events' count over the stream's span, counted again after a
   * first decoding.
   */
  private static void decodeChain(StreamWork w) {
    SamplingComb sc = w.comb;
    if (sc == null) {
      return;
    }
    int k = -1;
    for (int i = 0; i < w.timers.size() && k < 0; i++) {
      Timer timer = w.timers.get(i);
      k = timer.earliest && sc.isFundamental(timer) ? i : -1;
    }
    StreamTimes t = w.times;
    double span = t.span();
    if (k < 0 || !(span > 0)) {
      return;
    }
    Timer timer = w.timers.get(k);
    byte[] fixed = new byte[t.n];
    boolean[] failed = new boolean[t.n];
    int events = 0;
    for (int j = 0; j < t.n; j++) {
      failed[j] = t.get(j).error();
      Classification c = w.label[j];
      boolean isTimer = c != null && c.trigger() == Trigger.TIMER;
      if (t.duplicate[j]) {
        fixed[j] = ChainDecoder.SKIP;
        continue;
      }
      events += isTimer ? 0 : 1;
      if (w.fromEvidence[j]
          || c != null && (FIXED_BASES.contains(c.basis()) || isTimer && w.timerOf[j] != k)) {
        fixed[j] = isTimer ? ChainDecoder.TIMER : ChainDecoder.EVENT;
      }
    }
    ChainDecoder decoder =
        new ChainDecoder(sc.comb, sc.probability, CHAIN_BREAKS, sc.utilization)
            .withOwnWrites(sc.ownWrites, sc.latency);
    boolean[] chain = null;
    for (int round = 0; round < 2; round++) {
      double rate = Math.max(1, events) / span;
      chain = decoder.decode(t.start, t.end, t.n, fixed, failed, rate).timer();
      events = 0;
      for (int j = 0; j < t.n; j++) {
        events += fixed[j] != ChainDecoder.SKIP && !chain[j] ? 1 : 0;
      }
    }
    for (int j = 0; j < t.n; j++) {
      if (fixed[j] != ChainDecoder.FREE) {
        continue;
      }
      Classification c = w.label[j];
      boolean isTimer = c != null && c.trigger() == Trigger.TIMER;
      if (chain[j] && !isTimer) {
        w.label[j] =
            Classification.timer(Cause.REQUEUE, 0.7, timer.spike.delay(), "sampled timer, chain");
        w.timerOf[j] = k;
      } else if (!chain[j] && isTimer) {
        w.label[j] = Classification.event(Cause.UNKNOWN, 0.7, "off the sampled timer's chain");
        w.timerOf[j] = -1;
      }
    }
  }

  /** Drops pooled timers that explain too little of this stream (class comment); true if any. */
  private static boolean dropWeakPooledTimers(StreamWork w, AnalysisParameters p) {
    StreamTimes t = w.times;
    boolean changed = false;
    int gapCount = Math.max(1, t.n - 1);
    for (int k = w.timers.size() - 1; k >= 0; k--) {
      Timer timer = w.timers.get(k);
      double chance = (t.n - 1) * Chance.someIn(t.rate(), timer.hi - timer.lo);
      if (timer.pooled
          && (timer.attributed < 2
              || timer.attributed < p.minTimerShare() * gapCount
              || !Chance.beyond(timer.attributed, chance, 2))) {
        w.timers.remove(k);
        changed = true;
      }
    }
    return changed;
  }

  /** Evidence said TIMER/REQUEUE (kube-rs): give it the delay of the timer whose support fits. */
  private static Classification reattribute(StreamWork w, Classification c, int j) {
    if (c.trigger() != Trigger.TIMER || c.cause() != Cause.REQUEUE || j == 0) {
      return c;
    }
    StreamTimes t = w.times;
    for (int k = 0; k < w.timers.size(); k++) {
      Timer timer = w.timers.get(k);
      if (timer.inSupport(t.gap[j])
          || timer.harmonicOf(t.gap[j]) > 0
          || (timer.earliest && t.anchored(j, timer.lo, timer.hi))) {
        timer.attributed++;
        w.timerOf[j] = k;
        return new Classification(
            c.trigger(), c.cause(), c.confidence(), timer.spike.delay(), c.basis());
      }
    }
    return c;
  }

  /**
   * The timing rules of the class comment for reconcile j ≥ 1; null when it looks like an event.
   */
  private static Classification timing(StreamWork w, int j) {
    StreamTimes t = w.times;
    double[] g = t.gap;
    boolean betweenTeeth = false;
    for (int k = 0; k < w.timers.size(); k++) {
      Timer timer = w.timers.get(k);
      if (w.comb != null && timer.earliest && w.comb.isFundamental(timer)) {
        if (followsLostEnd(t, j + 1, w.comb.comb)) {
          return Classification.event(Cause.UNKNOWN, 0.8, "quick follow-up of a lost reconcile");
        }
        if (followsLostEnd(t, j, w.comb.comb)) {
          return attribute(w, j, k, 0.9, "sampled timer, lost anchor");
        }
      }
      boolean hit = timer.inSupport(g[j]);
      String basis = "timer window";
      // log odds that j is the watch event of a lost fire's own write, when that was weighed
      double eventLogOdds = Double.NEGATIVE_INFINITY;
      if (!hit && timer.harmonicOf(g[j]) > 0) {
        if (w.comb != null && w.comb.isFundamental(timer) && !ownWriteRefuted(w)) {
          eventLogOdds = ownWriteLogOddsOfLost(w, timer, j, w.comb.comb.tooth(g[j]), g[j]);
        }
        if (eventLogOdds > 0) {
          return ownWriteEvent(eventLogOdds);
        }
        hit = true;
        basis = "timer harmonic";
      }
      if (!hit && timer.earliest && t.anchored(j, timer.lo, timer.hi)) {
        hit = true;
        basis = "anchor window";
      }
      for (int m = 0; !hit && timer.earliest && w.comb == null && m < timer.harmonics.size(); m++) {
        Timer.Window h = timer.harmonics.get(m);
        if (t.anchored(j, h.lo(), h.hi())) {
          hit = true; // anchored across a lost reconcile
          basis = "timer harmonic";
        }
      }
      if (!hit && j >= 2 && g[j - 1] <= 1.0 && timer.inSupport(t.start[j] - t.end[j - 2])) {
        hit = true; // a quick follow-up reconcile did not re-arm the timer
        basis = "anchor window";
      }
      int tooth = 0;
      if (!hit && w.comb != null && w.comb.isFundamental(timer)) {
        tooth = w.comb.timerTooth(g[j]);
        int anchor = timer.earliest ? lastOf(w, k, j) : -1;
        if (tooth == 0 && anchor >= 0) {
          tooth = w.comb.timerTooth(t.start[j] - t.end[anchor]); // the deadline ignores events
        }
        if (tooth > 0 && !ownWriteRefuted(w)) {
          eventLogOdds = ownWriteLogOddsOfLost(w, timer, j, tooth, lagInTooth(w, t, j, anchor));
          if (eventLogOdds > 0) {
            return ownWriteEvent(eventLogOdds);
          }
        }
        if (tooth > 0) {
          hit = true; // under thinning: the timer, with tooth − 1 wake-ups not in the trace
          basis = "sampled timer";
        } else if (timer.earliest
            && anchor >= 0
            && !ownWriteRefuted(w)
            && ownWriteOffChain(w, j, anchor)) {
          return Classification.event(
              Cause.SELF_WRITE, 0.6, "own-write event of a lost reconcile (timing)");
        } else if (timer.earliest && anchorsNext(w, timer, j)) {
          return attribute(w, j, k, REANCHOR_CONFIDENCE, "sampled timer, re-anchored");
        } else if (!timer.earliest && g[j] >= timer.lo && w.comb.offCombPosterior >= 0.5) {
          // a reset queue whose timer dominates off the comb (or in a far tooth whose gaps are
          // mostly chance ones)
          if (w.comb.resetOffCombTimer(g[j])) {
            double conf = Math.min(timer.confidence(), w.comb.resetOffCombPosterior(g[j]));
            return attribute(w, j, k, conf, "sampled, likely timer");
          }
          if (onChainFromAuditedWrite(w, timer, j)) {
            return attribute(
                w, j, k, REANCHOR_CONFIDENCE, "sampled timer, re-anchored at an audited write");
          }
          betweenTeeth = true; // called an event, though a lost event's fire is as likely
        }
      }
      if (!hit
          && w.busy != null
          && g[j] > timer.hi
          && w.busy.busyUntil(t.end[j - 1] + timer.hi, t.start[j])) {
        return attribute(w, j, k, 0.8, "queue wait");
      }
      if (!hit && timer.earliest && g[j] <= DIRTY && t.firedDuring(j, timer.lo)) {
        return attribute(w, j, k, 0.6, "dirty requeue");
      }
      if (hit) {
        timer.attributed++;
        w.timerOf[j] = k;
        if (timer.source == TimerSource.EXTERNAL_PERIODIC) {
          return Classification.event(Cause.EXTERNAL_EVENT, 0.7, "external periodic source");
        }
        double conf =
            timer.earliest && !timer.inSupport(g[j])
                ? anchorConfidence(t, timer)
                : timer.confidence();
        if (basis.equals("timer harmonic")) {
          conf = Math.min(conf, 0.7);
        }
        if (tooth > 0) {
          conf = Math.min(conf, Math.max(0.5, w.comb.posterior(tooth)));
        }
        // the fire rather than a lost fire's own-write event: P = 1 / (1 + odds)
        conf = Math.min(conf, 1 / (1 + Math.exp(eventLogOdds)));
        return Classification.timer(Cause.REQUEUE, conf, timer.spike.delay(), basis);
      }
    }
    if (betweenTeeth) {
      // a sampled reset queue between its first teeth: P(event) = 1/(j + 1), called an event for
      // the macro-F1 (SamplingComb.eventReach), so the verdict is a coin flip at best
      return Classification.event(Cause.UNKNOWN, 0.5, "sampled, between teeth");
    }
    return null;
  }

  /** Reconcile j attributed to timer k as its requeue, with this confidence and basis. */
  private static Classification attribute(
      StreamWork w, int j, int k, double confidence, String basis) {
    Timer timer = w.timers.get(k);
    timer.attributed++;
    w.timerOf[j] = k;
    return Classification.timer(Cause.REQUEUE, confidence, timer.spike.delay(), basis);
  }

  /**
   * True when the audit log settles the operator's own writes ({@link
   * AuditEvidence#ownWritesDecided}): an own write's event would have been labelled from the log
   * (step 0), so the timing rules' guess of one is refuted.
   */
  private static boolean ownWriteRefuted(StreamWork w) {
    return w.audit != null && w.audit.ownWritesDecided();
  }

  /**
   * A reset queue under thinning (the event's reconcile re-arms the timer from its own end): the
   * latest audited write before reconcile j started a reconcile the trace lost, and j lies in the
   * timer's window or a comb tooth counted from that reconcile's end. The lost reconcile's duration
   * is not known: any within {@value #DURATION_SPREADS} robust spreads of the stream's median will
   * do (the watch latency, milliseconds, is left out).
   */
  private static boolean onChainFromAuditedWrite(StreamWork w, Timer timer, int j) {
    if (w.audit == null || w.durations == null) {
      return false;
    }
    double write = w.audit.latestWriteBefore(w.times, j);
    if (Double.isNaN(write)) {
      return false;
    }
    double median = w.durations.median();
    double spread = DURATION_SPREADS * w.durations.sigma();
    for (int i = -DURATION_STEPS; i <= DURATION_STEPS; i++) {
      double end = write + Math.max(0, median + spread * i / DURATION_STEPS);
      double gap = w.times.start[j] - end;
      if (timer.inSupport(gap) || w.comb.comb.tooth(gap) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Under thinning, an earliest-deadline timer whose anchoring reconcile was lost: reconcile i lies
   * on the comb counted from a moment just before reconcile i − 1 <em>started</em> (at most {@link
   * #FOLLOW_UP} before), but off the comb counted from i − 1's end. The lost reconcile ended right
   * before i − 1, which was its quick follow-up (the watch event of its write) and not the timer's:
   * the timer's chain runs from the lost end to i. A timer reconcile i − 1 would put the tooth one
   * duration (about 150 ms) later, at its end; the test tells the two apart where that duration
   * exceeds the tooth's width (tooth 1 always, tooth 2 often).
   */
  static boolean followsLostEnd(StreamTimes t, int i, Comb comb) {
    if (i < 1 || i >= t.n || t.duplicate[i] || t.get(i - 1).error()) {
      return false;
    }
    double fromStart = t.start[i] - t.start[i - 1];
    int k = Math.max(1, comb.cell(fromStart + FOLLOW_UP / 2));
    if (k > comb.maxTooth()) {
      return false;
    }
    double c = comb.center(k);
    double fromStartDev = Math.max(0, Math.max(fromStart - c, c - FOLLOW_UP - fromStart));
    return fromStartDev <= comb.halfWidth(k) && comb.tooth(t.gap[i]) == 0;
  }

  /**
   * Under thinning with an earliest-deadline timer, reconcile j lies off the comb of the last kept
   * timer reconcile, yet the next kept reconcile starts on the comb counted from j's end: j is the
   * timer after a break of its chain that the trace did not keep (an error backoff, a dirty requeue
   * re-anchor the deadline), not an event, whose end anchors no deadline under this queue and lands
   * the next gap on a tooth by chance only (tooth width over spacing, about 5 to 15 %). Among kept
   * reconciles of a timer-dominated stream the breaks outnumber the events that pass by chance
   * several times (docs/method.md, "Classifying under thinning").
   */
  private static boolean anchorsNext(StreamWork w, Timer timer, int j) {
    StreamTimes t = w.times;
    int i = j + 1;
    if (i >= t.n || t.duplicate[i] || t.get(j).error() || followsLostEnd(t, i, w.comb.comb)) {
      return false;
    }
    return timer.inSupport(t.gap[i]) || w.comb.timerTooth(t.gap[i]) > 0;
  }

  /**
   * The lag of reconcile j that lies in a timer tooth: from the previous end, else the anchor's.
   */
  private static double lagInTooth(StreamWork w, StreamTimes t, int j, int anchor) {
    return w.comb.timerTooth(t.gap[j]) > 0 || anchor < 0 ? t.gap[j] : t.start[j] - t.end[anchor];
  }

  /**
   * Reconcile j lies in timer tooth k ≥ 2: the log odds that it is rather the watch event of the
   * k-th fire's own write, that fire lost (−∞ when the question does not arise). Posterior odds =
   * prior odds (1 − p)·w/q × the likelihood ratio of j's lag in the tooth (the event starts one
   * duration plus the watch latency after the fire, {@link Comb#ownWriteLogRatio}) × under an
   * earliest queue the ratio of the next link: were j the event, the timer's chain runs from the
   * lost fire's end just before j started, so the next kept reconcile, when it is the timer, lies
   * on the comb counted from j's start less the latency; were j the fire, counted from j's end. The
   * two differ by j's duration plus the latency.
   */
  static double ownWriteLogOddsOfLost(StreamWork w, Timer timer, int j, int k, double lag) {
    SamplingComb sc = w.comb;
    if (k < 2 || Double.isInfinite(sc.ownWriteLogOdds)) {
      return Double.NEGATIVE_INFINITY;
    }
    double odds = sc.ownWriteLogOdds + sc.comb.ownWriteLogRatio(k, lag, sc.latency);
    StreamTimes t = w.times;
    int i = j + 1;
    if (timer.earliest && i < t.n && !t.duplicate[i] && !t.get(j).error()) {
      double fromEnd = t.start[i] - t.end[j];
      double fromLostEnd = t.start[i] - t.start[j] + sc.latency;
      int ke = sc.comb.tooth(fromEnd);
      int kl = sc.comb.tooth(fromLostEnd);
      if (ke > 0 || kl > 0) {
        int kn = Math.max(ke, kl);
        odds += sc.comb.linkLogRatio(kn, fromLostEnd, fromEnd);
      }
    }
    return odds;
  }

  /**
   * The watch event of a lost fire's own write, called with its posterior probability e^odds / (1 +
   * e^odds) as the confidence (a prior and two likelihood ratios, {@link #ownWriteLogOddsOfLost}).
   */
  private static Classification ownWriteEvent(double logOdds) {
    return Classification.event(
        Cause.SELF_WRITE,
        1 / (1 + Math.exp(-logOdds)),
        "own-write event of a lost reconcile (timing)");
  }

  /**
   * Reconcile j lies off the comb counted from the last kept timer reconcile, just where the watch
   * event of a lost fire's own write would start (one duration plus the latency after a tooth's
   * centre, within three standard deviations), and the next kept reconcile lies on the comb counted
   * from just before j started at least as well as from j's end: the chain runs through the lost
   * fire, j is its event. Without this test the next link, in a tooth wider than j's duration,
   * would pass j as the timer re-anchoring a broken chain.
   */
  static boolean ownWriteOffChain(StreamWork w, int j, int anchor) {
    SamplingComb sc = w.comb;
    StreamTimes t = w.times;
    int i = j + 1;
    if (Double.isInfinite(sc.ownWriteLogOdds) || i >= t.n || t.duplicate[i] || t.get(j).error()) {
      return false;
    }
    Comb comb = sc.comb;
    double lag = t.start[j] - t.end[anchor] - sc.latency - comb.spacing() + comb.delay();
    int k = comb.cell(lag);
    // the event's start has one more duration's spread than the fire's: tooth k + 1's width
    if (k < 1 || k > comb.maxTooth() || Math.abs(lag - comb.center(k)) > comb.halfWidth(k + 1)) {
      return false;
    }
    double fromEnd = t.start[i] - t.end[j];
    double fromLostEnd = t.start[i] - t.start[j] + sc.latency;
    int kn = Math.max(comb.tooth(fromEnd), comb.tooth(fromLostEnd));
    return kn > 0 && comb.linkLogRatio(kn, fromLostEnd, fromEnd) >= 0;
  }

  /** The last reconcile before j attributed to timer k, −1 when none is within 64 reconciles. */
  private static int lastOf(StreamWork w, int k, int j) {
    for (int i = j - 1; i >= Math.max(0, j - 64); i--) {
      if (w.timerOf[i] == k) {
        return i;
      }
    }
    return -1;
  }

  private static double anchorConfidence(StreamTimes t, Timer timer) {
    double span = t.span();
    double rho = span > 0 ? t.n / span : 0;
    return Math.max(0.5, Math.min(0.99, 1 - rho * (timer.hi - timer.lo) * 5));
  }
}
