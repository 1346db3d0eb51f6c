package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.SpanLink;

/**
 * Why a key was put in a queue: the ground truth that travels with it until it is reconciled.
 *
 * @param cause what enqueued it
 * @param periodNanos the delay of a timer (RequeueAfter, backoff, resync period); 0 for events
 * @param reason the kube-rs {@code ReconcileReason} text, e.g. {@code object updated}
 * @param link the kube-apiserver span of the write behind an event, when the trace links it; or
 *     null
 */
record Wake(Cause cause, long periodNanos, String reason, SpanLink link) {
  static final String OBJECT_UPDATED = "object updated";
  static final String RELATED_UPDATED = "related object updated: ";
  static final String RECONCILER_RETRY = "reconciler requested retry";
  static final String ERROR_POLICY_RETRY = "error policy requested retry";
  static final String BULK = "bulk reconcile requested";

  static Wake event(Cause cause, String reason, SpanLink link) {
    return new Wake(cause, 0, reason, link);
  }

  static Wake timer(Cause cause, long periodNanos, String reason) {
    return new Wake(cause, periodNanos, reason, null);
  }
}
