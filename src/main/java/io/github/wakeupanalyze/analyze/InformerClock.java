package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.model.Cause;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A per-object timer that is the informer's resync (docs/method.md, "Resync through one worker").
 * Through one worker the informer re-delivers the objects in the same list order every period, so
 * each object's gap looks like a sharp timer of its own and the timer finder takes it for a
 * RequeueAfter. The two differ in which side of the delay their gaps scatter:
 *
 * <ul>
 *   <li>a RequeueAfter fires one delay after the object's own previous end, or later when the
 *       worker is busy (the queue only delays): its gaps are bounded below by P and scatter
 *       <em>above</em> it, the lowest ones equal to within the timestamp resolution;
 *   <li>a resync re-lists every object on the informer's clock, whatever each object's previous
 *       reconcile did: an object's gap is the period plus the difference of the work before it in
 *       two successive bursts, minus its own duration, which scatters on <em>both</em> sides.
 * </ul>
 *
 * <p>The test compares the tails of the timer's gaps (those attributed to it, pooled over the
 * objects that share it): the lower spread q25 − q05 against the upper q95 − q75. A symmetric
 * scatter gives a ratio near 1; waits added above a hard lower edge (exponential-like) about 0.15
 * (0.24/1.61); a timer at an idle worker has both spreads within the timestamp resolution. The
 * timer is the informer's when the lower spread exceeds {@link #RESOLUTION} and is at least {@link
 * #SYMMETRY} of the upper one, over at least {@link #MIN_GAPS} gaps of at least the controller's
 * resync minimum of objects, and most of its reconciles lie in bursts synchronized across the
 * objects ({@link ResyncBursts}; per-object timers with a two-sided jitter run on each object's own
 * clock). A worker busy half the time or more ({@link #utilization}) makes most due fires wait, so
 * the edge no longer shows: no test there. The lower edge is read on all of the controller's gaps
 * near the timer, widened down by one backlog to include a RequeueAfter's edge below timers found
 * on the waits above it.
 */
final class InformerClock {
  /** Below this lower spread the gaps share a hard edge: timestamp resolution, seconds. */
  static final double RESOLUTION = 4 * (Timer.PAD_LOW + Timer.PAD_HIGH);

  /** Lower spread over upper spread from which the scatter is two-sided. */
  static final double SYMMETRY = 1.0 / 3;

  /**
   * A worker busy at least this share of the time makes most due fires wait, so a RequeueAfter's
   * edge no longer shows; the test is not made there (the timer stays a RequeueAfter).
   */
  static final double MAX_UTILIZATION = 0.5;

  /** Fewest gaps the tail test reads. */
  static final int MIN_GAPS = 40;

  private InformerClock() {}

  /**
   * Relabels the reconciles of every per-object RequeueAfter timer that the tail test reads as the
   * informer's clock: source resync, cause resync.
   *
   * @return the number of reconciles relabelled
   */
  static int run(List<StreamWork> streams, AnalysisParameters params) {
    List<Timer> requeue = new ArrayList<>();
    for (StreamWork w : streams) {
      for (Timer t : w.timers) {
        if (t.source == TimerSource.REQUEUE && w.comb == null) {
          requeue.add(t);
        }
      }
    }
    int relabelled = 0;
    boolean[] done = new boolean[requeue.size()];
    for (int i = 0; i < requeue.size(); i++) {
      if (done[i]) {
        continue;
      }
      Timer seed = requeue.get(i);
      List<Timer> group = new ArrayList<>();
      for (int m = i; m < requeue.size(); m++) {
        if (!done[m] && requeue.get(m).overlaps(seed)) {
          done[m] = true;
          group.add(requeue.get(m));
        }
      }
      if (group.size() >= params.resyncMinObjects()
          && utilization(streams) < MAX_UTILIZATION
          && twoSided(gaps(streams, group, requeue))
          && synchronized_(streams, group, params)) {
        relabelled += relabel(streams, group);
      }
    }
    return relabelled;
  }

  /**
   * The controller's gaps (not from evidence) in the group's support widened by its width on either
   * side, and further down to the lowest RequeueAfter support that starts at most one backlog below
   * it: a fire can wait behind at most every other object's reconcile (objects × median duration,
   * 700 × 30 ms = 21 s), so waits behind a busy worker may make a timer of their own above the
   * RequeueAfter's edge, and the test must see that edge.
   */
  private static double[] gaps(List<StreamWork> streams, List<Timer> group, List<Timer> requeue) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Timer t : group) {
      lo = Math.min(lo, t.lo);
      hi = Math.max(hi, t.hi);
    }
    double low = lo - (hi - lo);
    double backlog = streams.size() * medianDuration(streams);
    for (Timer t : requeue) {
      if (t.lo < lo && t.lo >= lo - backlog) {
        low = Math.min(low, t.lo - (hi - lo));
      }
    }
    double high = hi + (hi - lo);
    List<Double> out = new ArrayList<>();
    for (StreamWork w : streams) {
      for (int j = 1; j < w.times.n; j++) {
        double g = w.times.gap[j];
        if (!w.fromEvidence[j] && g >= low && g <= high) {
          out.add(g);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The controller's work over its time span: Σ durations / (last end − first start). Example: 800
   * objects of 60 ms every 55 s: 0.87; 200 objects of 20 ms every 594 s: 0.007.
   */
  static double utilization(List<StreamWork> streams) {
    double work = 0;
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    for (StreamWork w : streams) {
      for (int j = 0; j < w.times.n; j++) {
        work += w.times.end[j] - w.times.start[j];
        first = Math.min(first, w.times.start[j]);
        last = Math.max(last, w.times.end[j]);
      }
    }
    return last > first ? work / (last - first) : 0;
  }

  private static double medianDuration(List<StreamWork> streams) {
    List<Double> d = new ArrayList<>();
    for (StreamWork w : streams) {
      for (int j = 0; j < w.times.n && d.size() < 100_000; j++) {
        d.add(w.times.end[j] - w.times.start[j]);
      }
    }
    return d.isEmpty() ? 0 : Robust.median(d.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * The informer re-lists every object at once: most of the group's reconciles (at least half) lie
   * in synchronized bursts across objects ({@link ResyncBursts}). Per-object timers whose jitter
   * scatters both ways, but which run on each object's own clock, are not.
   */
  private static boolean synchronized_(
      List<StreamWork> streams, List<Timer> group, AnalysisParameters params) {
    List<double[]> members = new ArrayList<>(); // start, object, first, end
    int total = 0;
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    for (int si = 0; si < streams.size(); si++) {
      StreamWork w = streams.get(si);
      total += w.times.n;
      for (int j = 0; j < w.times.n; j++) {
        first = Math.min(first, w.times.start[j]);
        last = Math.max(last, w.times.start[j]);
        int k = w.timerOf[j];
        if (k >= 0 && k < w.timers.size() && group.contains(w.timers.get(k))) {
          members.add(new double[] {w.times.start[j], si, j == 0 ? 1 : 0, w.times.end[j]});
        }
      }
    }
    int n = members.size();
    if (n == 0) {
      return false;
    }
    double[] starts = new double[n];
    double[] ends = new double[n];
    int[] object = new int[n];
    boolean[] isFirst = new boolean[n];
    for (int i = 0; i < n; i++) {
      starts[i] = members.get(i)[0] - first;
      ends[i] = members.get(i)[3] - first;
      object[i] = (int) members.get(i)[1];
      isFirst[i] = members.get(i)[2] == 1;
    }
    int inBursts = 0;
    for (ResyncBursts.Burst b :
        ResyncBursts.runs(
                starts,
                ends,
                object,
                isFirst,
                streams.size(),
                medianDuration(streams),
                last - first,
                total,
                params.resyncMinObjects(),
                params.significance())
            .bursts()) {
      inBursts += b.members().length;
    }
    return 2 * inBursts >= n;
  }

  /** The tail test of the class comment. */
  static boolean twoSided(double[] gaps) {
    if (gaps.length < MIN_GAPS) {
      return false;
    }
    double[] g = gaps.clone();
    Arrays.sort(g);
    double lower = quantile(g, 0.25) - quantile(g, 0.05);
    double upper = quantile(g, 0.95) - quantile(g, 0.75);
    boolean edge = quantile(g, 0.05) - quantile(g, 0.01) <= RESOLUTION;
    return !edge && lower >= SYMMETRY * upper;
  }

  /** Quantile of sorted values, linear between order statistics. */
  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static int relabel(List<StreamWork> streams, List<Timer> group) {
    int n = 0;
    for (StreamWork w : streams) {
      for (int k = 0; k < w.timers.size(); k++) {
        Timer t = w.timers.get(k);
        if (!group.contains(t)) {
          continue;
        }
        t.source = TimerSource.RESYNC;
        for (int j = 0; j < w.times.n; j++) {
          if (w.timerOf[j] == k) {
            Classification c = w.label[j];
            double conf = c == null ? t.confidence() : c.confidence();
            w.label[j] =
                Classification.timer(
                    Cause.RESYNC, conf, t.spike.delay(), "resync (informer clock)");
            n++;
          }
        }
      }
    }
    return n;
  }
}
