package io.github.wakeupanalyze.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.text.Durations;
import org.junit.jupiter.api.Test;

/** The --fail-on grammar and when a rule is exceeded. */
class CompareRuleTest {
  @Test
  void parse_relativeAbsoluteAndPoints() {
    Rule r = Rule.parse("wakeups-per-hour:+10%");
    assertEquals(Metric.WAKEUPS_PER_HOUR, r.metric());
    assertEquals(1, r.sign());
    assertEquals(10, r.amount());
    assertEquals(Rule.Unit.PERCENT, r.unit());
    Rule pp = Rule.parse(" Timer-Share:+5pp ");
    assertEquals(Metric.TIMER_SHARE, pp.metric());
    assertEquals(Rule.Unit.POINTS, pp.unit());
    assertEquals("timer-share:+5pp", pp.text());
    Rule down = Rule.parse("unloaded-share:-10.5pp");
    assertEquals(-1, down.sign());
    assertEquals(10.5, down.amount());
    Rule abs = Rule.parse("timers:+0");
    assertEquals(Rule.Unit.ABSOLUTE, abs.unit());
    assertTrue(Rule.parse("new-timer").newTimer());
  }

  @Test
  void parse_malformed_saysWhatWasExpected() {
    for (String bad :
        new String[] {
          "",
          "new-timers",
          "wakeups-per-hour",
          "wakeups-per-hour:10%",
          "wakeups-per-hour:+",
          "wakeups-per-hour:+1e3%",
          "wakeups-per-hour:+10 %",
          "wakeups-per-hour:+10%%"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Rule.parse(bad), bad);
      assertTrue(e.getMessage().contains("expected new-timer"), e.getMessage());
    }
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Rule.parse("wakeups:+1%"))
            .getMessage()
            .startsWith("unknown metric \"wakeups\""));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Rule.parse("writes-per-wakeup:+5pp"))
            .getMessage()
            .contains("shares only"));
  }

  @Test
  void parse_thresholdThatCanNeverFail_isRefusedNamingTheUnit() {
    IllegalArgumentException share =
        assertThrows(IllegalArgumentException.class, () -> Rule.parse("timer-share:+10"));
    assertEquals(
        "rule \"timer-share:+10\" can never fail: timer-share is a share between 0 and 1, so it"
            + " never changes by more than 1; for 10 percentage points write +10pp",
        share.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Rule.parse("unloaded-share:-100pp"));
    IllegalArgumentException fall =
        assertThrows(IllegalArgumentException.class, () -> Rule.parse("wakeups-per-hour:-100%"));
    assertTrue(fall.getMessage().contains("reconciles per hour"), fall.getMessage());
    // the largest thresholds that can still fail are accepted
    Rule.parse("timer-share:+0.99");
    Rule.parse("timer-share:+99pp");
    Rule.parse("wakeups-per-hour:-99%");
    Rule.parse("wakeups-per-hour:+1000%");
  }

  @Test
  void exceeded_isStrict_andFollowsTheSign() {
    Rule up = Rule.parse("wakeups-per-hour:+10%");
    assertFalse(up.exceeded(new Change(100, 110)), "exactly the threshold passes");
    assertTrue(up.exceeded(new Change(100, 110.001)));
    assertFalse(up.exceeded(new Change(100, 50)), "a decrease never fails a + rule");
    Rule down = Rule.parse("unloaded-share:-10pp");
    assertTrue(down.exceeded(new Change(0.5, 0.39)));
    assertFalse(down.exceeded(new Change(0.5, 0.41)));
    assertFalse(down.exceeded(new Change(0.5, 0.9)));
    Rule abs = Rule.parse("timers:+0");
    assertTrue(abs.exceeded(new Change(1, 2)));
    assertFalse(abs.exceeded(new Change(1, 1)));
  }

  @Test
  void exceeded_baselineZero_andUnknownValues() {
    Rule up = Rule.parse("timer-wakeups-per-hour:+10%");
    assertTrue(up.exceeded(new Change(0, 1)), "from 0 is an infinite increase");
    assertFalse(up.exceeded(new Change(0, 0)));
    assertFalse(up.exceeded(new Change(Double.NaN, 5)), "unknown never fails");
    assertEquals(Double.POSITIVE_INFINITY, new Change(0, 3).relative());
  }

  @Test
  void tolerance_percentOrDuration() {
    TimerTolerance pct = TimerTolerance.parse("5%");
    assertTrue(pct.matches(5.0, 5.25));
    assertFalse(pct.matches(5.0, 5.3));
    assertEquals("5%", pct.toString());
    TimerTolerance abs = TimerTolerance.parse("250ms");
    assertTrue(abs.matches(30.0, 30.25));
    assertFalse(abs.matches(30.0, 30.26));
    assertThrows(IllegalArgumentException.class, () -> TimerTolerance.parse("five"));
    assertThrows(IllegalArgumentException.class, () -> TimerTolerance.parse("100%"));
  }

  @Test
  void durations_needAUnit() {
    assertEquals(1_500_000_000L, Durations.parseNanos("1.5s"));
    assertEquals(500_000_000L, Durations.parseNanos("500ms"));
    assertEquals(120_000_000_000L, Durations.parseNanos("2m"));
    assertEquals(3_600_000_000_000L, Durations.parseNanos("1h"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("5"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("-1s"));
  }
}
