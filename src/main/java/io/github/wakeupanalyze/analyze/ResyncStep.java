package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.model.Cause;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's resync step (docs/method.md, "Resync"): the reconciles no evidence and no sharp
 * per-object timer explains are pooled over the controller's objects; those that form synchronized
 * bursts ({@link ResyncBursts}) are labelled resync, and the bursts make one resync timer whose
 * period is the median interval between bursts. Needs every object of the controller: a
 * cross-object step.
 */
final class ResyncStep {
  private ResyncStep() {}

  /**
   * Finds resync bursts and relabels their members.
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
    List<ResyncBursts.Burst> bursts =
        ResyncBursts.find(
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

  /** Not explained by evidence nor by a sharp per-object timer. */
  private static boolean candidate(StreamWork w, int j) {
    return !w.fromEvidence[j] && !w.sharpTimer(j);
  }
}
