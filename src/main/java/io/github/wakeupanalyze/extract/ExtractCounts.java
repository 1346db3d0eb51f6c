package io.github.wakeupanalyze.extract;

/**
 * What extraction saw on the way, for the extraction summary.
 *
 * @param spans spans received, duplicates included
 * @param duplicates spans received again (same trace id, span id and service), ignored
 * @param idCollisions spans whose trace and span ids were already taken by a span of another
 *     service: kept apart, not taken for duplicates
 * @param nestedReconcileSpans spans named like a reconcile inside another reconcile (helpers such
 *     as {@code reconcileReplsets}), folded into their outermost reconcile
 * @param orphans spans whose parent never arrived
 * @param orphanReconciles orphans taken as reconciles: named like the controller's outermost
 *     reconcile span (their parent was not exported), or like no span seen with a parent
 * @param fragments orphans named like a span that normally nests inside a reconcile, whose
 *     reconcile is missing: pieces of a lost reconcile, never counted as reconciles
 * @param lostReconciles reconciles missing from the trace whose pieces arrived ({@link
 *     LostReconcile})
 * @param lostParents distinct parent spans that never arrived
 * @param lateSpans spans that arrived after the entries of their time were evicted ({@link
 *     ExtractLimits}): they could not be checked for duplicates, and their parent may have been
 *     forgotten
 * @param lateChildren spans that arrived after their reconcile was final: they count as inside it,
 *     but their calls are not in its summary
 * @param evictedEntries span entries evicted to bound memory; 0 when the whole input fitted
 * @param horizonNanos how long, in trace time, a span stayed known after it arrived: {@link
 *     ExtractLimits#horizonNanos()}, or less when the table had to make room
 * @param mergedReconciles reconciles found both in a trace and in a record of every reconcile (an
 *     operator's log) of the same stream, counted once ({@link RecordMerge})
 */
public record ExtractCounts(
    long spans,
    long duplicates,
    long idCollisions,
    long nestedReconcileSpans,
    long orphans,
    long orphanReconciles,
    long fragments,
    long lostReconciles,
    long lostParents,
    long lateSpans,
    long lateChildren,
    long evictedEntries,
    long horizonNanos,
    long mergedReconciles) {

  /** These counts, with {@code n} reconciles found in two records. */
  public ExtractCounts withMerged(long n) {
    return new ExtractCounts(
        spans,
        duplicates,
        idCollisions,
        nestedReconcileSpans,
        orphans,
        orphanReconciles,
        fragments,
        lostReconciles,
        lostParents,
        lateSpans,
        lateChildren,
        evictedEntries,
        horizonNanos,
        n);
  }
}
