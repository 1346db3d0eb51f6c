package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.SamplingEstimate;
import io.github.wakeupanalyze.analyze.TimerFinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One operator's controllers, its reconciles (in the analysis' order) and its totals, as every
 * report presents them; built in one pass over the analysis.
 */
record OperatorView(
    String operator,
    List<ControllerResult> controllers,
    List<ClassifiedReconcile> reconciles,
    double hours) {

  /** The operator's sampling estimate, from its controllers' ({@link SamplingEstimate#combine}). */
  SamplingEstimate sampling() {
    List<SamplingEstimate> all = new ArrayList<>();
    for (ControllerResult c : controllers) {
      all.add(c.sampling());
    }
    return SamplingEstimate.combine(all);
  }

  /**
   * The sentence every output gives a sampled operator: its mark and what the kept reconciles say
   * of all of them, e.g. {@code sampled p≈0.10 (inferred); all reconciles, estimated: 2304
   * wake-ups/h (95 % interval 2101–2561), 90.8 % timer-driven (87.9 %–93.1 %)}; when p is
   * unresolved only the floor the kept ones give; "" when not sampled.
   */
  String samplingSentence() {
    SamplingEstimate s = sampling();
    if (!s.sampled()) {
      return "";
    }
    return s.mark() + "; " + fullStreamText(s);
  }

  /**
   * The full stream's timer-driven share over the operator's controllers, own-write events counted
   * from each sampled controller's ŵ ({@link SamplingEstimate#fullStreamShare(List)}).
   */
  SamplingEstimate.Interval fullStreamShare() {
    return SamplingEstimate.fullStreamShare(controllers);
  }

  private String fullStreamText(SamplingEstimate s) {
    SamplingEstimate.Interval rate = s.fullStreamRate(reconcileCount(), hours);
    SamplingEstimate.Interval share = fullStreamShare();
    String shareText =
        Format.percent(share.estimate())
            + " timer-driven ("
            + Format.percent(share.low())
            + "–"
            + Format.percent(share.high())
            + ")";
    if (Double.isNaN(rate.estimate())) {
      return "all reconciles: at least "
          + Format.fixed(rate.low(), 1)
          + " wake-ups/h (the kept ones), "
          + shareText;
    }
    return "all reconciles, estimated: "
        + Format.fixed(rate.estimate(), 0)
        + " wake-ups/h (95 % interval "
        + Format.fixed(rate.low(), 0)
        + "–"
        + (Double.isInfinite(rate.high()) ? "∞" : Format.fixed(rate.high(), 0))
        + "), "
        + shareText;
  }

  static List<OperatorView> of(Analysis a) {
    Map<String, List<ControllerResult>> by = new TreeMap<>();
    for (ControllerResult c : a.controllers()) {
      by.computeIfAbsent(c.operator(), k -> new ArrayList<>()).add(c);
    }
    Map<String, List<ClassifiedReconcile>> rs = new HashMap<>();
    for (ClassifiedReconcile cr : a.reconciles()) {
      rs.computeIfAbsent(cr.reconcile().key().operator(), k -> new ArrayList<>()).add(cr);
    }
    List<OperatorView> out = new ArrayList<>();
    by.forEach(
        (op, cs) ->
            out.add(
                new OperatorView(
                    op,
                    List.copyOf(cs),
                    Collections.unmodifiableList(rs.getOrDefault(op, List.of())),
                    a.hours(op))));
    return out;
  }

  int reconcileCount() {
    return controllers.stream().mapToInt(ControllerResult::reconciles).sum();
  }

  int timerDriven() {
    return controllers.stream().mapToInt(ControllerResult::timerDriven).sum();
  }

  int eventDriven() {
    return controllers.stream().mapToInt(ControllerResult::eventDriven).sum();
  }

  double timerShare() {
    return Format.share(timerDriven(), reconcileCount());
  }

  /** Reconciles per hour of the operator's own observed window; NaN when it is empty. */
  double wakeupsPerHour() {
    return rate(reconcileCount(), hours);
  }

  static double rate(int count, double hours) {
    return hours > 0 ? count / hours : Double.NaN;
  }

  List<TimerFinding> timers() {
    List<TimerFinding> all = new ArrayList<>();
    for (ControllerResult c : controllers) {
      all.addAll(c.timers());
    }
    all.sort((x, y) -> Double.compare(x.delaySeconds(), y.delaySeconds()));
    return all;
  }
}
