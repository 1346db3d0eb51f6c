package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.model.TriggerHint;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceLabelsTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  private static ObjectWrite write(double seconds, String client) {
    long t = Streams.ORIGIN + Math.round(seconds * 1e9);
    return new ObjectWrite(
        t, t, "ns", "a", "widgets", "PATCH", client, "kube-apiserver", 0, 9, 99, false);
  }

  @Test
  void visibleWrite_beatsTheErrorRule_andOnlyOtherClientsCount() {
    StreamTimes t = Streams.of("ns/a").at(0, 0.1).failing(1, 1.1).at(2, 2.1).at(3, 3.1).times();
    EvidenceIndex ev =
        new EvidenceIndex(
            new TraceEvidence(List.of(write(1.95, "kubectl"), write(2.95, "op/v1")), List.of()),
            new long[0]);
    Classification[] l = EvidenceLabels.label(t, ev, P);
    assertNull(l[0]);
    assertNull(l[1], "nothing says why reconcile 1 ran");
    assertEquals(Cause.EXTERNAL_EVENT, l[2].cause(), "a visible write 50 ms before it");
    assertEquals("visible write", l[2].basis());
    assertNull(l[3], "a write by the operator itself (its client names it) is no evidence");
  }

  @Test
  void errorStatus_labelsTheNextReconcileARetry() {
    StreamTimes t = Streams.of("ns/a").at(0, 0.1).failing(1, 1.1).at(1.105, 1.2).times();
    Classification[] l = EvidenceLabels.label(t, EvidenceIndex.NONE, P);
    assertEquals(Cause.ERROR_RETRY, l[2].cause());
    assertEquals(Trigger.TIMER, l[2].trigger());
  }

  @Test
  void kubeRsReasons_areReadAsTheyAreWritten() {
    assertEquals(
        Cause.REQUEUE, EvidenceLabels.fromReason("reconciler requested retry", 5, null, P).cause());
    assertEquals(
        Cause.ERROR_RETRY,
        EvidenceLabels.fromReason("error policy requested retry", 5, null, P).cause());
    assertEquals(
        Cause.EXTERNAL_EVENT, EvidenceLabels.fromReason("object updated", 5, null, P).cause());
    assertNull(EvidenceLabels.fromReason("", 5, null, P));
  }

  @Test
  void backoffRun_isMarked_onlyWhenTheTraceRecordsNoErrorStatus() {
    Streams.Builder b = Streams.of("ns/a").at(0, 0.001);
    double end = 0.001;
    for (double g : new double[] {0.005, 0.01, 0.02, 0.04, 0.08, 0.16}) {
      b.at(end + g, end + g + 0.001);
      end += g + 0.001;
    }
    boolean[] run = EvidenceLabels.backoffRuns(b.times());
    assertTrue(run[2] && run[6]);
    assertFalse(run[0]);
    assertFalse(EvidenceLabels.backoffRuns(b.failing(10, 10.1).times())[3]);
  }

  @Test
  void recordedTrigger_decides_butAVisibleWriteBeatsARecordedRetry() {
    StreamTimes t =
        Streams.of("ns/a")
            .recorded(0, 0.1, false, null, 0)
            .recorded(30.1, 30.2, false, TriggerHint.TIMER, 0)
            .recorded(31, 31.1, true, TriggerHint.EVENT, -1)
            .recorded(31.6, 31.7, true, TriggerHint.RETRY, -1)
            .recorded(32.2, 32.3, false, TriggerHint.RETRY, 2)
            .times();
    EvidenceIndex ev =
        new EvidenceIndex(
            new TraceEvidence(List.of(write(32.15, "kubectl")), List.of()), new long[0]);
    Classification[] l = EvidenceLabels.label(t, ev, P);
    assertEquals(Cause.MAX_INTERVAL, l[1].cause(), "a timer after a reconcile that asked none");
    assertEquals(Cause.EXTERNAL_EVENT, l[2].cause());
    assertEquals(Cause.ERROR_RETRY, l[3].cause(), "the record says retry, nothing contradicts");
    assertEquals(Cause.EXTERNAL_EVENT, l[4].cause(), "an edit during the backoff started it");
    assertEquals("visible write", l[4].basis());
  }

  @Test
  void statedRequeueDelay_metToTheMillisecond_isThatTimer() {
    StreamTimes t =
        Streams.of("ns/a")
            .recorded(0, 0.1, false, null, 5)
            .recorded(5.1005, 5.2, false, null, 5)
            .recorded(9.5, 9.6, false, null, -1)
            .times();
    Classification[] l = EvidenceLabels.label(t, EvidenceIndex.NONE, P);
    assertEquals(Cause.REQUEUE, l[1].cause());
    assertEquals("stated requeue", l[1].basis());
    assertNull(l[2], "4.3 s after a stated 5 s delay: not that timer");
    assertFalse(EvidenceLabels.statedDelay(t.get(0), 5.02));
  }
}
