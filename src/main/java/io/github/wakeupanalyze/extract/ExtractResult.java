package io.github.wakeupanalyze.extract;

import java.util.List;

/**
 * The reconciles found in all inputs, sorted by stream then start, and what was seen on the way.
 *
 * @param reconciles outermost reconcile spans, one per (trace id, span id)
 * @param spans spans received, duplicates included
 * @param duplicates spans received again with a (trace id, span id) already seen, ignored
 * @param nestedReconcileSpans spans named like a reconcile inside another reconcile (helpers such
 *     as {@code reconcileReplsets}), folded into their outermost reconcile
 * @param orphans spans whose parent never arrived, treated as roots
 * @param reconcilesPerSource reconciles found per input, indexed as the inputs were given
 * @param windowStartNanos earliest start of any span, epoch ns (0 when there were no spans)
 * @param windowEndNanos latest end of any span, epoch ns
 * @param evidence writes by other clients and reconcile span links, for the analysis
 */
public record ExtractResult(
    List<io.github.wakeupanalyze.model.Reconcile> reconciles,
    long spans,
    long duplicates,
    long nestedReconcileSpans,
    long orphans,
    List<Long> reconcilesPerSource,
    long windowStartNanos,
    long windowEndNanos,
    io.github.wakeupanalyze.model.TraceEvidence evidence) {
  public ExtractResult {
    reconciles = List.copyOf(reconciles);
    reconcilesPerSource = List.copyOf(reconcilesPerSource);
    evidence = evidence == null ? io.github.wakeupanalyze.model.TraceEvidence.NONE : evidence;
  }

  /** Without evidence (the components before {@code evidence} was added). */
  public ExtractResult(
      List<io.github.wakeupanalyze.model.Reconcile> reconciles,
      long spans,
      long duplicates,
      long nestedReconcileSpans,
      long orphans,
      List<Long> reconcilesPerSource,
      long windowStartNanos,
      long windowEndNanos) {
    this(
        reconciles,
        spans,
        duplicates,
        nestedReconcileSpans,
        orphans,
        reconcilesPerSource,
        windowStartNanos,
        windowEndNanos,
        io.github.wakeupanalyze.model.TraceEvidence.NONE);
  }
}
