package io.github.wakeupanalyze.analyze.hazard;

import io.github.wakeupanalyze.analyze.numeric.Robust;

/**
 * A stream's reconcile durations, as the comb scan needs them: what a reconcile lost to sampling
 * adds to the gap across it.
 *
 * @param median median duration, seconds
 * @param sigma robust spread, 1.4826 × MAD, seconds
 */
public record Durations(double median, double sigma) {

  /** The durations of reconciles {@code j} from {@code start[j]} to {@code end[j]}, seconds. */
  public static Durations of(double[] start, double[] end) {
    double[] d = new double[start.length];
    for (int j = 0; j < d.length; j++) {
      d[j] = end[j] - start[j];
    }
    double median = Robust.median(d);
    return new Durations(median, 1.4826 * Robust.mad(d, median));
  }
}
