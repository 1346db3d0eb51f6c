package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamTimesTest {
  @Test
  void gaps_runFromPreviousEndToStart_andDuplicatesAreFlagged() {
    StreamTimes t =
        Streams.of("ns/a")
            .at(0, 0.1)
            .at(5.1, 5.3)
            .at(5.1, 5.3)
            .failing(6, 6.1)
            .at(6.2, 6.3)
            .times();
    assertEquals(5, t.n);
    assertTrue(Double.isNaN(t.gap[0]));
    assertEquals(5.0, t.gap[1], 1e-9);
    assertEquals(0, t.gap[2], 1e-9, "never negative");
    assertTrue(t.duplicate[2]);
    assertFalse(t.duplicate[1]);
    assertTrue(t.errorsRecorded);
    // not the duplicate, not the gap after the failure
    assertArrayEquals(new double[] {5.0, 0.7}, t.scanGaps(), 1e-9);
    assertEquals(3, t.testableGaps(0.05));
  }

  @Test
  void anchored_findsAnyEarlierEndAtTheLag_firedDuring_thePreviousReconcile() {
    StreamTimes t = Streams.of("ns/a").at(0, 1).at(2, 2.5).at(6.0, 6.2).at(6.25, 6.3).times();
    assertTrue(t.anchored(2, 4.99, 5.01), "6.0 − 1.0 = 5");
    assertFalse(t.anchored(2, 3.6, 3.9));
    // a 5 s timer armed at 1.0 fell due at 6.0: it started reconcile 2 [6.0, 6.2], it did not
    // leave it dirty
    assertFalse(t.firedDuring(3, 5.0), "the timer that started the previous reconcile");
    // armed at 1.0 and due at 6.05 at the earliest: it fell due while reconcile 2 ran
    assertTrue(t.firedDuring(3, 5.05));
    // armed at 2.5 and due in [6.1, 6.15]
    assertTrue(t.firedDuring(3, 3.6));
    assertFalse(t.firedDuring(3, 7));
  }
}
