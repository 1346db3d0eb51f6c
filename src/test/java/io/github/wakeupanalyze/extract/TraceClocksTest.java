package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule of the extractor's clocks: {@code time = max(own watermark, input watermark − lag)},
 * never going back, where the lag is how far the service trailed the input when it last sent a
 * span.
 */
class TraceClocksTest {
  static final long S = 1_000_000_000L;
  static final long SLICE = S;

  @Test
  void aServiceSendingSpans_runsOnItsOwnTime_howeverFarItTrailsTheInput() {
    TraceClocks c = new TraceClocks(SLICE);
    for (long t = 0; t <= 1_000; t++) {
      c.advance(1, t * S);
    }
    // the second block of an export with one block per service: it starts at the beginning
    for (long t = 0; t <= 500; t++) {
      c.advance(2, t * S);
      assertEquals(t * S, c.time(2));
    }
    assertEquals(1_000 * S, c.input());
    assertEquals(1_000 * S, c.time(1), "a finished block keeps its own end");
  }

  @Test
  void aQuietService_keepsTimeWithTheInput_atTheLagItLastHad() {
    TraceClocks c = new TraceClocks(SLICE);
    c.advance(2, 105 * S);
    c.advance(1, 100 * S); // 5 s behind the input when it falls quiet
    for (long t = 106; t <= 200; t++) {
      c.advance(2, t * S);
      long expected = (t - 5) * S;
      assertTrue(c.time(1) <= expected, "never ahead of the input less its lag");
      assertTrue(c.time(1) >= expected - SLICE, "at most a slice behind it: " + c.time(1));
    }
  }

  @Test
  void aSpanBehindItsClock_movesNoClock() {
    TraceClocks c = new TraceClocks(SLICE);
    c.advance(2, 60 * S);
    c.advance(1, 50 * S);
    c.advance(1, 10 * S);
    assertEquals(0, c.movedCount());
    assertEquals(50 * S, c.time(1));
    c.advance(1, 51 * S);
    assertEquals(1, c.movedCount());
    assertEquals(1, c.moved(0));
  }

  @Test
  void clocks_neverRunAheadOfTheInput_neverGoBack_norFallBehindTheirOwnSpans() {
    Random rnd = new Random(41);
    TraceClocks c = new TraceClocks(SLICE);
    int services = 6;
    long[] own = new long[services];
    long[] before = new long[services];
    java.util.Arrays.fill(own, Long.MIN_VALUE);
    long input = Long.MIN_VALUE;
    long base = 1_700_000_000L * S;
    for (int i = 0; i < 50_000; i++) {
      int svc = rnd.nextInt(services);
      // blocks that restart from the beginning, jitter, and spans far behind
      long end = base + (i % 10_000) * S / 10 + svc * 7 * S - rnd.nextInt(30) * S;
      for (int d = 0; d < services; d++) {
        before[d] = c.time(d);
      }
      c.advance(svc, end);
      own[svc] = Math.max(own[svc], end);
      input = Math.max(input, end);
      assertEquals(input, c.input());
      Set<Integer> moved = new HashSet<>();
      for (int k = 0; k < c.movedCount(); k++) {
        moved.add(c.moved(k));
      }
      for (int d = 0; d < services; d++) {
        if (own[d] == Long.MIN_VALUE) {
          continue;
        }
        long t = c.time(d);
        assertTrue(t <= input, "never ahead of the input");
        assertTrue(t >= own[d], "never behind its own spans");
        assertTrue(before[d] == Long.MIN_VALUE || t >= before[d], "never back");
        assertEquals(
            t != before[d], moved.contains(d), "moved lists exactly the clocks that moved");
      }
    }
  }
}
