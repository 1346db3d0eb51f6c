package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerFinderTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  private static Timer timer(double delay, int count) {
    Spike s =
        new Spike(delay - 0.002, delay + 0.002, delay, 0.001, count, 0.01, 1e-9, 50, true, false);
    return new Timer(s, false, P);
  }

  private static StreamWork work(StreamTimes t) {
    StreamWork w = new StreamWork(t);
    w.evidence(EvidenceLabels.label(t, EvidenceIndex.NONE, P));
    return w;
  }

  @Test
  void aWeakerSpikeAtTwiceTheDelay_isAHarmonic_notATimer() {
    Timer five = timer(5, 40);
    List<Timer> kept =
        TimerFinder.withoutHarmonics(new ArrayList<>(List.of(timer(10.0, 10), five, timer(7, 9))));
    assertEquals(2, kept.size());
    assertSame(five, kept.get(0));
    assertEquals(7, kept.get(1).spike.delay());
  }

  @Test
  void theShadowOfAnEarliestTimer_isRemoved_andMarksTheTimerEarliest() {
    // a timer reconcile at 5 s after each timer reconcile's end, each followed 10 ms later by a
    // 100 ms follow-up that does not re-arm it: gaps of 4.89 s from the follow-up's end
    Streams.Builder b = Streams.of("ns/a");
    double s = 0;
    for (int i = 0; i < 20; i++) {
      b.at(s, s + 0.02).at(s + 0.03, s + 0.13);
      s += 5.02;
    }
    StreamTimes t = b.times();
    Timer strong = timer(5, 20);
    Timer shadow = timer(4.89, 19);
    List<Timer> kept = new ArrayList<>(List.of(strong, shadow));
    TimerFinder.removeShadows(t, kept);
    assertEquals(List.of(strong), kept);
    assertTrue(strong.earliest);
  }

  @Test
  void aSharpTimerOfABusyObject_isNotTheShadowOfAWideTimerThatAnyEarlierEndFits() {
    // a 7.3 s RequeueAfter, 14 times: every gap has earlier ends 36.9, 44.3 and 51.7 s before its
    // start, so a wide 30–60 s timer "explains" all 14 by chance (E = 13.9 of 14)
    Streams.Builder b = Streams.of("ns/a");
    b.at(3, 3.08).every(7.3, 0.08, 14);
    StreamTimes t = b.times();
    Spike wide = new Spike(30, 60, 44.4, 6, 900, 0.01, 1e-30, 500, false, false);
    Timer strong = new Timer(wide, true, P);
    Timer own = timer(7.3, 14);
    List<Timer> kept = new ArrayList<>(List.of(strong, own));
    TimerFinder.removeShadows(t, kept);
    assertEquals(List.of(strong, own), kept);
    assertFalse(strong.earliest);
  }

  @Test
  void aRequeueAfter_isTheOperators_anExternalLattice_isNot() {
    HazardScan.Config cfg = Analyzer.scanConfig(P);
    StreamWork requeue =
        work(
            new StreamTimes(
                Timelines.generate(Timelines.spec().eventShare(0.3).durations(0.05, 0.6), 1)
                    .reconciles(),
                Streams.ORIGIN));
    TimerFinder.find(requeue, cfg, P);
    assertEquals(TimerSource.REQUEUE, requeue.timers.get(0).source);
    StreamWork lattice =
        work(
            new StreamTimes(
                Timelines.generate(
                        Timelines.spec().period(0).periodicWriter(7, 0.002).durations(0.05, 0.6), 1)
                    .reconciles(),
                Streams.ORIGIN));
    TimerFinder.find(lattice, cfg, P);
    assertEquals(TimerSource.EXTERNAL_PERIODIC, lattice.timers.get(0).source);
  }

  @Test
  void earliestPooled_theControllersQueueDecidesForAnObjectWithTooFewAnchoredStarts() {
    Timer own = timer(5, 10);
    Timer pooledEarliest = timer(5, 40);
    pooledEarliest.earliest = true;
    Timer pooledElsewhere = timer(30, 40);
    pooledElsewhere.earliest = true;
    assertTrue(TimerFinder.earliestPooled(List.of(pooledEarliest), own));
    assertFalse(TimerFinder.earliestPooled(List.of(pooledElsewhere), own), "another delay");
    assertFalse(TimerFinder.earliestPooled(List.of(timer(5, 40)), own), "a reset pooled timer");
  }

  @Test
  void aSpikeTwoDelaysAndALostReconcileOut_isAHarmonic_notASecondTimer() {
    Timer five = timer(5.0, 100);
    // 10.158 s: two 5 s delays plus the 0.158 s of the reconcile lost between them
    List<Timer> withLost =
        TimerFinder.withoutHarmonics(new ArrayList<>(List.of(timer(10.158, 8), five)), 0.3);
    assertEquals(List.of(five), withLost);
    List<Timer> without =
        TimerFinder.withoutHarmonics(new ArrayList<>(List.of(timer(10.158, 8), five)), 0);
    assertEquals(2, without.size(), "no durations: 0.158 s off 2·P is no harmonic");
    // never below m·P by more than the jitter: a 9.7 s spike is a timer of its own
    assertEquals(
        2, TimerFinder.withoutHarmonics(new ArrayList<>(List.of(timer(9.7, 8), five)), 0.3).size());
  }
}
