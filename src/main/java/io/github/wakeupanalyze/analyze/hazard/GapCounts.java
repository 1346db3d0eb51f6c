package io.github.wakeupanalyze.analyze.hazard;

/**
 * Counts and exposure of a set of gaps over gap-length windows: what a hazard estimate needs.
 *
 * <p>For a window [lo, hi) the <em>count</em> is the number of gaps that end inside it and the
 * <em>exposure</em> is the total time the gaps spent at risk inside it, {@code Σ_{g ≥ lo} (min(g,
 * hi) − lo)}. Their ratio is the maximum-likelihood hazard of a piecewise-constant hazard model
 * (the life-table estimate). Two implementations share this interface: {@link SortedGaps} answers
 * in O(log n) from prefix sums, {@link DirectGapCounts} loops over every gap and is the reference
 * the fast one is tested against.
 */
public interface GapCounts {
  /** Number of gaps g with lo ≤ g &lt; hi. */
  int count(double lo, double hi);

  /** Σ over gaps g ≥ lo of (min(g, hi) − lo), in the gaps' unit (seconds). */
  double exposure(double lo, double hi);

  /** Number of gaps g ≥ x: those still "at risk" at x. */
  int atRisk(double x);

  /** Number of gaps. */
  int size();

  /** Hazard (count + prior) / exposure, or NaN when the exposure is zero. */
  default double hazard(double lo, double hi, double prior) {
    double e = exposure(lo, hi);
    return e > 0 ? (count(lo, hi) + prior) / e : Double.NaN;
  }
}
