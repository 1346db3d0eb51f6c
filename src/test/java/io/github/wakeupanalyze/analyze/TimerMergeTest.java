package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimerMergeTest {
  private static TimerFinding timer(double delay, int n, TimerSource source, Queue q) {
    return new TimerFinding(
        delay,
        delay + 0.1,
        0.001,
        n,
        1,
        delay - 0.01,
        delay + 0.01,
        1e-6,
        q,
        Tier.SHARP,
        source,
        List.of());
  }

  @Test
  void overlappingWindowsOfOneSource_mergeIntoOneWeightedTimer() {
    List<TimerFinding> m =
        TimerMerge.merge(
            List.of(
                timer(5.0, 30, TimerSource.REQUEUE, Queue.EARLIEST),
                timer(5.005, 10, TimerSource.REQUEUE, Queue.EARLIEST),
                timer(5.0, 10, TimerSource.EXTERNAL_PERIODIC, Queue.RESET),
                timer(60, 5, TimerSource.REQUEUE, Queue.RESET)));
    assertEquals(3, m.size());
    TimerFinding first = m.get(1);
    assertEquals(TimerSource.REQUEUE, first.source());
    assertEquals(5.00125, first.delaySeconds(), 1e-9, "(30·5 + 10·5.005)/40");
    assertEquals(40, first.reconciles());
    assertEquals(2, first.objects());
    assertEquals(Queue.EARLIEST, first.queue());
    assertEquals(4.99, first.windowLowSeconds(), 1e-12);
    assertEquals(5.015, first.windowHighSeconds(), 1e-12);
    assertEquals(TimerSource.EXTERNAL_PERIODIC, m.get(0).source(), "sources in label order");
  }
}
