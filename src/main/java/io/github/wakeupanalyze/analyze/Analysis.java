package io.github.wakeupanalyze.analyze;

import java.util.List;

/**
 * Everything the analysis found.
 *
 * @param reconciles every reconcile with its classification, sorted by stream then start
 * @param streams one result per stream, sorted
 * @param controllers one result per (operator, controller), sorted
 * @param windowStartNanos start of the observed window (earliest span start), epoch ns
 * @param windowEndNanos end of the observed window (latest span end), epoch ns
 */
public record Analysis(
    AnalysisParameters parameters,
    List<ClassifiedReconcile> reconciles,
    List<StreamResult> streams,
    List<ControllerResult> controllers,
    long windowStartNanos,
    long windowEndNanos) {
  public Analysis {
    reconciles = List.copyOf(reconciles);
    streams = List.copyOf(streams);
    controllers = List.copyOf(controllers);
  }

  /** Length of the observed window in hours; rates are per hour of this window. */
  public double hours() {
    return Math.max(0, windowEndNanos - windowStartNanos) / 3.6e12;
  }
}
