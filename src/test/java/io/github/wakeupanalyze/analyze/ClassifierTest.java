package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.analyze.sampling.Comb;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import org.junit.jupiter.api.Test;

class ClassifierTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  private static Timer timer(double delay, boolean pooled) {
    Spike s =
        new Spike(delay - 0.002, delay + 0.002, delay, 0.001, 40, 0.01, 1e-9, 50, true, false);
    return new Timer(s, pooled, P);
  }

  private static StreamWork work(StreamTimes t, Timer... timers) {
    StreamWork w = new StreamWork(t);
    w.evidence(EvidenceLabels.label(t, EvidenceIndex.NONE, P));
    w.timers.addAll(java.util.List.of(timers));
    return w;
  }

  @Test
  void gapInTheSupport_isTheTimer_ownWriteWithinTheWindow_isSelfWrite_restUnknown() {
    StreamTimes t =
        Streams.of("ns/a").at(0, 0.1).writing(5.1, 5.2, 1).at(5.25, 5.3).at(12, 12.1).times();
    StreamWork w = work(t, timer(5, false));
    Classifier.classify(w, P);
    assertEquals("first reconcile", w.label[0].basis());
    assertEquals(Trigger.TIMER, w.label[1].trigger());
    assertEquals(5.0, w.label[1].timerSeconds());
    assertEquals(0, w.timerOf[1]);
    assertEquals(Cause.SELF_WRITE, w.label[2].cause());
    assertEquals(Cause.UNKNOWN, w.label[3].cause());
    assertEquals(Trigger.EVENT, w.label[3].trigger());
  }

  @Test
  void aPooledTimerThatExplainsOneGap_isDropped_forThisStream() {
    StreamTimes t = Streams.of("ns/a").at(0, 0.1).at(5.1, 5.2).at(9, 9.1).at(20, 20.1).times();
    StreamWork w = work(t, timer(5, true));
    Classifier.classify(w, P);
    assertTrue(w.timers.isEmpty());
    assertEquals(Trigger.EVENT, w.label[1].trigger());
  }

  @Test
  void evidenceStands_whateverTheTiming() {
    StreamTimes t = Streams.of("ns/a").at(0, 0.1).failing(5.1, 5.2).at(10.2, 10.3).times();
    StreamWork w = work(t, timer(5, false));
    Classifier.classify(w, P);
    assertEquals(Cause.ERROR_RETRY, w.label[2].cause(), "the error rule, though 5 s after");
  }

  @Test
  void followsLostEnd_aDelayAfterJustBeforeTheQuickFollowUp_notAfterATimerReconcilesEnd() {
    Comb comb = new Comb(5, 0, 0.1, 0.01, 0.0025);
    // a lost reconcile ended at 5.25; its own write woke [5.253, 5.4]; the timer fired at 10.25
    StreamTimes lost = Streams.of("ns/a").at(0, 0.1).at(5.253, 5.4).at(10.25, 10.35).times();
    assertTrue(Classifier.followsLostEnd(lost, 2, comb));
    assertFalse(Classifier.followsLostEnd(lost, 1, comb), "5.153 s from a start is no tooth");
    // the timer reconcile [5.1, 5.25] itself is in the trace: 10.25 is 5 s after its end
    StreamTimes kept = Streams.of("ns/a").at(0, 0.1).at(5.1, 5.25).at(10.25, 10.35).times();
    assertFalse(Classifier.followsLostEnd(kept, 2, comb));
  }
}
