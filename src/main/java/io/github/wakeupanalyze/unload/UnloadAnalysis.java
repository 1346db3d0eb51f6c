package io.github.wakeupanalyze.unload;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.StreamResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the {@link UnloadModel} per operator of an analysis, over the analysis' observed window, for
 * each unload-after time, as observed and without the timer-driven reconciles.
 *
 * <p>The counterfactual assumes event-driven reconciles would happen at the same times and last as
 * long without the timers. Removing reconciles only merges idle stretches, so unloaded time gained
 * is never negative, but reloads avoided can be: a timer that fires more often than every {@code T}
 * keeps the operator loaded (no reload at all), and without it the operator unloads and is reloaded
 * by each event that follows a long enough quiet stretch.
 *
 * <p>{@link #tables} adds the predictive policy ({@link PredictiveModel}) at each reload lead.
 */
public final class UnloadAnalysis {
  /** The default unload-after times: 1 s, 5 s and 30 s, in ns. */
  public static final List<Long> DEFAULT_UNLOAD_AFTER_NANOS =
      List.of(1_000_000_000L, 5_000_000_000L, 30_000_000_000L);

  /** The default reload lead of the predictive policy: 1 s, in ns. */
  public static final List<Long> DEFAULT_RELOAD_LEAD_NANOS = List.of(1_000_000_000L);

  private UnloadAnalysis() {}

  /**
   * Both policies per operator (sorted by name): the idle timeout at each unload-after time and the
   * predictive policy at each reload lead, over the analysis' observed window.
   */
  public static Map<String, UnloadTable> tables(
      Analysis a, List<Long> unloadAfterNanos, List<Long> reloadLeadNanos) {
    Map<String, List<ClassifiedReconcile>> byOperator = new TreeMap<>();
    for (ClassifiedReconcile cr : a.reconciles()) {
      byOperator.computeIfAbsent(cr.reconcile().key().operator(), k -> new ArrayList<>()).add(cr);
    }
    Map<StreamKey, List<TimerFinding>> timers = timers(a);
    Map<String, UnloadTable> out = new TreeMap<>();
    byOperator.forEach(
        (op, rs) ->
            out.put(
                op,
                table(
                    op,
                    rs,
                    timers,
                    a.windowStartNanos(),
                    a.windowEndNanos(),
                    unloadAfterNanos,
                    reloadLeadNanos)));
    return out;
  }

  /**
   * One operator's table.
   *
   * @param reconciles the operator's reconciles, sorted by stream then start
   * @param timers each object's timers, by stream (other operators' streams are ignored)
   */
  public static UnloadTable table(
      String operator,
      List<ClassifiedReconcile> reconciles,
      Map<StreamKey, List<TimerFinding>> timers,
      long windowStart,
      long windowEnd,
      List<Long> unloadAfterNanos,
      List<Long> reloadLeadNanos) {
    List<PredictiveResult> predictive = new ArrayList<>();
    if (!reloadLeadNanos.isEmpty()) {
      PredictiveModel model = PredictiveModel.of(reconciles, timers);
      for (long lead : reloadLeadNanos) {
        predictive.add(model.run(windowStart, windowEnd, lead));
      }
    }
    return new UnloadTable(
        of(operator, reconciles, windowStart, windowEnd, unloadAfterNanos), predictive);
  }

  /** Each object's timers, by stream. */
  public static Map<StreamKey, List<TimerFinding>> timers(Analysis a) {
    Map<StreamKey, List<TimerFinding>> out = new HashMap<>();
    for (StreamResult sr : a.streams()) {
      out.put(sr.key(), sr.timers());
    }
    return out;
  }

  /** Results by operator (sorted by name), then by unload-after time in the given order. */
  public static Map<String, List<OperatorUnload>> of(Analysis a, List<Long> unloadAfterNanos) {
    Map<String, List<ClassifiedReconcile>> byOperator = new TreeMap<>();
    for (ClassifiedReconcile cr : a.reconciles()) {
      byOperator.computeIfAbsent(cr.reconcile().key().operator(), k -> new ArrayList<>()).add(cr);
    }
    Map<String, List<OperatorUnload>> out = new TreeMap<>();
    byOperator.forEach(
        (op, rs) ->
            out.put(op, of(op, rs, a.windowStartNanos(), a.windowEndNanos(), unloadAfterNanos)));
    return out;
  }

  /** Results for one operator's reconciles, by unload-after time in the given order. */
  public static List<OperatorUnload> of(
      String operator,
      List<ClassifiedReconcile> reconciles,
      long windowStart,
      long windowEnd,
      List<Long> unloadAfterNanos) {
    List<Reconcile> all = new ArrayList<>(reconciles.size());
    List<Reconcile> events = new ArrayList<>();
    for (ClassifiedReconcile cr : reconciles) {
      all.add(cr.reconcile());
      if (cr.classification().trigger() == Trigger.EVENT) {
        events.add(cr.reconcile());
      }
    }
    List<OperatorUnload> rows = new ArrayList<>();
    for (long t : unloadAfterNanos) {
      rows.add(
          new OperatorUnload(
              operator,
              run(all, windowStart, windowEnd, t),
              run(events, windowStart, windowEnd, t)));
    }
    return List.copyOf(rows);
  }

  static UnloadResult run(List<Reconcile> rs, long windowStart, long windowEnd, long t) {
    long[] starts = new long[rs.size()];
    long[] ends = new long[rs.size()];
    for (int i = 0; i < rs.size(); i++) {
      starts[i] = rs.get(i).startNanos();
      ends[i] = rs.get(i).endNanos();
    }
    return UnloadModel.run(starts, ends, windowStart, windowEnd, t);
  }
}
