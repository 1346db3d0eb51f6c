package io.github.wakeupanalyze.unload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.Classification;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per operator, all controllers merged; the counterfactual drops timer-driven reconciles only. */
class UnloadAnalysisTest {
  private static final long S = 1_000_000_000L;

  static ClassifiedReconcile rec(
      String op, String controller, double start, double end, boolean timer) {
    Reconcile r =
        new Reconcile(
            new StreamKey(op, controller, "ns/x"),
            0,
            1,
            1,
            Math.round(start * S),
            Math.round(end * S),
            false,
            null,
            ApiCalls.NONE,
            0);
    return new ClassifiedReconcile(
        r,
        timer
            ? Classification.timer(Cause.REQUEUE, 0.9, 5)
            : Classification.event(Cause.EXTERNAL_EVENT, 0.9));
  }

  @Test
  void timerEvery5s_keepsOperatorLoadedAt30s_andCostsReloadsAt1s() {
    List<ClassifiedReconcile> rs = new ArrayList<>();
    // events at 0 and 60 (controller a), a 5 s timer chain from 5 to 55 (controller b), each 0.5 s
    rs.add(rec("op", "a", 0, 0.5, false));
    rs.add(rec("op", "a", 60, 60.5, false));
    for (int t = 5; t <= 55; t += 5) {
      rs.add(rec("op", "b", t, t + 0.5, true));
    }
    rs.add(rec("other", "c", 10, 11, false));
    Analysis a = new Analysis(AnalysisParameters.defaults(), rs, List.of(), List.of(), 0, 100 * S);
    Map<String, List<OperatorUnload>> by = UnloadAnalysis.of(a, List.of(1 * S, 30 * S));
    assertEquals(List.of("op", "other"), List.copyOf(by.keySet()));

    OperatorUnload one = by.get("op").get(0);
    // observed, T = 1: 12 gaps of 4.5 s between busy stretches (0.5..5, ..., 55.5..60): 12 reloads,
    // unloaded 12 × 3.5 = 42; tail 60.5..100 = 39.5 → 38.5
    assertEquals(12, one.observed().reloads());
    assertEquals(Math.round((42 + 38.5) * S), one.observed().unloadedNanos());
    // without timers: gap 0.5..60 (59.5 → 58.5, one reload), tail 38.5
    assertEquals(1, one.withoutTimers().reloads());
    assertEquals(Math.round((58.5 + 38.5) * S), one.withoutTimers().unloadedNanos());
    assertEquals(11, one.reloadsAvoided());
    assertEquals(Math.round(16.5 * S), one.unloadedGainedNanos());

    OperatorUnload thirty = by.get("op").get(1);
    assertEquals(0, thirty.observed().reloads(), "a 5 s timer never lets a 30 s idle pass");
    assertEquals(Math.round(9.5 * S), thirty.observed().unloadedNanos(), "only the tail");
    assertEquals(1, thirty.withoutTimers().reloads());
    assertEquals(-1, thirty.reloadsAvoided(), "the timer kept it loaded until the event at 60");
    assertEquals(Math.round((29.5 + 9.5) * S), thirty.withoutTimers().unloadedNanos());
  }
}
