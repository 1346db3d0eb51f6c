package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.PairScan;
import io.github.wakeupanalyze.analyze.hazard.PoissonTail;
import io.github.wakeupanalyze.analyze.numeric.Chance;
import java.util.List;

/**
 * Step 3 (docs/method.md, "Queue semantics"): does a timer keep its earliest deadline when an
 * event-driven reconcile comes in between (client-go's delaying queue, kube-rs), or restart after
 * every reconcile (controller-runtime's priority queue, the Java Operator SDK)?
 *
 * <p>Two counts over the streams: {@code prev}, reconciles whose <em>previous</em> end lies at a
 * lag in the timer's window, and {@code any}, reconciles with <em>some</em> earlier end at such a
 * lag. Under a reset queue any − prev is chance alone: E = Σ (n − prev)·(1 − e^(−ρ·width)) with ρ
 * the stream's reconcile rate. The queue keeps the earliest deadline when any − prev > E + 3√E + 3.
 * Each stream contributes its own three numbers ({@link Counts}), so the test works from per-object
 * summaries.
 */
final class QueueSemantics {
  private QueueSemantics() {}

  /** One stream's contribution: prev and any matches, and the chance expectation of any − prev. */
  record Counts(double prev, double any, double chance) {
    static final Counts ZERO = new Counts(0, 0, 0);

    Counts plus(Counts o) {
      return new Counts(prev + o.prev, any + o.any, chance + o.chance);
    }
  }

  /** One stream's counts for a delay window [lo, hi]; zero for fewer than 3 reconciles. */
  static Counts counts(StreamTimes s, double lo, double hi) {
    if (s.n < 3) {
      return Counts.ZERO;
    }
    int prev = 0;
    for (int j = 1; j < s.n; j++) {
      if (s.gap[j] >= lo && s.gap[j] <= hi) {
        prev++;
      }
    }
    int any = PairScan.anyEarlierEnd(s.start, s.sortedEnds, lo, hi);
    return new Counts(prev, any, (s.n - prev) * Chance.someIn(s.rate(), hi - lo));
  }

  /**
   * True when the summed counts say "earliest deadline kept": any − prev above E + 3√E + 3, or, for
   * few reconciles (a short window), at least {@link #FEW} such reconciles where chance expects so
   * few that P(Poisson(E) ≥ any − prev) ≤ {@link #FEW_ALPHA}: two anchored starts where E = 0.01
   * (tail 5·10⁻⁵) say more than the fixed margin of 3 lets them.
   */
  static boolean earliest(Counts c) {
    double excess = c.any() - c.prev();
    if (Chance.beyond(excess, c.chance(), 3)) {
      return true;
    }
    return excess >= FEW && PoissonTail.upper(excess, Math.max(c.chance(), 1e-6)) <= FEW_ALPHA;
  }

  /** Fewest anchored-not-previous starts the small-sample test accepts. */
  static final int FEW = 2;

  /** The small-sample test's tail probability under a reset queue. */
  static final double FEW_ALPHA = 1e-4;

  /** The test over some streams for a timer's padded support. */
  static boolean earliest(List<StreamTimes> streams, Timer t) {
    Counts sum = Counts.ZERO;
    for (StreamTimes s : streams) {
      sum = sum.plus(counts(s, t.lo, t.hi));
    }
    return earliest(sum);
  }
}
