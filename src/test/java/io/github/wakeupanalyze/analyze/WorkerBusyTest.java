package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerBusyTest {
  @Test
  void busyBlocks_spanObjects_andBreakAtAPause() {
    StreamTimes a = Streams.of("ns/a").at(0, 1).at(3, 4).times();
    StreamTimes b = Streams.of("ns/b").at(1.005, 2).at(5, 6).times();
    WorkerBusy busy = WorkerBusy.of(List.of(a, b));
    assertTrue(busy.busyUntil(0.5, 1.9), "a then b back to back: one block [0, 2]");
    assertFalse(busy.busyUntil(0.5, 3.5), "a pause at [2, 3]");
    assertFalse(busy.busyUntil(-1, 0.5), "the block started after 'since'");
  }
}
