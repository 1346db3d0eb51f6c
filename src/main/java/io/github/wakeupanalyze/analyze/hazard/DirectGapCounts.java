package io.github.wakeupanalyze.analyze.hazard;

/**
 * The obviously correct O(n) {@link GapCounts}: every query loops over every gap. The reference
 * {@link SortedGaps} is tested against; never used by the engine.
 */
public final class DirectGapCounts implements GapCounts {
  private final double[] gaps;

  public DirectGapCounts(double[] gaps) {
    this.gaps = gaps.clone();
  }

  @Override
  public int count(double lo, double hi) {
    int k = 0;
    for (double g : gaps) {
      if (g >= lo && g < hi) {
        k++;
      }
    }
    return k;
  }

  @Override
  public double exposure(double lo, double hi) {
    double e = 0;
    for (double g : gaps) {
      if (g >= lo) {
        e += Math.min(g, hi) - lo;
      }
    }
    return Math.max(0, e);
  }

  @Override
  public int atRisk(double x) {
    int k = 0;
    for (double g : gaps) {
      if (g >= x) {
        k++;
      }
    }
    return k;
  }

  @Override
  public int size() {
    return gaps.length;
  }
}
