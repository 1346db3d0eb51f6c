package io.github.wakeupanalyze.live;

/**
 * What the online engine has counted since it started.
 *
 * @param spans spans received
 * @param duplicateSpans spans received again within one extraction, ignored
 * @param nestedReconcileSpans reconcile-named spans inside another reconcile, folded into it
 * @param orphanSpans spans whose parent had not arrived when their trace was extracted
 * @param heldSpans spans waiting for their trace to become final, now
 * @param reconciles reconciles that entered the window
 * @param duplicateReconciles reconciles received again (an export retried), counted once
 * @param lateReconciles reconciles that started before the window when they became final, dropped
 * @param evictedReconciles reconciles that left the window as it moved
 * @param reconcilesInWindow reconciles in the window now, as received (a reconcile that a trace and
 *     an operator's log both hold is two)
 * @param joinedReconciles reconciles in the window's analysis that a trace and an operator's log
 *     both hold, counted once
 */
public record LiveCounts(
    long spans,
    long duplicateSpans,
    long nestedReconcileSpans,
    long orphanSpans,
    long heldSpans,
    long reconciles,
    long duplicateReconciles,
    long lateReconciles,
    long evictedReconciles,
    long reconcilesInWindow,
    long joinedReconciles) {
  static final int RECONCILES = 0;
  static final int DUPLICATE_RECONCILES = 1;
  static final int LATE = 2;
  static final int EVICTED = 3;
  static final int WINDOW_FIELDS = 4;

  static final LiveCounts NONE = new LiveCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
