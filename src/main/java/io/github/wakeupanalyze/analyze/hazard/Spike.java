package io.github.wakeupanalyze.analyze.hazard;

/**
 * A significant excess of gaps at one length: a timer candidate.
 *
 * @param low lower edge of the support, seconds: the gap lengths where the hazard is at least twice
 *     the background
 * @param high upper edge of the support, seconds
 * @param delay median gap in the support (the RequeueAfter, end→start), seconds
 * @param sigma robust spread of those gaps, 1.4826 × MAD, seconds
 * @param count gaps (or, for a pair spike, reconciles with a matching earlier end) in the support
 * @param background background hazard (per second of exposure) the spike was tested against
 * @param pValue family-wise false-alarm probability: the Poisson tail of the seeding window times
 *     the number of windows tested (Bonferroni), capped at 1; null hypothesis: locally flat gap
 *     hazard, i.e. Poisson arrivals
 * @param likelihoodRatio Poisson likelihood-ratio statistic of the seeding window (ranking)
 * @param sharp true when the support's half-width is at most 10 % of the delay
 * @param pairScan true when found by the all-anchor pair scan (earliest-deadline queues), not by
 *     the gap-hazard scan
 */
public record Spike(
    double low,
    double high,
    double delay,
    double sigma,
    int count,
    double background,
    double pValue,
    double likelihoodRatio,
    boolean sharp,
    boolean pairScan) {

  public boolean contains(double gap) {
    return gap >= low && gap <= high;
  }

  public boolean overlaps(double lo, double hi) {
    return lo <= high && hi >= low;
  }
}
