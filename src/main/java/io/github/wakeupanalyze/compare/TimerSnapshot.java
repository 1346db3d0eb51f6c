package io.github.wakeupanalyze.compare;

/**
 * A timer of one controller, as either side reports it.
 *
 * @param delaySeconds end-of-reconcile to next start, e.g. 5.0
 * @param periodSeconds start to start, e.g. 5.15
 * @param jitterSeconds robust spread of the delay
 * @param reconciles reconciles it drove
 * @param objects objects whose reconciles it drove
 */
public record TimerSnapshot(
    double delaySeconds, double periodSeconds, double jitterSeconds, int reconciles, int objects) {}
