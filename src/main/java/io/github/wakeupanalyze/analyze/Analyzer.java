package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds timers and classifies every reconcile of a whole trace: the batch entry point of the
 * engine. It groups the reconciles by controller and runs the {@link Engine}'s steps on each; the
 * method, its assumptions and its limits are in docs/method.md.
 *
 * <p>Assumptions: one worker per object (controller-runtime and kube-rs never reconcile one object
 * twice at once); complete records (a lost record shows as a harmonic); fixed RequeueAfter delays
 * (a delay computed per reconcile gives no spike). Cost O(N log N) overall.
 */
public final class Analyzer {
  private final AnalysisParameters params;

  public Analyzer(AnalysisParameters params) {
    this.params = params;
  }

  /** The spike scans' settings for these parameters. */
  static HazardScan.Config scanConfig(AnalysisParameters params) {
    return new HazardScan.Config(
        params.minGapSeconds(),
        params.significance(),
        params.minTimerReconciles(),
        params.maxTimers(),
        params.sharpLimit(),
        TimerFinder.RESOLUTION);
  }

  /**
   * Analyzes reconciles of any number of streams, from timing and {@code --events} only.
   *
   * @param reconciles sorted by stream then start (as {@code ReconcileExtractor} returns them)
   * @param externalEvents sorted epoch-ns times of known external changes, may be empty
   * @param windowStartNanos start of the observed window
   * @param windowEndNanos end of the observed window
   */
  public Analysis analyze(
      List<Reconcile> reconciles,
      long[] externalEvents,
      long windowStartNanos,
      long windowEndNanos) {
    return analyze(
        reconciles, externalEvents, TraceEvidence.NONE, windowStartNanos, windowEndNanos);
  }

  /**
   * Analyzes reconciles of any number of streams, with the trace's own evidence.
   *
   * @param evidence writes by other clients and reconcile span links ({@code
   *     ExtractResult.evidence()})
   */
  public Analysis analyze(
      List<Reconcile> reconciles,
      long[] externalEvents,
      TraceEvidence evidence,
      long windowStartNanos,
      long windowEndNanos) {
    EvidenceIndex ev = new EvidenceIndex(evidence, externalEvents);
    Engine engine = new Engine(params);
    List<ClassifiedReconcile> classified = new ArrayList<>(reconciles.size());
    List<StreamResult> streams = new ArrayList<>();
    List<ControllerResult> controllers = new ArrayList<>();
    for (List<List<Reconcile>> group : byController(reconciles)) {
      Engine.ControllerOutcome o = engine.analyzeController(group, ev);
      controllers.add(o.controller());
      streams.addAll(o.streams());
      classified.addAll(o.reconciles());
    }
    controllers.sort(
        (a, b) ->
            a.operator().equals(b.operator())
                ? a.controller().compareTo(b.controller())
                : a.operator().compareTo(b.operator()));
    return new Analysis(params, classified, streams, controllers, windowStartNanos, windowEndNanos);
  }

  /** Consecutive runs of one controller, each split into its streams (views, not copies). */
  static List<List<List<Reconcile>>> byController(List<Reconcile> reconciles) {
    List<List<List<Reconcile>>> out = new ArrayList<>();
    int i = 0;
    while (i < reconciles.size()) {
      StreamKey first = reconciles.get(i).key();
      List<List<Reconcile>> group = new ArrayList<>();
      int j = i;
      while (j < reconciles.size() && sameController(reconciles.get(j).key(), first)) {
        int k = j;
        StreamKey key = reconciles.get(j).key();
        while (k < reconciles.size() && reconciles.get(k).key().equals(key)) {
          k++;
        }
        group.add(reconciles.subList(j, k));
        j = k;
      }
      out.add(group);
      i = j;
    }
    return out;
  }

  private static boolean sameController(StreamKey a, StreamKey b) {
    return a.operator().equals(b.operator()) && a.controller().equals(b.controller());
  }
}
