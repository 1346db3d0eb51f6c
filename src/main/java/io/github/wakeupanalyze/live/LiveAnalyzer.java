package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.Engine;
import io.github.wakeupanalyze.analyze.EvidenceIndex;
import io.github.wakeupanalyze.analyze.StreamResult;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.unload.WakePrediction;
import io.github.wakeupanalyze.unload.WakePredictor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One analysis pass over a {@link WindowSnapshot}: the batch {@link Engine}'s three steps on every
 * controller that changed (its context across objects, each object, the controller), the other
 * controllers' last results kept, then each object's next wake-up predicted ({@link WakePredictor})
 * and the reconciles new to the window given their first verdict.
 *
 * <p>Re-running a changed controller whole, rather than patching the previous result, is what makes
 * the window's verdicts those of the batch engine on the same reconciles: the pooled timers, the
 * worker's busy blocks and resync bursts are cross-object and move with the window. A pass costs
 * the batch engine on the changed controllers' windows, O(n log n) in their reconciles. Not
 * thread-safe: one thread runs the passes.
 */
final class LiveAnalyzer {
  /** One controller's latest result and its objects' views. */
  private record ControllerState(Engine.ControllerOutcome outcome, List<ObjectView> views) {}

  private final AnalysisParameters params;
  private final Engine engine;
  private TreeMap<ControllerKey, ControllerState> controllers = new TreeMap<>();
  private long passes;

  LiveAnalyzer(AnalysisParameters params) {
    this.params = params;
    this.engine = new Engine(params);
  }

  Pass analyze(WindowSnapshot s, long[] extraction) {
    EvidenceIndex evidence = new EvidenceIndex(s.evidence(), new long[0]);
    TreeMap<ControllerKey, ControllerState> next = new TreeMap<>();
    List<FirstVerdict> first = new ArrayList<>();
    for (ControllerKey ck : s.controllers()) {
      List<List<Reconcile>> streams = s.changed().get(ck);
      ControllerState before = controllers.get(ck);
      if (streams == null && before != null) {
        next.put(ck, before);
      } else if (streams != null) {
        next.put(ck, run(streams, evidence, before, s.fresh(), first));
      }
    }
    controllers = next;
    passes++;
    return new Pass(view(s, extraction), first);
  }

  private ControllerState run(
      List<List<Reconcile>> streams,
      EvidenceIndex evidence,
      ControllerState before,
      Set<Reconcile> fresh,
      List<FirstVerdict> first) {
    Engine.ControllerOutcome o = engine.analyzeController(streams, evidence);
    Map<StreamKey, WakePrediction> previous = new HashMap<>();
    if (before != null) {
      for (ObjectView v : before.views()) {
        previous.put(v.key(), v.next());
      }
    }
    List<ObjectView> views = new ArrayList<>();
    int at = 0;
    for (StreamResult sr : o.streams()) {
      List<ClassifiedReconcile> rs = o.reconciles().subList(at, at + sr.reconciles());
      at += sr.reconciles();
      WakePrediction[] after = WakePredictor.after(rs, sr.timers());
      for (int i = 0; i < rs.size(); i++) {
        ClassifiedReconcile cr = rs.get(i);
        if (fresh.contains(cr.reconcile())) {
          WakePrediction p;
          if (i == 0) {
            p = null;
          } else if (fresh.contains(rs.get(i - 1).reconcile())) {
            p = after[i - 1];
          } else {
            p = previous.get(sr.key());
          }
          first.add(new FirstVerdict(cr, p));
        }
      }
      views.add(new ObjectView(sr, rs.get(rs.size() - 1), after[after.length - 1]));
    }
    return new ControllerState(o, views);
  }

  private LiveView view(WindowSnapshot s, long[] extraction) {
    List<ClassifiedReconcile> reconciles = new ArrayList<>();
    List<StreamResult> streams = new ArrayList<>();
    List<ControllerResult> results = new ArrayList<>();
    List<ObjectView> objects = new ArrayList<>();
    for (ControllerState c : controllers.values()) {
      results.add(c.outcome().controller());
      streams.addAll(c.outcome().streams());
      reconciles.addAll(c.outcome().reconciles());
      objects.addAll(c.views());
    }
    long end = s.watermarkNanos() == Long.MIN_VALUE ? 0 : s.watermarkNanos();
    long start = s.watermarkNanos() == Long.MIN_VALUE ? 0 : s.windowStartNanos();
    Analysis a = new Analysis(params, reconciles, streams, results, start, end);
    long[] w = s.counts();
    LiveCounts counts =
        new LiveCounts(
            extraction[0],
            extraction[1],
            extraction[2],
            extraction[3],
            extraction[4],
            w[LiveCounts.RECONCILES],
            w[LiveCounts.DUPLICATE_RECONCILES],
            w[LiveCounts.LATE],
            w[LiveCounts.EVICTED],
            s.reconcilesInWindow());
    return new LiveView(passes, s.watermarkNanos(), a, objects, counts);
  }
}
