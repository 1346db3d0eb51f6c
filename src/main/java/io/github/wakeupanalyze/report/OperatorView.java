package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One operator's controllers with its totals, as every report presents them. */
record OperatorView(String operator, List<ControllerResult> controllers, double hours) {

  static List<OperatorView> of(Analysis a) {
    Map<String, List<ControllerResult>> by = new TreeMap<>();
    for (ControllerResult c : a.controllers()) {
      by.computeIfAbsent(c.operator(), k -> new ArrayList<>()).add(c);
    }
    List<OperatorView> out = new ArrayList<>();
    by.forEach((op, cs) -> out.add(new OperatorView(op, List.copyOf(cs), a.hours())));
    return out;
  }

  int reconciles() {
    return controllers.stream().mapToInt(ControllerResult::reconciles).sum();
  }

  int timerDriven() {
    return controllers.stream().mapToInt(ControllerResult::timerDriven).sum();
  }

  int eventDriven() {
    return controllers.stream().mapToInt(ControllerResult::eventDriven).sum();
  }

  double timerShare() {
    return Format.share(timerDriven(), reconciles());
  }

  /** Reconciles per hour of the observed window; NaN when the window is empty. */
  double wakeupsPerHour() {
    return rate(reconciles(), hours);
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
