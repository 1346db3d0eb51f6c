package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The controller's resync step (docs/method.md, "Resync"): the reconciles no evidence and no sharp
 * per-object timer explains are pooled over the controller's objects; those that form synchronized
 * bursts ({@link ResyncBursts}) are labelled resync, and the bursts make one resync timer whose
 * period is the median interval between bursts. Continuous trains (the worker never idles) whose
 * gaps sit on one cycle are RequeueAfter timers waiting behind a saturated worker, and their
 * members are labelled requeue ({@link #behindSaturatedWorker}). Needs every object of the
 * controller: a cross-object step.
 */
final class ResyncStep {
  /**
   * Largest robust CV (1.4826 · MAD / median) of a train's gaps read as one cycle; the fleet's
   * db-controller has 0.03 (cycle 54.9 s), 800 objects under 20 s Poisson edits 0.30.
   */
  static final double TRAIN_CV = 0.10;

  /** Lower end of a train member's gap window, relative to the cycle; e.g. 44 s of 55 s. */
  static final double TRAIN_LOW = 0.8;

  /** Upper end of a train member's gap window, relative to the cycle; e.g. 69 s of 55 s. */
  static final double TRAIN_HIGH = 1.25;

  /** Confidence of a timer behind a saturated worker (the delay itself is not seen). */
  static final double TRAIN_CONFIDENCE = 0.7;

  /** Basis of a timer behind a saturated worker. */
  static final String TRAIN_BASIS = "timer behind a saturated worker";

  private ResyncStep() {}

  /**
   * Finds resync bursts and relabels their members; relabels the members of continuous trains that
   * are timers behind a saturated worker.
   *
   * @param notes receives "probable resync" when fewer than 3 bursts give no reliable period
   * @return the resync timer, or null when there is none
   */
  static TimerFinding run(List<StreamWork> streams, AnalysisParameters params, List<String> notes) {
    int total = 0;
    int candidates = 0;
    double minS = Double.POSITIVE_INFINITY;
    double maxS = Double.NEGATIVE_INFINITY;
    for (StreamWork w : streams) {
      total += w.times.n;
      for (int j = 0; j < w.times.n; j++) {
        minS = Math.min(minS, w.times.start[j]);
        maxS = Math.max(maxS, w.times.start[j]);
        if (candidate(w, j)) {
          candidates++;
        }
      }
    }
    if (streams.size() < params.resyncMinObjects() || candidates == 0) {
      return null;
    }
    double[] st = new double[candidates];
    double[] en = new double[candidates];
    int[] obj = new int[candidates];
    int[] idx = new int[candidates];
    boolean[] first = new boolean[candidates];
    double[] d = new double[Math.min(total, 100_000)];
    int c = 0;
    int nd = 0;
    for (int si = 0; si < streams.size(); si++) {
      StreamWork w = streams.get(si);
      for (int j = 0; j < w.times.n; j++) {
        if (nd < d.length) {
          d[nd++] = w.times.end[j] - w.times.start[j];
        }
        if (candidate(w, j)) {
          st[c] = w.times.start[j] - minS;
          en[c] = w.times.end[j] - minS;
          obj[c] = si;
          idx[c] = j;
          first[c] = j == 0;
          c++;
        }
      }
    }
    ResyncBursts.Runs runs =
        ResyncBursts.runs(
            st,
            en,
            obj,
            first,
            streams.size(),
            Robust.median(d),
            maxS - minS,
            total,
            params.resyncMinObjects(),
            params.significance());
    for (int[] train : runs.trains()) {
      behindSaturatedWorker(streams, train, obj, idx, params);
    }
    List<ResyncBursts.Burst> bursts = runs.bursts();
    for (int i = 0; i < st.length; i++) {
      st[i] += minS;
    }
    if (bursts.isEmpty()) {
      return null;
    }
    bursts = new ArrayList<>(bursts);
    for (int i = 0; i < bursts.size(); i++) {
      ResyncBursts.Burst b = bursts.get(i);
      bursts.set(
          i, new ResyncBursts.Burst(b.members(), b.objects(), b.pValue(), b.startSeconds() + minS));
    }
    bursts.sort((a, b) -> Double.compare(a.startSeconds(), b.startSeconds()));
    double[] intervals = new double[bursts.size() - 1];
    for (int i = 1; i < bursts.size(); i++) {
      intervals[i - 1] = bursts.get(i).startSeconds() - bursts.get(i - 1).startSeconds();
    }
    double period = intervals.length == 0 ? Double.NaN : Robust.median(intervals);
    double jitter = intervals.length < 2 ? Double.NaN : 1.4826 * Robust.mad(intervals, period);
    double conf = bursts.size() >= 3 ? 0.95 : bursts.size() == 2 ? 0.85 : 0.7;
    if (bursts.size() < 3) {
      notes.add(
          bursts.size()
              + " synchronized burst(s) across objects: probable informer resync"
              + (bursts.size() == 1
                  ? " (one burst gives no period; SyncPeriod defaults to 10 h ±10 %)"
                  : ""));
    }
    int members = 0;
    int objects = 0;
    double p = 0;
    List<TimeRange> ranges = new ArrayList<>();
    long origin = streams.get(0).times.origin;
    for (ResyncBursts.Burst b : bursts) {
      double lastStart = b.startSeconds();
      for (int m : b.members()) {
        StreamWork w = streams.get(obj[m]);
        int j = idx[m];
        w.label[j] = Classification.timer(Cause.RESYNC, conf, period, "resync burst");
        w.timerOf[j] = -1;
        members++;
        lastStart = Math.max(lastStart, st[m]);
      }
      objects = Math.max(objects, b.objects());
      p = Math.max(p, b.pValue());
      ranges.add(
          new TimeRange(
              origin + Math.round(b.startSeconds() * 1e9), origin + Math.round(lastStart * 1e9)));
    }
    return new TimerFinding(
        period,
        period,
        jitter,
        members,
        objects,
        Double.NaN,
        Double.NaN,
        p,
        Queue.NOT_APPLICABLE,
        Tier.SHARP,
        TimerSource.RESYNC,
        ranges.subList(0, Math.min(TimerFinding.MAX_RANGES, ranges.size())));
  }

  /**
   * Inside a continuous train (the worker never idles), each RequeueAfter fires and then waits its
   * turn behind the rest of the train, so an object comes round once per cycle: the delay plus the
   * queue wait. Where the members' gaps (end of the object's previous reconcile to start) are
   * concentrated on one cycle (robust CV = 1.4826 · MAD / median at most {@link #TRAIN_CV}), a
   * member with no timer label whose gap lies in [{@link #TRAIN_LOW}, {@link #TRAIN_HIGH}] × the
   * cycle is labelled a requeue timer. Poisson edits behind a saturated worker give an exponential
   * wait plus the queue turn, a spread the CV test refuses; edits frequent enough to dirty every
   * object before its turn (each gap one pass) cannot be told from a timer by timing.
   */
  private static void behindSaturatedWorker(
      List<StreamWork> streams, int[] train, int[] obj, int[] idx, AnalysisParameters params) {
    double[] gaps = new double[train.length];
    int n = 0;
    for (int m : train) {
      StreamWork w = streams.get(obj[m]);
      if (idx[m] > 0) {
        gaps[n++] = w.times.gap[idx[m]];
      }
    }
    if (n < params.minGapsForVerdict()) {
      return;
    }
    gaps = Arrays.copyOf(gaps, n);
    double cycle = Robust.median(gaps);
    if (!(cycle > params.minGapSeconds()) || 1.4826 * Robust.mad(gaps, cycle) > TRAIN_CV * cycle) {
      return;
    }
    for (int m : train) {
      StreamWork w = streams.get(obj[m]);
      int j = idx[m];
      if (j == 0 || w.label[j] != null && w.label[j].trigger() == Trigger.TIMER) {
        continue;
      }
      double g = w.times.gap[j];
      if (g >= TRAIN_LOW * cycle && g <= TRAIN_HIGH * cycle) {
        w.label[j] = Classification.timer(Cause.REQUEUE, TRAIN_CONFIDENCE, cycle, TRAIN_BASIS);
      }
    }
  }

  /** Not explained by evidence nor by a sharp per-object timer. */
  private static boolean candidate(StreamWork w, int j) {
    return !w.fromEvidence[j] && !w.sharpTimer(j);
  }
}
