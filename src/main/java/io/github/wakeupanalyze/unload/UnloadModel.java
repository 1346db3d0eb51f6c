package io.github.wakeupanalyze.unload;

import java.util.Arrays;

/**
 * The unload/reload model of a runtime (e.g. a shared WebAssembly host) that unloads an operator
 * once it has been idle for {@code T} and loads it again on its next reconcile.
 *
 * <p><b>Busy and idle.</b> The operator is busy while any of its reconciles runs (all its
 * controllers and objects merged: reconciles may overlap), over the closed interval {@code [start,
 * end]}; otherwise it is idle. An idle stretch of length {@code g} between the end of busy time and
 * the next reconcile's start unloads the operator for {@code g − T} and costs one reload when
 * {@code g > T} (strictly: an operator idle for exactly {@code T} is unloaded for no time and needs
 * no reload).
 *
 * <p><b>Edges of the window</b> {@code [windowStart, windowEnd]}, the observed window the rates are
 * normalized by. At the start the operator is <em>loaded and its idle clock starts</em>, as if a
 * reconcile had just ended at {@code windowStart}: what happened before the trace is unknown, and
 * this is the convention that neither invents a reload nor hides one (a first reconcile more than
 * {@code T} after the start is a reload). At the end, idle time after the last busy time unloads
 * the operator as anywhere else ({@code windowEnd − lastEnd − T} when positive) and no reload is
 * counted, since none is observed. Reconciles are clipped to the window.
 *
 * <p>Assumes loading and unloading take no time (a reload's cost is counted, not simulated) and
 * that the runtime keeps the operator loaded while any reconcile runs.
 */
public final class UnloadModel {
  private UnloadModel() {}

  /**
   * Runs the model.
   *
   * @param starts reconcile starts, epoch ns, any order
   * @param ends reconcile ends, same index as {@code starts}, each at or after its start
   * @param windowStart start of the observed window, epoch ns
   * @param windowEnd end of the observed window, epoch ns, at or after {@code windowStart}
   * @param unloadAfterNanos idle time before unloading, at least 0
   */
  public static UnloadResult run(
      long[] starts, long[] ends, long windowStart, long windowEnd, long unloadAfterNanos) {
    if (starts.length != ends.length) {
      throw new IllegalArgumentException("starts and ends differ in length");
    }
    if (windowEnd < windowStart || unloadAfterNanos < 0) {
      throw new IllegalArgumentException("bad window or unload-after");
    }
    long[][] intervals = new long[starts.length][];
    for (int i = 0; i < starts.length; i++) {
      if (ends[i] < starts[i]) {
        throw new IllegalArgumentException("interval " + i + " ends before it starts");
      }
      intervals[i] =
          new long[] {
            clip(starts[i], windowStart, windowEnd), clip(ends[i], windowStart, windowEnd)
          };
    }
    Arrays.sort(intervals, (a, b) -> Long.compare(a[0], b[0]));
    long lastBusyEnd = windowStart;
    long reloads = 0;
    long unloaded = 0;
    for (long[] in : intervals) {
      long idle = in[0] - lastBusyEnd;
      if (idle > unloadAfterNanos) {
        reloads++;
        unloaded += idle - unloadAfterNanos;
      }
      lastBusyEnd = Math.max(lastBusyEnd, in[1]);
    }
    long tail = windowEnd - lastBusyEnd;
    if (tail > unloadAfterNanos) {
      unloaded += tail - unloadAfterNanos;
    }
    return new UnloadResult(unloadAfterNanos, windowEnd - windowStart, reloads, unloaded);
  }

  private static long clip(long t, long lo, long hi) {
    return Math.max(lo, Math.min(hi, t));
  }
}
