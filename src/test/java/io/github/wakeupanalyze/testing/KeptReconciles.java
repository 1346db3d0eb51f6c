package io.github.wakeupanalyze.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One object's reconciles as a head-sampled trace keeps them, in seconds: a RequeueAfter armed at
 * each end, unseen edits, each reconcile kept with probability p. The timing tests of the comb and
 * of the first tooth draw their streams from here.
 *
 * @param start the kept reconciles' starts, ascending
 * @param end their ends
 */
public record KeptReconciles(double[] start, double[] end) {

  /**
   * Simulates {@code seconds} of one object: a RequeueAfter of {@code delay} s (0 for none) armed
   * at each end; an edit on average every {@code editMean} s (Poisson), which starts a reconcile at
   * once, or when the current one ends; reconciles of {@code durationMedian} s (log-normal, σ 0.4);
   * each kept with probability p.
   */
  public static KeptReconciles simulate(
      double seconds, double delay, double editMean, double durationMedian, double p, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] start = new double[64];
    double[] end = new double[64];
    int n = 0;
    double last = 0;
    double edit = exponential(rnd, editMean);
    while (last < seconds) {
      double s = delay > 0 ? last + delay : Double.POSITIVE_INFINITY;
      if (edit < s) {
        s = Math.max(edit, last);
        edit += exponential(rnd, editMean);
      }
      double z =
          Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
      last = s + durationMedian * Math.exp(0.4 * z);
      if (rnd.nextDouble() < p) {
        if (n == start.length) {
          start = Arrays.copyOf(start, 2 * n);
          end = Arrays.copyOf(end, 2 * n);
        }
        start[n] = s;
        end[n++] = last;
      }
    }
    return new KeptReconciles(Arrays.copyOf(start, n), Arrays.copyOf(end, n));
  }

  private static double exponential(SplittableRandom rnd, double mean) {
    return -mean * Math.log(1 - rnd.nextDouble());
  }

  /** Each kept reconcile's duration, end − start. */
  public double[] durations() {
    double[] d = new double[start.length];
    for (int j = 0; j < d.length; j++) {
      d[j] = end[j] - start[j];
    }
    return d;
  }

  /** End→start gaps between consecutive kept reconciles. */
  public double[] gaps() {
    double[] g = new double[Math.max(0, start.length - 1)];
    for (int j = 1; j < start.length; j++) {
      g[j - 1] = start[j] - end[j - 1];
    }
    return g;
  }
}
