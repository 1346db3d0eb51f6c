package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.Durations;
import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.analyze.hazard.SortedGaps;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;

/**
 * The engine's public steps, for callers that keep their own windows of reconciles (a live
 * receiver, a stream processor partitioned by object) as well as for {@link Analyzer}. One
 * controller is analysed in three steps (docs/method.md, "Engine structure"):
 *
 * <ol>
 *   <li>{@link #context}: cross-object. The controller's clock origin, which end its timers count
 *       from (the reconcile's, or its trailing status write's: {@link ProcessingEnds}), the timers
 *       found by pooling every object's gaps (with their queue semantics) and its worker's busy
 *       blocks.
 *   <li>{@link #object}: per object, no shared state. Evidence labels, the object's own scans and
 *       timers (plus the context's pooled timers, copied), harmonics and shadows, attribution,
 *       classification. Objects may run in any order or in parallel.
 *   <li>{@link #controller}: cross-object. The objects' own timers tested again as one family
 *       ({@link FamilyStep}: an object's own spike must pass the Benjamini–Hochberg threshold over
 *       the objects, or its object's timers are found and classified again), the sampling
 *       probability (stated, or inferred from the timer's comb, pooling every object's intervals;
 *       under thinning each object is classified again), resync bursts over the objects'
 *       unexplained reconciles (which relabels their members), each object's segmentation, and the
 *       controller's timers merged from its objects'.
 * </ol>
 *
 * {@link #analyzeController} runs the three in order and gives what the batch analysis gives for
 * the same reconciles. An object analysed with {@link ControllerContext#alone} gets what a
 * controller with that single object would get.
 */
public final class Engine {
  private final AnalysisParameters params;
  private final HazardScan.Config scan;

  public Engine(AnalysisParameters params) {
    this.params = params;
    this.scan = Analyzer.scanConfig(params);
  }

  /** What one controller gave: its result, its objects' results and classified reconciles. */
  public record ControllerOutcome(
      ControllerResult controller,
      List<StreamResult> streams,
      List<ClassifiedReconcile> reconciles) {
    public ControllerOutcome {
      streams = List.copyOf(streams);
      reconciles = List.copyOf(reconciles);
    }
  }

  /** Step 1 without evidence: {@link #context(List, EvidenceIndex)} with none. */
  public ControllerContext context(List<List<Reconcile>> streams) {
    return context(streams, EvidenceIndex.NONE);
  }

  /**
   * Step 1: the controller's context over its objects' reconciles.
   *
   * @param streams one list per object, each sorted by start and non-empty
   * @param evidence the trace's evidence (the operator's own writes after its reconciles are read)
   */
  public ControllerContext context(List<List<Reconcile>> streams, EvidenceIndex evidence) {
    long origin = Long.MAX_VALUE;
    List<long[]> ends = new ArrayList<>();
    for (List<Reconcile> rs : streams) {
      origin = Math.min(origin, rs.get(0).startNanos());
      ends.add(ProcessingEnds.of(rs, evidence));
    }
    boolean trailing = ProcessingEnds.explainBetter(streams, ends, origin, scan);
    ProcessingEnds.Anchor anchor =
        trailing ? ProcessingEnds.Anchor.TRAILING_WRITE : ProcessingEnds.Anchor.SPAN_END;
    if (streams.size() < 2) {
      return new ControllerContext(origin, List.of(), null, anchor);
    }
    List<StreamTimes> times = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      times.add(new StreamTimes(streams.get(i), origin, trailing ? ends.get(i) : null));
    }
    return new ControllerContext(origin, pooledTimers(times), WorkerBusy.of(times), anchor);
  }

  /** The arrays one after the other. */
  private static double[] concat(List<double[]> parts) {
    int total = 0;
    for (double[] part : parts) {
      total += part.length;
    }
    double[] all = new double[total];
    int k = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, all, k, part.length);
      k += part.length;
    }
    return all;
  }

  /** Timers found by pooling every object's gaps (timers shared by objects with few gaps each). */
  private List<Timer> pooledTimers(List<StreamTimes> times) {
    List<double[]> gaps = new ArrayList<>();
    List<double[]> durations = new ArrayList<>();
    for (StreamTimes t : times) {
      gaps.add(t.scanGaps());
      durations.add(t.durations());
    }
    double[] all = concat(gaps);
    List<Timer> pooled = new ArrayList<>();
    for (Spike sp : HazardScan.scan(new SortedGaps(all), scan, Durations.of(concat(durations)))) {
      Timer t = new Timer(sp, true, params);
      t.earliest = QueueSemantics.earliest(times, t);
      pooled.add(t);
    }
    return pooled;
  }

  /**
   * Step 2: one object.
   *
   * @param reconciles the object's reconciles, sorted by start, non-empty
   * @param evidence the trace's evidence (only what concerns this object is read)
   * @param context the controller's, or {@link ControllerContext#alone}
   */
  public ObjectAnalysis object(
      List<Reconcile> reconciles, EvidenceIndex evidence, ControllerContext context) {
    StreamWork w = new StreamWork(streamTimes(reconciles, evidence, context));
    w.audit = AuditEvidence.of(w.times, evidence, params);
    w.auditLogGiven = evidence.auditLog();
    w.evidence(EvidenceLabels.label(w.times, evidence, w.audit, params));
    w.busy = context.busy;
    w.pooled = context.pooledTimers;
    TimerFinder.scanOwn(w, scan);
    TimerFinder.find(w, scan, params);
    Classifier.classify(w, params);
    return new ObjectAnalysis(w, params);
  }

  /** The object's times, counted from the processing ends the context (or the object) chose. */
  private StreamTimes streamTimes(
      List<Reconcile> reconciles, EvidenceIndex evidence, ControllerContext context) {
    long[] ends =
        context.anchor == ProcessingEnds.Anchor.SPAN_END
            ? null
            : ProcessingEnds.of(reconciles, evidence);
    boolean use =
        ends != null
            && (context.anchor == ProcessingEnds.Anchor.TRAILING_WRITE
                || ProcessingEnds.explainBetter(
                    List.of(reconciles),
                    Collections.singletonList(ends),
                    context.originNanos,
                    scan));
    return new StreamTimes(reconciles, context.originNanos, use ? ends : null);
  }

  /**
   * Step 3: the controller over its objects' analyses (all of one controller, from one context).
   * Relabels the members of resync bursts in the objects given.
   */
  public ControllerOutcome controller(List<ObjectAnalysis> objects) {
    List<StreamWork> streams = new ArrayList<>();
    int total = 0;
    for (ObjectAnalysis o : objects) {
      streams.add(o.work);
      total += o.work.times.n;
    }
    List<String> notes = new ArrayList<>();
    FamilyStep.run(streams, scan, params);
    SamplingEstimate sampling = SamplingStep.run(streams, params);
    InformerClock.run(streams, params);
    TimerFinding resync = ResyncStep.run(streams, params, notes);
    List<ClassifiedReconcile> classified = new ArrayList<>(total);
    List<TimerFinding> all = new ArrayList<>();
    int insufficient = 0;
    int timerDriven = 0;
    int reconciles = 0;
    EnumMap<Cause, Integer> causes = new EnumMap<>(Cause.class);
    for (Cause c : Cause.values()) {
      causes.put(c, 0);
    }
    // each object's segmentation reads only that object: on every core
    List<StreamResult> results = objects.parallelStream().map(ObjectAnalysis::result).toList();
    for (StreamResult r : results) {
      all.addAll(r.timers());
      insufficient += r.insufficientData() ? 1 : 0;
      timerDriven += r.timerDriven();
      reconciles += r.reconciles();
    }
    for (ObjectAnalysis o : objects) {
      for (ClassifiedReconcile cr : o.reconciles()) {
        classified.add(cr);
        causes.merge(cr.classification().cause(), 1, Integer::sum);
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
              + objects.size()
              + " objects have too few reconciles to tell whether a timer drives them"
              + " (insufficient data)");
    }
    if (sampling.sampled() && streams.stream().noneMatch(s -> s.auditLogGiven)) {
      notes.add(
          "sampled trace, no complete record beside it: an event whose reconcile or write the"
              + " trace lost is told from a timer by timing alone; the operator's own log holds"
              + " every reconcile (docs/logs.md, \"Beside a trace\") and the API server's audit"
              + " log every write (docs/formats.md, \"Audit logs\"): give either beside the"
              + " trace");
    }
    StreamKey k = objects.get(0).key();
    ControllerResult result =
        new ControllerResult(
            k.operator(),
            k.controller(),
            objects.size(),
            reconciles,
            reconciles - timerDriven,
            timerDriven,
            causes,
            merged,
            insufficient,
            notes,
            sampling);
    return new ControllerOutcome(result, results, classified);
  }

  /**
   * The three steps over one controller's objects, the per-object step on every core.
   *
   * @param streams one list per object, each sorted by start and non-empty
   */
  public ControllerOutcome analyzeController(List<List<Reconcile>> streams, EvidenceIndex index) {
    EvidenceIndex evidence = index.forController(streams);
    ControllerContext context = context(streams, evidence);
    List<ObjectAnalysis> objects =
        streams.parallelStream().map(rs -> object(rs, evidence, context)).toList();
    return controller(objects);
  }
}
