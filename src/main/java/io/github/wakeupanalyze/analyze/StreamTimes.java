package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import io.github.wakeupanalyze.model.Reconcile;
import java.util.Arrays;
import java.util.List;

/**
 * One stream's reconciles (one object of one controller), sorted by start, as seconds from an
 * origin: the times every step of the engine reads. Immutable after construction.
 *
 * <p>For reconcile j: {@code start[j]}, {@code end[j]}, and {@code gap[j]} = start[j] − end[j−1]
 * (the end→start gap a RequeueAfter timer fixes, whatever the reconcile lasted; NaN for j = 0,
 * never negative). The end is when the framework was done with the reconcile: the span's end, or a
 * later processing end the caller gives ({@link ProcessingEnds}: after a trailing status write). A
 * reconcile with exactly the start and end of the one before is a duplicate record ({@code
 * duplicate[j]}) and takes its predecessor's label.
 */
final class StreamTimes {
  final List<Reconcile> reconciles;
  final int n;

  /** Epoch ns that second 0 stands for: the controller's earliest start. */
  final long origin;

  final double[] start;
  final double[] end;
  final double[] gap;

  /** The ends, ascending (for "some earlier end at lag L" queries). */
  final double[] sortedEnds;

  final boolean[] duplicate;

  /** True when any reconcile of the stream has an error status. */
  final boolean errorsRecorded;

  /**
   * @param reconciles one stream's reconciles, sorted by start, at least one
   * @param origin epoch ns of second 0, e.g. the controller's earliest start
   */
  StreamTimes(List<Reconcile> reconciles, long origin) {
    this(reconciles, origin, null);
  }

  /**
   * @param reconciles one stream's reconciles, sorted by start, at least one
   * @param origin epoch ns of second 0, e.g. the controller's earliest start
   * @param endNanos each reconcile's processing end, epoch ns, at least its span's end; null for
   *     the span ends
   */
  StreamTimes(List<Reconcile> reconciles, long origin, long[] endNanos) {
    this.reconciles = reconciles;
    this.n = reconciles.size();
    this.origin = origin;
    start = new double[n];
    end = new double[n];
    gap = new double[n];
    duplicate = new boolean[n];
    boolean errors = false;
    for (int j = 0; j < n; j++) {
      Reconcile r = reconciles.get(j);
      start[j] = (r.startNanos() - origin) / 1e9;
      end[j] = (endOf(reconciles, endNanos, j) - origin) / 1e9;
      gap[j] =
          j == 0
              ? Double.NaN
              : Math.max(0, r.startNanos() - endOf(reconciles, endNanos, j - 1)) / 1e9;
      duplicate[j] =
          j > 0
              && r.startNanos() == reconciles.get(j - 1).startNanos()
              && r.endNanos() == reconciles.get(j - 1).endNanos();
      errors |= r.error();
    }
    errorsRecorded = errors;
    sortedEnds = end.clone();
    Arrays.sort(sortedEnds);
  }

  private static long endOf(List<Reconcile> reconciles, long[] endNanos, int j) {
    return endNanos == null ? reconciles.get(j).endNanos() : endNanos[j];
  }

  Reconcile get(int j) {
    return reconciles.get(j);
  }

  /** Gaps for the timer scans: not after an error (that is backoff), not of duplicates. */
  double[] scanGaps() {
    double[] out = new double[n];
    int k = 0;
    for (int j = 1; j < n; j++) {
      if (!duplicate[j] && !reconciles.get(j - 1).error()) {
        out[k++] = gap[j];
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** Gaps of at least {@code minGap} seconds: those a timer test can use. */
  int testableGaps(double minGap) {
    int k = 0;
    for (int j = 1; j < n; j++) {
      k += gap[j] >= minGap ? 1 : 0;
    }
    return k;
  }

  /** The index of the last reconcile that started at or before {@code epochNanos}, or −1. */
  int lastStartAtOrBefore(long epochNanos) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (get(mid).startNanos() <= epochNanos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** Each reconcile's duration, end − start, seconds. */
  double[] durations() {
    double[] d = new double[n];
    for (int j = 0; j < n; j++) {
      d[j] = end[j] - start[j];
    }
    return d;
  }

  /** Seconds from the first start to the last. */
  double span() {
    return start[n - 1] - start[0];
  }

  /** Reconciles per second over the span, (n − 1)/span; 0 when the span is 0. */
  double rate() {
    double span = span();
    return span > 0 ? (n - 1) / span : 0;
  }

  /** Some reconcile ended at a lag in [lo, hi] before start j. */
  boolean anchored(int j, double lo, double hi) {
    // the latest end at most lo before the start, searched from j: ends of a stream are nearly in
    // start order, so the answer is usually a step or two from it
    int b = SortedSearch.upperBoundFrom(sortedEnds, start[j] - lo, j);
    return b > 0 && sortedEnds[b - 1] >= start[j] - hi;
  }

  /**
   * A timer of shortest delay lo anchored at some end fell due while reconcile j−1 ran, and so left
   * its object dirty: an end e with start[j−1] < e + lo ≤ end[j−1]. The timer whose earliest
   * deadline is at or before start[j−1] is not counted: it may be the one that started reconcile
   * j−1, and a timer cannot both start a reconcile and fire again during it.
   */
  boolean firedDuring(int j, double lo) {
    int a = SortedSearch.upperBound(sortedEnds, start[j - 1] - lo);
    int b = SortedSearch.upperBound(sortedEnds, end[j - 1] - lo);
    return b > a;
  }
}
