package io.github.wakeupanalyze.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.compare.Comparison.OperatorDiff;
import io.github.wakeupanalyze.compare.Comparison.Presence;
import io.github.wakeupanalyze.compare.Comparison.RuleResult;
import io.github.wakeupanalyze.compare.Comparison.Status;
import io.github.wakeupanalyze.compare.Comparison.TimerDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching operators, controllers and timers; rates per side's window; rule subjects. */
class CompareMatchingTest {
  private static final long HOUR = 3_600_000_000_000L;

  static TimerSnapshot timer(double delay, double jitter) {
    return new TimerSnapshot(delay, delay + 0.1, jitter, 10, 1);
  }

  @Test
  void timers_matchWithinTolerance_closestFirst() {
    List<TimerDiff> d =
        Comparer.timers(
            List.of(timer(5.0, 0), timer(5.4, 0), timer(30, 1)),
            List.of(timer(5.3, 0), timer(31, 1.5), timer(60, 0)),
            TimerTolerance.DEFAULT);
    // 5.3 is within 5 % of both 5.0 and 5.4, and goes to the closer 5.4; 5.0 is removed
    assertEquals(
        List.of("removed", "changed", "changed", "added"),
        d.stream().map(TimerDiff::status).toList());
    assertEquals(5.0, d.get(0).baseline().delaySeconds());
    assertEquals(5.4, d.get(1).baseline().delaySeconds());
    assertEquals(5.3, d.get(1).candidate().delaySeconds());
    assertEquals(31, d.get(2).candidate().delaySeconds());
    assertNull(d.get(3).baseline());
  }

  @Test
  void timers_sameWithinOnePercentOfTheDelay() {
    List<TimerDiff> d =
        Comparer.timers(
            List.of(timer(5.0, 0.01)), List.of(timer(5.04, 0.05)), TimerTolerance.DEFAULT);
    assertEquals("same", d.get(0).status());
    List<TimerDiff> jitter =
        Comparer.timers(
            List.of(timer(5.0, 0.01)), List.of(timer(5.0, 0.2)), TimerTolerance.DEFAULT);
    assertEquals("changed", jitter.get(0).status(), "jitter moved by more than 1 % of 5 s");
  }

  static Snapshot side(long window, OperatorSnapshot... ops) {
    return new Snapshot("x", Snapshot.Kind.TRACE, window, List.of(ops));
  }

  static OperatorSnapshot op(String name, int reconciles, int timer, TimerSnapshot... timers) {
    return new OperatorSnapshot(
        name,
        List.of(new ControllerSnapshot("c", reconciles, timer, reconciles, 0, List.of(timers))),
        List.of());
  }

  @Test
  void rates_perHourOfEachSidesWindow() {
    Comparison c =
        Comparer.compare(
            side(HOUR, op("a", 100, 50)),
            side(3 * HOUR, op("a", 300, 150)),
            new Comparison.Options(TimerTolerance.DEFAULT, List.of(), List.of()));
    Change w = c.operators().get(0).metrics().get(Metric.WAKEUPS_PER_HOUR);
    assertEquals(100, w.baseline(), 1e-9);
    assertEquals(100, w.candidate(), 1e-9);
    assertEquals(0, w.relative(), 1e-12);
  }

  @Test
  void operators_addedAndRemoved_rulesOnlyOnMatched_newTimerEverywhere() {
    Comparison c =
        Comparer.compare(
            side(HOUR, op("a", 100, 0), op("gone", 5, 0)),
            side(HOUR, op("a", 100, 0), op("new", 50, 40, timer(10, 0))),
            new Comparison.Options(
                TimerTolerance.DEFAULT,
                List.of(),
                List.of(Rule.parse("wakeups-per-hour:+10%"), Rule.parse("new-timer"))));
    assertEquals(
        List.of("a", "gone", "new"), c.operators().stream().map(OperatorDiff::operator).toList());
    assertEquals(
        List.of(Presence.MATCHED, Presence.REMOVED, Presence.ADDED),
        c.operators().stream().map(OperatorDiff::presence).toList());
    List<RuleResult> rs = c.results();
    assertEquals(2, rs.size(), rs.toString());
    assertEquals("a", rs.get(0).subject());
    assertEquals(Status.PASS, rs.get(0).status());
    assertEquals(Status.FAIL, rs.get(1).status());
    assertEquals("new / c", rs.get(1).subject());
    assertTrue(rs.get(1).detail().startsWith("new 10 s timer"), rs.get(1).detail());
    assertTrue(c.regressed());
  }

  @Test
  void unknownOnOneSide_skipsThatSubject_whileOthersAreChecked() {
    OperatorSnapshot unknownWrites =
        new OperatorSnapshot(
            "a", List.of(new ControllerSnapshot("c", 10, 0, -1, -1, List.of())), List.of());
    Comparison c =
        Comparer.compare(
            side(HOUR, unknownWrites, op("b", 10, 0)),
            side(HOUR, op("a", 10, 0), op("b", 10, 0)),
            options(false, "writes-per-wakeup:+1%"));
    assertEquals(
        List.of(Status.SKIPPED, Status.PASS),
        c.results().stream().map(RuleResult::status).toList());
    assertTrue(!c.regressed());
  }

  @Test
  void ruleThatChecksNothing_failsTheGate_unlessMissingIsAllowed() {
    OperatorSnapshot old =
        new OperatorSnapshot(
            "a", List.of(new ControllerSnapshot("c", 10, 0, -1, -1, List.of())), List.of());
    String[] rules = {"writes-per-wakeup:+1%", "reloads-per-hour:+1%"};
    Comparison strict =
        Comparer.compare(side(HOUR, old), side(HOUR, op("a", 10, 0)), options(false, rules));
    assertEquals(
        List.of(Status.FAIL, Status.FAIL),
        strict.results().stream().map(RuleResult::status).toList());
    assertTrue(strict.regressed());
    assertTrue(strict.results().get(0).detail().startsWith("n/a on every operator"));
    Comparison lenient =
        Comparer.compare(side(HOUR, old), side(HOUR, op("a", 10, 0)), options(true, rules));
    assertEquals(
        List.of(Status.SKIPPED, Status.SKIPPED),
        lenient.results().stream().map(RuleResult::status).toList());
    assertTrue(!lenient.regressed());
  }

  @Test
  void renamedOperator_failsTheGate_namingWhatEachSideHas() {
    Comparison c =
        Comparer.compare(
            side(HOUR, op("shop-operator", 10, 0)),
            side(HOUR, op("shop-operator-v2", 1000, 900)),
            options(false, "timer-share:+5pp"));
    assertEquals(1, c.results().size(), c.results().toString());
    RuleResult r = c.results().get(0);
    assertEquals(Status.FAIL, r.status());
    assertEquals("baseline: shop-operator; candidate: shop-operator-v2", r.subject());
    assertTrue(r.detail().startsWith("no operator on both sides"), r.detail());
    assertTrue(c.regressed());
  }

  @Test
  void verdictSentence_countsPassedFailedAndSkippedApart() {
    OperatorSnapshot unknownWrites =
        new OperatorSnapshot(
            "a", List.of(new ControllerSnapshot("c", 10, 0, -1, -1, List.of())), List.of());
    Comparison c =
        Comparer.compare(
            side(HOUR, unknownWrites, op("b", 10, 0)),
            side(HOUR, op("a", 10, 0), op("b", 20, 0)),
            options(false, "writes-per-wakeup:+1%", "wakeups-per-hour:+10%"));
    assertEquals(
        "**Regression**: 1 of 3 checks failed (2 thresholds). 1 skipped (nothing to check on one"
            + " side).",
        CompareMarkdown.verdictSentence(c));
  }

  private static Comparison.Options options(boolean allowMissing, String... rules) {
    return new Comparison.Options(
        TimerTolerance.DEFAULT,
        List.of(5_000_000_000L),
        java.util.Arrays.stream(rules).map(Rule::parse).toList(),
        allowMissing);
  }
}
