package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueSemanticsTest {
  private static StreamTimes stream(Timelines.Queue q, long seed) {
    Timelines.Spec spec = Timelines.spec().queue(q).eventShare(0.5);
    return new StreamTimes(Timelines.generate(spec, seed).reconciles(), Streams.ORIGIN);
  }

  @Test
  void clientGoQueue_keepsTheEarliestDeadline_priorityQueue_restarts() {
    for (long seed = 1; seed <= 5; seed++) {
      assertTrue(
          QueueSemantics.earliest(
              QueueSemantics.counts(stream(Timelines.Queue.EARLIEST, seed), 4.999, 5.002)));
      assertFalse(
          QueueSemantics.earliest(
              QueueSemantics.counts(stream(Timelines.Queue.RESET, seed), 4.999, 5.002)));
    }
  }

  @Test
  void countsOfSeveralStreams_areTheSumOfEachStreamsCounts() {
    List<StreamTimes> streams = new ArrayList<>();
    QueueSemantics.Counts sum = QueueSemantics.Counts.ZERO;
    for (long seed = 1; seed <= 4; seed++) {
      StreamTimes s = stream(Timelines.Queue.EARLIEST, seed);
      streams.add(s);
      sum = sum.plus(QueueSemantics.counts(s, 4.99, 5.01));
    }
    double prev = 0;
    for (StreamTimes s : streams) {
      prev += QueueSemantics.counts(s, 4.99, 5.01).prev();
    }
    assertEquals(prev, sum.prev());
    assertEquals(
        QueueSemantics.Counts.ZERO, QueueSemantics.counts(Streams.of("x").at(0, 1).times(), 1, 2));
  }

  @Test
  void fewAnchoredStarts_decideWhereChanceExpectsAlmostNone_notWhereItExpectsSome() {
    assertTrue(QueueSemantics.earliest(new QueueSemantics.Counts(40, 42, 0.01)), "tail 5e-5");
    assertFalse(QueueSemantics.earliest(new QueueSemantics.Counts(40, 41, 0.0001)), "one is none");
    assertFalse(QueueSemantics.earliest(new QueueSemantics.Counts(40, 42, 0.5)), "tail 0.09");
    // monotone: more anchored starts never turn "earliest" back into "reset"
    for (int extra = 2; extra < 30; extra++) {
      assertTrue(QueueSemantics.earliest(new QueueSemantics.Counts(40, 40 + extra, 0.01)));
    }
  }
}
