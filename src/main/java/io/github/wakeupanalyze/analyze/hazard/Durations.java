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

  /** The statistics of reconcile durations {@code d}, seconds. */
  public static Durations of(double[] d) {
    double median = Robust.median(d);
    return new Durations(median, 1.4826 * Robust.mad(d, median));
  }
}
