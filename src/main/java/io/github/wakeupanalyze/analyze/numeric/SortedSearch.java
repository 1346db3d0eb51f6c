package io.github.wakeupanalyze.analyze.numeric;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Binary searches over ascending {@code double} arrays and lists sorted by a {@code long} key, as
 * C++'s lower_bound and upper_bound.
 */
public final class SortedSearch {
  private SortedSearch() {}

  /**
   * The first index whose key is {@code >= v} in a list ascending by {@code key} (times of writes
   * or reconciles); {@code list.size()} when none is.
   */
  public static <T> int lowerBound(List<T> list, ToLongFunction<? super T> key, long v) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (key.applyAsLong(list.get(mid)) < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index whose value is {@code >= v}; {@code a.length} when none is. */
  public static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index whose value is {@code > v}; {@code a.length} when none is. */
  public static int upperBound(double[] a, double v) {
    return upperBound(a, v, 0, a.length);
  }

  /** {@link #upperBound} within [lo, hi), where the answer is known to lie. */
  private static int upperBound(double[] a, double v, int lo, int hi) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * {@link #upperBound} found by galloping outward from {@code hint}: O(log d) comparisons where d
   * is the distance from the hint to the answer. The answer is the same for any hint; a good one
   * (the index of the reconcile being classified, in an array of ends that are nearly in start
   * order) makes the usual query a few comparisons instead of log n.
   */
  public static int upperBoundFrom(double[] a, double v, int hint) {
    int n = a.length;
    int h = Math.max(0, Math.min(hint, n));
    int lo;
    int hi;
    if (h < n && a[h] <= v) { // the answer lies after the hint
      lo = h + 1;
      int step = 1;
      int probe = h + step;
      while (probe < n && a[probe] <= v) {
        lo = probe + 1;
        step <<= 1;
        probe = h + step;
      }
      hi = Math.min(probe, n);
    } else { // the answer is the hint or before it
      hi = h;
      int step = 1;
      int probe = h - step;
      while (probe >= 0 && a[probe] > v) {
        hi = probe;
        step <<= 1;
        probe = h - step;
      }
      lo = Math.max(probe + 1, 0);
    }
    return upperBound(a, v, lo, hi);
  }
}
