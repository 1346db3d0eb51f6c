package io.github.wakeupanalyze.analyze;

/**
 * A timer found in the reconciles of one stream, or pooled over a controller's streams.
 *
 * @param delaySeconds the timer's delay measured from the end of the previous reconcile to the
 *     start of the next (the RequeueAfter itself), median; e.g. 5.0
 * @param periodSeconds the start-to-start interval of the same reconciles, median; delay plus the
 *     reconcile's duration, e.g. 5.15
 * @param jitterSeconds robust spread of the delay, 1.4826 × median absolute deviation
 * @param reconciles reconciles attributed to this timer
 * @param objects distinct objects whose reconciles it drives
 * @param windowLowSeconds lower edge of the delay window a gap must fall in to count as this timer
 * @param windowHighSeconds upper edge of that window
 */
public record TimerFinding(
    double delaySeconds,
    double periodSeconds,
    double jitterSeconds,
    int reconciles,
    int objects,
    double windowLowSeconds,
    double windowHighSeconds) {

  public boolean contains(double gapSeconds) {
    return gapSeconds >= windowLowSeconds && gapSeconds <= windowHighSeconds;
  }
}
