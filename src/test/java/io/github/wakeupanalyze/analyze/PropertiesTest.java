package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Reconcile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Property tests: scale-free recovery, shift invariance, no timers on timer-free streams. */
class PropertiesTest {
  private final Analyzer analyzer = new Analyzer(AnalysisParameters.defaults());

  static Analysis analyze(Analyzer a, List<Reconcile> rs) {
    return a.analyze(rs, new long[0], rs.get(0).startNanos(), rs.get(rs.size() - 1).endNanos());
  }

  @Test
  void injectedPeriod_isRecovered_atEveryTimeScale_100msTo10h() {
    for (double period : new double[] {0.1, 1, 5, 60, 600, 3600, 36000}) {
      for (long seed = 0; seed < 5; seed++) {
        double f = period / 5;
        Timelines.Spec spec =
            Timelines.spec().eventShare(0.5).jitter(0.02).scaled(f).durations(0.02 * f, 0.5);
        Analysis a = analyze(analyzer, Timelines.generate(spec, seed).reconciles());
        List<TimerFinding> ts = a.streams().get(0).timers();
        assertEquals(1, ts.size(), "period " + period + " seed " + seed + ": " + ts);
        TimerFinding t = ts.get(0);
        assertEquals(period, t.delaySeconds(), 0.01 * period, "delay at " + period);
        assertTrue(t.periodSeconds() > t.delaySeconds(), "start→start includes the duration");
        assertTrue(t.pValue() <= 0.01);
      }
    }
  }

  @Test
  void shiftingAllTimestamps_changesNothing() {
    Timelines.Labelled l = Timelines.generate(Timelines.spec().eventShare(0.5).jitter(0.05), 3);
    List<Reconcile> rs = l.reconciles();
    for (long shift :
        new long[] {1, 999_999_937L, -1_000_000_000_000L, 86_400_000_000_000L * 365}) {
      List<Reconcile> moved = new ArrayList<>();
      for (Reconcile r : rs) {
        moved.add(
            new Reconcile(
                r.key(),
                r.traceIdHigh(),
                r.traceIdLow(),
                r.spanId(),
                r.startNanos() + shift,
                r.endNanos() + shift,
                r.error(),
                r.reason(),
                r.calls(),
                r.source()));
      }
      Analysis a = analyze(analyzer, rs);
      Analysis b = analyze(analyzer, moved);
      for (int i = 0; i < rs.size(); i++) {
        assertEquals(
            a.reconciles().get(i).classification(), b.reconciles().get(i).classification());
      }
      TimerFinding ta = a.streams().get(0).timers().get(0);
      TimerFinding tb = b.streams().get(0).timers().get(0);
      assertEquals(ta.delaySeconds(), tb.delaySeconds(), 1e-9);
      assertEquals(ta.jitterSeconds(), tb.jitterSeconds(), 1e-9);
      assertEquals(ta.reconciles(), tb.reconciles());
      assertEquals(ta.pValue(), tb.pValue(), 1e-12 + 1e-9 * ta.pValue());
    }
  }

  @Test
  void timerFreeStreams_neverYieldATimer_over200SeededStreamsEach() {
    int poisson = 0;
    int bursty = 0;
    for (long seed = 100; seed < 300; seed++) {
      poisson +=
          analyze(analyzer, Timelines.poisson(0.5, 300, seed).reconciles())
              .streams()
              .get(0)
              .timers()
              .size();
      bursty +=
          analyze(analyzer, Timelines.bursty(0.5, 300, seed).reconciles())
              .streams()
              .get(0)
              .timers()
              .size();
    }
    assertEquals(0, poisson, "timers on Poisson streams");
    assertEquals(0, bursty, "timers on bursty streams");
  }

  @Test
  void fewReconciles_sayInsufficientData_withConfidenceHalf() {
    Analysis a = analyze(analyzer, Timelines.poisson(0.5, 12, 1).reconciles());
    StreamResult s = a.streams().get(0);
    assertTrue(s.insufficientData());
    assertEquals(Verdict.INSUFFICIENT_DATA, s.verdict());
    for (ClassifiedReconcile c : a.reconciles()) {
      assertTrue(c.classification().confidence() <= 0.5);
    }
  }

  @Test
  void twoTimers_bothFound_andSegmented() {
    Timelines.Spec spec = Timelines.spec().twoTimers(60, 600).n(800).poisson(1 / 200.0);
    Analysis a = analyze(analyzer, Timelines.generate(spec, 4).reconciles());
    List<TimerFinding> ts = a.streams().get(0).timers();
    assertEquals(2, ts.size(), ts.toString());
    assertEquals(
        5,
        ts.get(0).delaySeconds() < 10 ? ts.get(0).delaySeconds() : ts.get(1).delaySeconds(),
        0.05);
    for (TimerFinding t : ts) {
      assertTrue(
          t.activeRanges().size() >= 2,
          "conditional timer active in several ranges: " + t.activeRanges().size());
    }
  }
}
