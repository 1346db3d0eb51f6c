package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.Engine;
import io.github.wakeupanalyze.analyze.EvidenceIndex;
import io.github.wakeupanalyze.analyze.StreamResult;
import io.github.wakeupanalyze.extract.TwoRecords;
import io.github.wakeupanalyze.model.ObservedWindow;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.unload.WakePrediction;
import io.github.wakeupanalyze.unload.WakePredictor;
import java.util.ArrayList;
import java.util.BitSet;
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
 *
 * <p>With an operator's log in the window, a pass first joins the log's reconciles with the trace's
 * over every stream ({@link TwoRecords}, as {@code analyze trace op.log} does) and runs every
 * controller. A reconcile is given its first verdict once: when it (and, for a joined one, its log
 * part) has had none, so whichever record arrived first gave it.
 */
final class LiveAnalyzer {
  /** One controller's latest result and its objects' views. */
  private record ControllerState(Engine.ControllerOutcome outcome, List<ObjectView> views) {}

  /** A reconcile's identity across copies: its trace and span ids. */
  private record Id(long high, long low, long span) {
    static Id of(Reconcile r) {
      return new Id(r.traceIdHigh(), r.traceIdLow(), r.spanId());
    }
  }

  /** How a log's operator becomes the trace's: the name on the records' resource. */
  static final String ADVICE =
      "set service.name=%s on the log records' resource (a resource processor in the Collector)"
          + " to read them as the trace's operator";

  /** The input index of the logs' reconciles: the record of every reconcile. */
  private static final BitSet LOGGED = BitSet.valueOf(new long[] {1L << TraceAssembler.LOG_SOURCE});

  private final AnalysisParameters params;
  private final Engine engine;
  private TreeMap<ControllerKey, ControllerState> controllers = new TreeMap<>();
  private long passes;
  private long joined;
  private List<String> notes = List.of();

  /** The time each logged operator's log covers in the window, by operator ({@link #analyze}). */
  private Map<String, ObservedWindow> logged = Map.of();

  /**
   * The reconciles that entered the window and have not had a first verdict, with their starts: a
   * trace's reconcile after the time its operator's log covers waits for its line.
   */
  private final Map<Id, Long> pending = new HashMap<>();

  LiveAnalyzer(AnalysisParameters params) {
    this.params = params;
    this.engine = new Engine(params);
  }

  Pass analyze(WindowSnapshot s, long[] extraction) {
    EvidenceIndex evidence = new EvidenceIndex(s.evidence(), new long[0]);
    for (Reconcile r : s.fresh()) {
      pending.put(Id.of(r), r.startNanos());
    }
    pending.values().removeIf(start -> start < s.windowStartNanos());
    Map<ControllerKey, List<List<Reconcile>>> changed = s.changed();
    Set<ControllerKey> keys = s.controllers();
    TwoRecords two = null;
    if (s.logged()) {
      two = new TwoRecords(LOGGED, true, ADVICE);
      changed = joined(changed, two);
      keys = changed.keySet();
    }
    joined = two == null ? 0 : two.merged();
    notes = two == null ? List.of() : two.namingWarnings();
    logged = two == null ? Map.of() : two.covered();
    TreeMap<ControllerKey, ControllerState> next = new TreeMap<>();
    List<FirstVerdict> first = new ArrayList<>();
    for (ControllerKey ck : keys) {
      List<List<Reconcile>> streams = changed.get(ck);
      ControllerState before = controllers.get(ck);
      if (streams == null && before != null) {
        next.put(ck, before);
      } else if (streams != null) {
        next.put(ck, run(streams, evidence, before, two, first));
      }
    }
    controllers = next;
    passes++;
    return new Pass(view(s, extraction), first);
  }

  /**
   * The trace's and the logs' reconciles of every stream in the window joined ({@link TwoRecords},
   * as {@code analyze trace op.log} joins them), grouped by controller again: a kube-rs log's
   * stream joined by its object moves to the trace's controller.
   */
  private static Map<ControllerKey, List<List<Reconcile>>> joined(
      Map<ControllerKey, List<List<Reconcile>>> all, TwoRecords two) {
    TreeMap<StreamKey, List<Reconcile>> streams = new TreeMap<>();
    for (List<List<Reconcile>> controller : all.values()) {
      for (List<Reconcile> stream : controller) {
        streams.put(stream.get(0).key(), new ArrayList<>(stream));
      }
    }
    Map<ControllerKey, List<List<Reconcile>>> out = new TreeMap<>();
    two.merge(streams)
        .forEach(
            (k, stream) ->
                out.computeIfAbsent(ControllerKey.of(k), c -> new ArrayList<>()).add(stream));
    return out;
  }

  /**
   * Whether {@code r} has not had its first verdict: neither it nor, when it joins the two records,
   * its log part was given one (the log's line may come before or after the trace's span).
   */
  private boolean waiting(Reconcile r, TwoRecords two) {
    Reconcile log = two == null ? null : two.logPartOf(r);
    return pending.containsKey(Id.of(r)) && (log == null || pending.containsKey(Id.of(log)));
  }

  private void verdictGiven(Reconcile r, TwoRecords two) {
    pending.remove(Id.of(r));
    Reconcile log = two == null ? null : two.logPartOf(r);
    if (log != null) {
      pending.remove(Id.of(log));
    }
  }

  private ControllerState run(
      List<List<Reconcile>> streams,
      EvidenceIndex evidence,
      ControllerState before,
      TwoRecords two,
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
      boolean[] waiting = new boolean[rs.size()];
      for (int i = 0; i < rs.size(); i++) {
        waiting[i] = waiting(rs.get(i).reconcile(), two);
      }
      for (int i = 0; i < rs.size(); i++) {
        ClassifiedReconcile cr = rs.get(i);
        if (waiting[i]) {
          WakePrediction p;
          if (i == 0) {
            p = null;
          } else if (waiting[i - 1]) {
            p = after[i - 1];
          } else {
            p = previous.get(sr.key());
          }
          first.add(new FirstVerdict(cr, p));
          verdictGiven(cr.reconcile(), two);
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
    // a logged operator's analysis is of the time its log covers, as analyze's is: its rates are
    // per hour of that time, not of a window the log may have started inside
    Map<String, ObservedWindow> windows = new HashMap<>();
    logged.forEach(
        (op, w) ->
            windows.put(
                op,
                new ObservedWindow(
                    Math.max(start, w.startNanos()),
                    Math.max(Math.max(start, w.startNanos()), Math.min(end, w.endNanos())))));
    Analysis a = new Analysis(params, reconciles, streams, results, start, end, windows);
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
            s.reconcilesInWindow(),
            joined);
    return new LiveView(passes, s.watermarkNanos(), a, objects, counts, notes);
  }
}
