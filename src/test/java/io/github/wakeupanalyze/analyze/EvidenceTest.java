package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evidence overrides timing. */
class EvidenceTest {
  private final Analyzer analyzer = new Analyzer(AnalysisParameters.defaults());

  @Test
  void periodicExternalWriter_withVisibleWrites_isEventDriven() {
    Scenarios.Data d =
        Scenarios.streams(
            "w",
            true,
            Timelines.spec().period(0).periodicWriter(5, 0.001).durations(0.02, 0.1),
            1,
            1,
            true);
    Analysis a = analyzer.analyze(d.reconciles(), new long[0], d.traceEvidence(), 0, 1);
    for (ClassifiedReconcile c : a.reconciles().subList(1, a.reconciles().size())) {
      assertEquals(Trigger.EVENT, c.classification().trigger());
      assertEquals(Cause.EXTERNAL_EVENT, c.classification().cause());
      assertEquals("visible write", c.classification().basis());
    }
    for (TimerFinding t : a.streams().get(0).timers()) {
      assertEquals(TimerSource.EXTERNAL_PERIODIC, t.source());
    }
    assertEquals(Verdict.NO_TIMER, a.streams().get(0).verdict());
  }

  @Test
  void eventsFile_andErrorStatus_andKubeRsReason() {
    Timelines.Labelled l = Timelines.generate(Timelines.spec().errors(0.2).kubeRs(true), 2);
    Analysis a = analyzer.analyze(l.reconciles(), new long[0], 0, 1);
    for (int i = 1; i < l.reconciles().size(); i++) {
      assertEquals(l.truth()[i], a.reconciles().get(i).classification().trigger());
      assertEquals("object.reason", a.reconciles().get(i).classification().basis());
    }
    // without reason: error status decides the retries
    Timelines.Labelled m = Timelines.generate(Timelines.spec().errors(0.2), 2);
    Analysis b = analyzer.analyze(m.reconciles(), new long[0], 0, 1);
    int retries = 0;
    for (int i = 1; i < m.reconciles().size(); i++) {
      if (m.cause()[i] == Cause.ERROR_RETRY) {
        retries++;
        assertEquals(Cause.ERROR_RETRY, b.reconciles().get(i).classification().cause());
      }
    }
    assertTrue(retries > 10);
    // --events: a known event just before a start makes it external
    List<Reconcile> rs = m.reconciles();
    long[] events = {rs.get(5).startNanos() - 1_000_000};
    Classification c = analyzer.analyze(rs, events, 0, 1).reconciles().get(5).classification();
    if (!rs.get(4).error()) {
      assertEquals(Cause.EXTERNAL_EVENT, c.cause());
      assertEquals("events file", c.basis());
    }
  }
}
