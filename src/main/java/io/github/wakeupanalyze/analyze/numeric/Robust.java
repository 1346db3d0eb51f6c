package io.github.wakeupanalyze.analyze.numeric;

import java.util.Arrays;

/**
 * Robust location and scale: the median and the median absolute deviation. For a normal sample,
 * 1.4826·MAD estimates the standard deviation (Rousseeuw & Croux 1993); unlike it, one outlying gap
 * cannot move either estimate far.
 */
public final class Robust {
  private Robust() {}

  /** The median; NaN for an empty array. The input is not modified. */
  public static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length;
    return m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
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
