package io.github.wakeupanalyze.model;

/**
 * When one operator was observed: from the first start to the last end of any of its spans, epoch
 * ns. Its rates are per hour of this window, not of the merged window of every input.
 */
public record ObservedWindow(long startNanos, long endNanos) {
  /** Length in hours, e.g. 0.5; 0 when empty. */
  public double hours() {
    return Math.max(0, endNanos - startNanos) / 3.6e12;
  }
}
