package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ObservedWindow;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.List;
import java.util.Map;

/**
 * The reconciles found in all inputs, sorted by stream then start, and what was seen on the way.
 *
 * <p>Times are on one clock per group of services linked by client/server spans: the clock of the
 * service with the most reconciles. Evidence (writes) and the reconciles of other operators are
 * moved onto it by {@link #clockOffsets()} where there are enough pairs.
 *
 * @param reconciles outermost reconcile spans, one per (trace id, span id, service)
 * @param counts spans, duplicates, orphans, fragments, evictions
 * @param reconcilesPerSource reconciles found per input, indexed as the inputs were given
 * @param windowStartNanos earliest start of any span, epoch ns (0 when there were no spans)
 * @param windowEndNanos latest end of any span, epoch ns
 * @param operatorWindows each operator's own observed window, by operator (service) name
 * @param evidence writes by other clients and reconcile span links, for the analysis
 * @param lostReconciles reconciles missing from the trace whose pieces arrived, sorted by stream
 *     then start
 * @param clockOffsets estimated clock offsets, one per service linked to a reference, sorted
 * @param sampling what each operator's traces state about their sampling, sorted by operator
 * @param warnings one line each, for the user (identical ids across services, spans that arrived
 *     too late, samplers that state no probability)
 */
public record ExtractResult(
    List<Reconcile> reconciles,
    ExtractCounts counts,
    List<Long> reconcilesPerSource,
    long windowStartNanos,
    long windowEndNanos,
    Map<String, ObservedWindow> operatorWindows,
    TraceEvidence evidence,
    List<LostReconcile> lostReconciles,
    List<ClockOffset> clockOffsets,
    List<SamplingSummary> sampling,
    List<String> warnings) {
  public ExtractResult {
    reconciles = List.copyOf(reconciles);
    reconcilesPerSource = List.copyOf(reconcilesPerSource);
    operatorWindows = Map.copyOf(operatorWindows);
    evidence = evidence == null ? TraceEvidence.NONE : evidence;
    lostReconciles = List.copyOf(lostReconciles);
    clockOffsets = List.copyOf(clockOffsets);
    sampling = List.copyOf(sampling);
    warnings = List.copyOf(warnings);
  }

  /** Spans received, duplicates included. */
  public long spans() {
    return counts.spans();
  }

  /** Spans received again, ignored. */
  public long duplicates() {
    return counts.duplicates();
  }

  /** Reconcile-named spans folded into an outer reconcile. */
  public long nestedReconcileSpans() {
    return counts.nestedReconcileSpans();
  }

  /** Spans whose parent never arrived. */
  public long orphans() {
    return counts.orphans();
  }

  /** The observed window of {@code operator}, or the merged window when it has none. */
  public ObservedWindow window(String operator) {
    ObservedWindow w = operatorWindows.get(operator);
    return w != null ? w : new ObservedWindow(windowStartNanos, windowEndNanos);
  }
}
