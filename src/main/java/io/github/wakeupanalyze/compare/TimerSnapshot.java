package io.github.wakeupanalyze.compare;

/**
 * A timer of one controller, as either side reports it.
 *
 * @param delaySeconds end-of-reconcile to next start, e.g. 5.0
 * @param periodSeconds start to start, e.g. 5.15
 * @param jitterSeconds robust spread of the delay
 * @param reconciles reconciles it drove
 * @param objects objects whose reconciles it drove
 * @param callSite the call site matched to it in the operator's source, as {@code file:line} with
 *     the directory left out, e.g. {@code psmdb_controller.go:290}; empty when the side's {@code
 *     summary.json} holds none (written by {@code analyze --sources})
 */
public record TimerSnapshot(
    double delaySeconds,
    double periodSeconds,
    double jitterSeconds,
    int reconciles,
    int objects,
    String callSite) {
  public TimerSnapshot {
    callSite = callSite == null ? "" : callSite;
  }

  /** A timer with no call site known. */
  public TimerSnapshot(
      double delaySeconds,
      double periodSeconds,
      double jitterSeconds,
      int reconciles,
      int objects) {
    this(delaySeconds, periodSeconds, jitterSeconds, reconciles, objects, "");
  }

  /** {@code 5 s}, or {@code 5 s ← psmdb_controller.go:290} when the call site is known. */
  String described() {
    return Fmt.duration(delaySeconds) + (callSite.isEmpty() ? "" : " ← " + callSite);
  }
}
