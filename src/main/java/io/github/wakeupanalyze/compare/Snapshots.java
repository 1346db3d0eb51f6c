package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.CallTally;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.SamplingEstimate;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.unload.OperatorUnload;
import io.github.wakeupanalyze.unload.UnloadAnalysis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a {@link Snapshot} from an analysis run on a trace. */
public final class Snapshots {
  private Snapshots() {}

  public static Snapshot of(String source, Analysis a, List<Long> unloadAfterNanos) {
    Map<String, CallTally> tally = CallTally.of(a.reconciles());
    Map<String, List<ControllerSnapshot>> byOperator = new TreeMap<>();
    Map<String, List<SamplingEstimate>> sampling = new HashMap<>();
    for (ControllerResult c : a.controllers()) {
      sampling.computeIfAbsent(c.operator(), k -> new ArrayList<>()).add(c.sampling());
      CallTally we =
          tally.getOrDefault(CallTally.key(c.operator(), c.controller()), CallTally.NONE);
      List<TimerSnapshot> timers = new ArrayList<>();
      for (TimerFinding t : c.timers()) {
        timers.add(
            new TimerSnapshot(
                t.delaySeconds(),
                t.periodSeconds(),
                t.jitterSeconds(),
                t.reconciles(),
                t.objects()));
      }
      timers.sort((x, y) -> Double.compare(x.delaySeconds(), y.delaySeconds()));
      byOperator
          .computeIfAbsent(c.operator(), k -> new ArrayList<>())
          .add(
              new ControllerSnapshot(
                  c.controller(),
                  c.reconciles(),
                  c.timerDriven(),
                  we.writes(),
                  we.errors(),
                  timers,
                  we.recorded()));
    }
    Map<String, List<OperatorUnload>> unload = UnloadAnalysis.of(a, unloadAfterNanos);
    List<OperatorSnapshot> ops = new ArrayList<>();
    byOperator.forEach(
        (op, cs) -> {
          cs.sort((x, y) -> x.controller().compareTo(y.controller()));
          ops.add(
              new OperatorSnapshot(
                  op,
                  cs,
                  unload.getOrDefault(op, List.of()),
                  SamplingEstimate.combine(sampling.get(op)).mark()));
        });
    return new Snapshot(
        source, Snapshot.Kind.TRACE, Math.max(0, a.windowEndNanos() - a.windowStartNanos()), ops);
  }
}
