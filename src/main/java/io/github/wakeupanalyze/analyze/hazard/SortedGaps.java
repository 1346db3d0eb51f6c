package io.github.wakeupanalyze.analyze.hazard;

import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import java.util.Arrays;

/**
 * {@link GapCounts} in O(log n) per query: the gaps sorted once, with prefix sums.
 *
 * <p>With x sorted and S[i] = x[0] + … + x[i−1], for a window [lo, hi) with i = #{x &lt; lo} and j
 * = #{x &lt; hi}: count = j − i and exposure = (S[j] − S[i]) − lo·(j − i) + (hi − lo)·(n − j).
 * Tested against {@link DirectGapCounts}.
 */
public final class SortedGaps implements GapCounts {
  private final double[] x;
  private final double[] prefix;

  /**
   * @param gaps gap lengths in seconds, any order; the array is copied
   */
  public SortedGaps(double[] gaps) {
    x = gaps.clone();
    Arrays.sort(x);
    prefix = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
  }

  /** The sorted gaps (shared, do not modify). */
  public double[] sorted() {
    return x;
  }

  /** Index of the first gap ≥ v. */
  public int lowerBound(double v) {
    return SortedSearch.lowerBound(x, v);
  }

  @Override
  public int count(double lo, double hi) {
    return hi <= lo ? 0 : lowerBound(hi) - lowerBound(lo);
  }

  @Override
  public double exposure(double lo, double hi) {
    if (hi <= lo) {
      return 0;
    }
    int i = lowerBound(lo);
    int j = lowerBound(hi);
    double e = (prefix[j] - prefix[i]) - lo * (j - i) + (hi - lo) * (x.length - j);
    return Math.max(0, e);
  }

  /** Exposure of [lo, hi) given i = lowerBound(lo) and j = lowerBound(hi) (saves the searches). */
  double exposure(double lo, double hi, int i, int j) {
    if (hi <= lo) {
      return 0;
    }
    return Math.max(0, (prefix[j] - prefix[i]) - lo * (j - i) + (hi - lo) * (x.length - j));
  }

  @Override
  public int atRisk(double v) {
    return x.length - lowerBound(v);
  }

  @Override
  public int size() {
    return x.length;
  }

  /** Median of the gaps in [lo, hi], NaN when none. */
  public double median(double lo, double hi) {
    int i = lowerBound(lo);
    int j = upperBound(hi);
    if (j <= i) {
      return Double.NaN;
    }
    int m = j - i;
    return m % 2 == 1 ? x[i + m / 2] : 0.5 * (x[i + m / 2 - 1] + x[i + m / 2]);
  }

  /** 1.4826 × median absolute deviation from {@code center} of the gaps in [lo, hi]. */
  public double robustSigma(double lo, double hi, double center) {
    int i = lowerBound(lo);
    int j = upperBound(hi);
    if (j <= i) {
      return Double.NaN;
    }
    double[] d = new double[j - i];
    for (int k = i; k < j; k++) {
      d[k - i] = Math.abs(x[k] - center);
    }
    Arrays.sort(d);
    int m = d.length;
    double mad = m % 2 == 1 ? d[m / 2] : 0.5 * (d[m / 2 - 1] + d[m / 2]);
    return 1.4826 * mad;
  }

  /** Index of the first gap &gt; v. */
  public int upperBound(double v) {
    return SortedSearch.upperBound(x, v);
  }
}
