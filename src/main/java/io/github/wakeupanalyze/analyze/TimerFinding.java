package io.github.wakeupanalyze.analyze;

import java.util.List;

/**
 * A timer (or other periodic wake-up source) found in the reconciles of one stream, or pooled over
 * a controller's streams.
 *
 * @param delaySeconds the timer's delay measured from the end of the previous reconcile (the
 *     anchoring one, for an earliest-deadline queue) to the start of the next: the RequeueAfter
 *     itself, median; e.g. 5.0. For {@code source = RESYNC}: the median interval between bursts,
 *     NaN after a single burst
 * @param periodSeconds the start-to-start interval of the same reconciles, median; delay plus the
 *     reconcile's duration, e.g. 5.15
 * @param jitterSeconds robust spread of the delay, 1.4826 × median absolute deviation
 * @param reconciles reconciles attributed to this timer
 * @param objects distinct objects whose reconciles it drives
 * @param windowLowSeconds lower edge of the delay window a gap must fall in to count as this timer
 * @param windowHighSeconds upper edge of that window
 * @param pValue false-alarm probability of the detection, Bonferroni-adjusted over every window
 *     tested; null hypothesis: locally flat end→start gap hazard (Poisson arrivals). For resync:
 *     chance probability of the burst under independent Poisson starts
 * @param queue {@link Queue#RESET} (the timer restarts after every reconcile: controller-runtime
 *     priority queue, java-operator-sdk), {@link Queue#EARLIEST} (earliest deadline kept: client-go
 *     delaying queue, kube-rs scheduler), or {@link Queue#NOT_APPLICABLE}
 * @param tier {@link Tier#SHARP} (half-width ≤ 10 % of the delay) or {@link Tier#WIDE} (possibly a
 *     quasi-periodic event source, weaker evidence)
 * @param source what drives it: {@link TimerSource#REQUEUE} (RequeueAfter), {@link
 *     TimerSource#ERROR_RETRY}, {@link TimerSource#RESYNC} (informer resync bursts across objects),
 *     or {@link TimerSource#EXTERNAL_PERIODIC} (a periodic source outside the operator)
 * @param activeRanges when the timer was active (conditional timers), at most {@value #MAX_RANGES},
 *     sorted
 */
public record TimerFinding(
    double delaySeconds,
    double periodSeconds,
    double jitterSeconds,
    int reconciles,
    int objects,
    double windowLowSeconds,
    double windowHighSeconds,
    double pValue,
    Queue queue,
    Tier tier,
    TimerSource source,
    List<TimeRange> activeRanges) {
  public static final int MAX_RANGES = 200;

  public TimerFinding {
    activeRanges = List.copyOf(activeRanges);
  }

  /** The components before significance and queue behaviour were added. */
  public TimerFinding(
      double delaySeconds,
      double periodSeconds,
      double jitterSeconds,
      int reconciles,
      int objects,
      double windowLowSeconds,
      double windowHighSeconds) {
    this(
        delaySeconds,
        periodSeconds,
        jitterSeconds,
        reconciles,
        objects,
        windowLowSeconds,
        windowHighSeconds,
        Double.NaN,
        Queue.NOT_APPLICABLE,
        Tier.SHARP,
        TimerSource.REQUEUE,
        List.of());
  }

  public boolean contains(double gapSeconds) {
    return gapSeconds >= windowLowSeconds && gapSeconds <= windowHighSeconds;
  }
}
