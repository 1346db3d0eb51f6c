package io.github.wakeupanalyze.compare;

/**
 * One metric on both sides. NaN means the side does not have it (operator absent, field missing,
 * empty window).
 */
public record Change(double baseline, double candidate) {
  /** Candidate minus baseline; NaN when either is unknown. */
  public double difference() {
    return candidate - baseline;
  }

  /**
   * Difference over baseline: {@code +0.2} for a 20 % increase; 0 when both are 0; ±infinity when
   * only the baseline is 0; NaN when either is unknown.
   */
  public double relative() {
    if (Double.isNaN(baseline) || Double.isNaN(candidate)) {
      return Double.NaN;
    }
    if (baseline == 0) {
      return candidate == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, candidate);
    }
    return (candidate - baseline) / Math.abs(baseline);
  }

  public boolean known() {
    return !Double.isNaN(baseline) && !Double.isNaN(candidate);
  }
}
