package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * The engine over one controller's objects, step by step (docs/method.md): evidence labels per
 * object; the pooled scan over every object's gaps and the worker's busy blocks (cross-object);
 * each object's own scans, timers and classification; resync bursts (cross-object); each object's
 * segmentation and result; the controller's timers merged from its objects'.
 */
final class ControllerAnalysis {
  private final AnalysisParameters params;
  private final HazardScan.Config scan;

  ControllerAnalysis(AnalysisParameters params, HazardScan.Config scan) {
    this.params = params;
    this.scan = scan;
  }

  /** What one controller gave: its result, its streams' results, its classified reconciles. */
  record Outcome(
      ControllerResult controller,
      List<StreamResult> streams,
      List<ClassifiedReconcile> reconciles) {}

  /**
   * @param group the controller's streams, each sorted by start and non-empty
   */
  Outcome run(List<List<Reconcile>> group, EvidenceIndex evidence) {
    long origin = Long.MAX_VALUE;
    for (List<Reconcile> rs : group) {
      origin = Math.min(origin, rs.get(0).startNanos());
    }
    List<StreamWork> streams = new ArrayList<>();
    List<StreamTimes> times = new ArrayList<>();
    for (List<Reconcile> rs : group) {
      StreamWork w = new StreamWork(new StreamTimes(rs, origin));
      w.evidence(EvidenceLabels.label(w.times, evidence, params));
      streams.add(w);
      times.add(w.times);
    }
    WorkerBusy busy = streams.size() > 1 ? WorkerBusy.of(times) : null;
    for (StreamWork w : streams) {
      w.busy = busy;
    }
    List<Timer> pooled = pooledTimers(times);
    // the per-object scans are independent: run them on every core, then combine in order
    streams.parallelStream().forEach(w -> TimerFinder.scanOwn(w, scan));
    for (StreamWork w : streams) {
      TimerFinder.find(w, scan, pooled, params);
      Classifier.classify(w, params);
    }
    List<String> notes = new ArrayList<>();
    TimerFinding resync = ResyncStep.run(streams, params, notes);
    return summarize(streams, resync, notes);
  }

  /** Timers found by pooling every object's gaps (timers shared by objects with few gaps each). */
  private List<Timer> pooledTimers(List<StreamTimes> times) {
    List<Spike> spikes = List.of();
    if (times.size() >= 2) {
      int total = 0;
      List<double[]> gaps = new ArrayList<>();
      for (StreamTimes t : times) {
        double[] g = t.scanGaps();
        gaps.add(g);
        total += g.length;
      }
      double[] all = new double[total];
      int k = 0;
      for (double[] g : gaps) {
        System.arraycopy(g, 0, all, k, g.length);
        k += g.length;
      }
      spikes = HazardScan.scan(all, scan);
    }
    List<Timer> pooled = new ArrayList<>();
    for (Spike sp : spikes) {
      Timer t = new Timer(sp, true, params);
      t.earliest = QueueSemantics.earliest(times, t);
      pooled.add(t);
    }
    return pooled;
  }

  private Outcome summarize(List<StreamWork> streams, TimerFinding resync, List<String> notes) {
    List<StreamResult> streamResults = new ArrayList<>();
    List<ClassifiedReconcile> classified = new ArrayList<>();
    List<TimerFinding> all = new ArrayList<>();
    int insufficient = 0;
    int timerDriven = 0;
    int reconciles = 0;
    EnumMap<Cause, Integer> causes = new EnumMap<>(Cause.class);
    for (Cause c : Cause.values()) {
      causes.put(c, 0);
    }
    for (StreamWork w : streams) {
      StreamResult r = Segmentation.result(w, params);
      streamResults.add(r);
      all.addAll(r.timers());
      insufficient += r.insufficientData() ? 1 : 0;
      timerDriven += r.timerDriven();
      reconciles += r.reconciles();
      for (int j = 0; j < w.times.n; j++) {
        classified.add(new ClassifiedReconcile(w.times.get(j), w.label[j]));
        causes.merge(w.label[j].cause(), 1, Integer::sum);
      }
    }
    List<TimerFinding> merged = TimerMerge.merge(all);
    if (resync != null) {
      merged.add(resync);
    }
    TimerMerge.sortByDelay(merged);
    if (insufficient > 0) {
      notes.add(
          insufficient
              + " of "
              + streams.size()
              + " objects have too few reconciles to tell whether a timer drives them"
              + " (insufficient data)");
    }
    StreamKey k = streams.get(0).times.get(0).key();
    ControllerResult result =
        new ControllerResult(
            k.operator(),
            k.controller(),
            streams.size(),
            reconciles,
            reconciles - timerDriven,
            timerDriven,
            causes,
            merged,
            insufficient,
            notes);
    return new Outcome(result, streamResults, classified);
  }
}
