package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import java.util.Arrays;
import java.util.List;

/**
 * Times when a controller's worker was continuously busy: the union of all its reconciles (every
 * object), merged across dispatch gaps up to {@link #DISPATCH}. A timer that falls due inside such
 * a block waits in the queue (MaxConcurrentReconciles = 1, the default) and starts when the worker
 * frees up, so its gap exceeds the delay by the wait (docs/method.md, "Queue saturation"). Needs
 * every object of the controller: a cross-object step.
 */
final class WorkerBusy {
  /** Largest pause between two reconciles of one busy block, seconds. */
  static final double DISPATCH = 0.01;

  private final double[] from;
  private final double[] to;

  private WorkerBusy(double[] from, double[] to) {
    this.from = from;
    this.to = to;
  }

  /** The busy blocks of the controller whose streams these are (one shared origin). */
  static WorkerBusy of(List<StreamTimes> streams) {
    int total = 0;
    for (StreamTimes s : streams) {
      total += s.n;
    }
    double[] st = new double[total];
    double[] en = new double[total];
    int k = 0;
    for (StreamTimes s : streams) {
      System.arraycopy(s.start, 0, st, k, s.n);
      System.arraycopy(s.end, 0, en, k, s.n);
      k += s.n;
    }
    int[] order = Order.argsort(st);
    double[] f = new double[total];
    double[] t = new double[total];
    int m = -1;
    for (int o : order) {
      if (m >= 0 && st[o] <= t[m] + DISPATCH) {
        t[m] = Math.max(t[m], en[o]);
      } else {
        m++;
        f[m] = st[o];
        t[m] = en[o];
      }
    }
    return new WorkerBusy(Arrays.copyOf(f, m + 1), Arrays.copyOf(t, m + 1));
  }

  /**
   * True when the worker was busy without a break from {@code since} until just before {@code
   * start} (seconds from the controller's origin).
   */
  boolean busyUntil(double since, double start) {
    int i = SortedSearch.upperBound(from, start) - 1;
    return i >= 0 && from[i] <= since && start > from[i] + 1e-9 && to[i] + DISPATCH >= start;
  }
}
