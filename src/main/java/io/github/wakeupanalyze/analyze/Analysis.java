package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.ObservedWindow;
import java.util.List;
import java.util.Map;

/**
 * Everything the analysis found.
 *
 * @param reconciles every reconcile with its classification, sorted by stream then start
 * @param streams one result per stream, sorted
 * @param controllers one result per (operator, controller), sorted
 * @param windowStartNanos start of the observed window (earliest span start), epoch ns
 * @param windowEndNanos end of the observed window (latest span end), epoch ns
 * @param operatorWindows each operator's own observed window, by operator; an operator without one
 *     is observed over the whole window
 */
public record Analysis(
    AnalysisParameters parameters,
    List<ClassifiedReconcile> reconciles,
    List<StreamResult> streams,
    List<ControllerResult> controllers,
    long windowStartNanos,
    long windowEndNanos,
    Map<String, ObservedWindow> operatorWindows) {
  public Analysis {
    reconciles = List.copyOf(reconciles);
    streams = List.copyOf(streams);
    controllers = List.copyOf(controllers);
    operatorWindows = Map.copyOf(operatorWindows);
  }

  /** An analysis whose operators are all observed over the whole window. */
  public Analysis(
      AnalysisParameters parameters,
      List<ClassifiedReconcile> reconciles,
      List<StreamResult> streams,
      List<ControllerResult> controllers,
      long windowStartNanos,
      long windowEndNanos) {
    this(parameters, reconciles, streams, controllers, windowStartNanos, windowEndNanos, Map.of());
  }

  /** This analysis with each operator's own observed window. */
  public Analysis withOperatorWindows(Map<String, ObservedWindow> windows) {
    return new Analysis(
        parameters, reconciles, streams, controllers, windowStartNanos, windowEndNanos, windows);
  }

  /** Length of the observed window in hours. */
  public double hours() {
    return Math.max(0, windowEndNanos - windowStartNanos) / 3.6e12;
  }

  /**
   * Length of {@code operator}'s own observed window in hours; its rates are per hour of it, so an
   * operator whose trace covers a tenth of the merged inputs is not made to look ten times quieter.
   */
  public double hours(String operator) {
    return window(operator).hours();
  }

  /** {@code operator}'s own observed window, or the whole window when it has none. */
  public ObservedWindow window(String operator) {
    ObservedWindow w = operatorWindows.get(operator);
    return w == null ? new ObservedWindow(windowStartNanos, windowEndNanos) : w;
  }
}
