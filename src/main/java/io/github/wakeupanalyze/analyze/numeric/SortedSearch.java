package io.github.wakeupanalyze.analyze.numeric;

/** Binary searches over ascending {@code double} arrays, as C++'s lower_bound and upper_bound. */
public final class SortedSearch {
  private SortedSearch() {}

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
    int lo = 0;
    int hi = a.length;
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
}
