package io.github.wakeupanalyze.analyze.sampling;

import java.util.Arrays;

/**
 * End→start gaps of one or more streams sorted into a {@link Comb}'s cells: {@code on[k]} in tooth
 * k, {@code off[k]} elsewhere in cell k (cell 0: below half a delay; cell maxTooth + 1: beyond the
 * last tooth). Counts of several streams add up ({@link #plus}), so each stream summarizes itself
 * and a controller pools the summaries.
 */
public final class CombCounts {
  private final Comb comb;
  final long[] on;
  final long[] off;

  public CombCounts(Comb comb) {
    this.comb = comb;
    on = new long[comb.maxTooth() + 2];
    off = new long[comb.maxTooth() + 2];
  }

  public Comb comb() {
    return comb;
  }

  /** Adds one gap, seconds. */
  public void add(double gap) {
    int k = comb.tooth(gap);
    if (k > 0) {
      on[k]++;
    } else {
      off[comb.cell(gap)]++;
    }
  }

  /** These counts plus another stream's (same comb). */
  public CombCounts plus(CombCounts o) {
    CombCounts sum = new CombCounts(comb);
    for (int k = 0; k < on.length; k++) {
      sum.on[k] = on[k] + o.on[k];
      sum.off[k] = off[k] + o.off[k];
    }
    return sum;
  }

  /** Gaps in tooth k. */
  public long on(int k) {
    return k >= 1 && k < on.length ? on[k] : 0;
  }

  /** Gaps in cell k outside its tooth. */
  public long off(int k) {
    return k >= 0 && k < off.length ? off[k] : 0;
  }

  public long total() {
    return Arrays.stream(on).sum() + Arrays.stream(off).sum();
  }

  /**
   * Chance hits of tooth k: gaps off the comb spread evenly over cells k−1 … k+1 would put this
   * many in tooth k (their density times the tooth's width). Example: 4 off-comb gaps over three 5
   * s cells, tooth width 0.2 s: 4/(15 − 0.6)·0.2 ≈ 0.056.
   */
  public double chance(int k) {
    if (k < 1 || k > comb.maxTooth()) {
      return 0;
    }
    double count = 0;
    double length = 0;
    for (int c = Math.max(1, k - 1); c <= Math.min(comb.maxTooth(), k + 1); c++) {
      count += off[c];
      length += comb.spacing() - 2 * comb.halfWidth(c);
    }
    return length > 0 ? count / length * 2 * comb.halfWidth(k) : 0;
  }
}
