package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.analyze.hazard.Spike;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  @Test
  void aTimerIsActive_untilAGapTooLong_orAnotherTimersReconcile() {
    Streams.Builder b = Streams.of("ns/a").every(5, 0.1, 6); // 0 … 25.5: five 5 s gaps
    b.at(60, 60.1).at(65.1, 65.2).at(70.2, 70.3); // a 34.5 s pause, then two more
    StreamTimes t = b.times();
    StreamWork w = new StreamWork(t);
    w.evidence(EvidenceLabels.label(t, EvidenceIndex.NONE, P));
    w.timers.add(
        new Timer(new Spike(4.999, 5.001, 5, 0.0005, 7, 0.01, 1e-9, 40, true, false), false, P));
    Classifier.classify(w, P);
    List<Double> periods = new ArrayList<>();
    List<TimeRange> ranges = Segmentation.activeRanges(w, 0, periods);
    assertEquals(2, ranges.size());
    assertEquals(7, periods.size());
    assertEquals(t.get(0).endNanos(), ranges.get(0).startNanos(), "armed by the first end");
    assertEquals(t.get(5).startNanos(), ranges.get(0).endNanos());
    StreamResult r = Segmentation.result(w, P);
    assertEquals(Verdict.TIMER, r.verdict());
    assertEquals(7, r.timerDriven());
  }

  @Test
  void fewGapsAndNoTimer_isInsufficientData_andSaysHowMany() {
    StreamTimes t = Streams.of("ns/a").every(3.7, 0.1, 8).times();
    StreamWork w = new StreamWork(t);
    w.evidence(EvidenceLabels.label(t, EvidenceIndex.NONE, P));
    Classifier.classify(w, P);
    StreamResult r = Segmentation.result(w, P);
    assertEquals(Verdict.INSUFFICIENT_DATA, r.verdict());
    assertEquals(
        "insufficient data: 7 gaps of at least 0.050 s, 30 needed to tell a timer-free object",
        r.notes().get(0));
  }
}
