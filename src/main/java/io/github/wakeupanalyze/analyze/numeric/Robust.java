package io.github.wakeupanalyze.analyze.numeric;

/**
 * Robust location and scale: the median and the median absolute deviation. For a normal sample,
 * 1.4826·MAD estimates the standard deviation (Rousseeuw & Croux 1993); unlike it, one outlying gap
 * cannot move either estimate far.
 */
public final class Robust {
  private Robust() {}

  /**
   * The median; NaN for an empty array. The input is not modified. Found by selection (expected
   * O(n)), not by sorting: the values are exactly those a sort would put in the middle.
   */
  public static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    int m = s.length;
    double upper = select(s, m / 2);
    if (m % 2 == 1) {
      return upper;
    }
    double lower = s[0]; // after select, s[0 .. m/2) holds the m/2 smallest: take their largest
    for (int i = 1; i < m / 2; i++) {
      lower = Math.max(lower, s[i]);
    }
    return 0.5 * (lower + upper);
  }

  /**
   * The k-th smallest value (from 0), rearranging {@code a} so that every value before index k is
   * at most it and every value after at least it (Hoare's quickselect; the pivot is the median of
   * three, so sorted and reversed inputs stay linear). No NaN in {@code a}.
   */
  static double select(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      double p = medianOf3(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < p) {
          i++;
        }
        while (a[j] > p) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static double medianOf3(double x, double y, double z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }

  /** The median of |v − center|. */
  public static double mad(double[] v, double center) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = Math.abs(v[i] - center);
    }
    return median(d);
  }
}
