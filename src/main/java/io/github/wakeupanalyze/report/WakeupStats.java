package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one group of reconciles (e.g. the timer-driven ones of an operator) did. */
final class WakeupStats {
  int reconciles;
  int reads;
  int writes;
  int wroteNothing;

  /** Reconciles whose record holds no calls (found in an operator's log only). */
  int unrecorded;

  int errors;
  final Map<String, Integer> writtenTargets = new TreeMap<>();
  final List<ClassifiedReconcile> writers = new ArrayList<>();

  void add(ClassifiedReconcile cr) {
    var r = cr.reconcile();
    reconciles++;
    reads += r.calls().reads();
    writes += r.calls().writes();
    if (!r.calls().recorded()) {
      unrecorded++;
    } else if (r.calls().writes() == 0) {
      wroteNothing++;
    } else {
      writers.add(cr);
      for (String t : r.calls().writeTargets()) {
        writtenTargets.merge(t.isEmpty() ? "(unknown target)" : t, 1, Integer::sum);
      }
    }
    if (r.error()) {
      errors++;
    }
  }

  /**
   * "Wrote nothing" with its share of the reconciles whose calls were recorded: {@code 12 (9.8 %)},
   * or {@code 12 (9.8 % of 122 recorded)} when some were not.
   */
  String wroteNothingCell() {
    int recorded = reconciles - unrecorded;
    return wroteNothing
        + " ("
        + Format.percent(Format.share(wroteNothing, recorded))
        + (unrecorded > 0 ? " of " + recorded + " recorded" : "")
        + ")";
  }

  /** Stats of the given reconciles split by trigger: index 0 event, 1 timer. */
  static WakeupStats[] byTrigger(List<ClassifiedReconcile> rs) {
    WakeupStats[] s = {new WakeupStats(), new WakeupStats()};
    for (ClassifiedReconcile cr : rs) {
      s[cr.classification().trigger() == Trigger.TIMER ? 1 : 0].add(cr);
    }
    return s;
  }
}
