package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.wakeupanalyze.analyze.hazard.Spike;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fundamental's vote ({@link SamplingStep#overlapTotals}): for each timer, the gaps of every
 * distinct spike whose window overlaps its own, a shared spike counted once; the sweep gives what
 * comparing every pair gives.
 */
class OverlapTotalsTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  private static long[] pairwise(List<Timer> timers) {
    long[] total = new long[timers.size()];
    for (int i = 0; i < timers.size(); i++) {
      Set<Spike> counted = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Timer o : timers) {
        if (o.overlaps(timers.get(i)) && counted.add(o.spike)) {
          total[i] += o.spike.count();
        }
      }
    }
    return total;
  }

  private static Spike spike(double low, double high, int count) {
    return new Spike(low, high, (low + high) / 2, 0.001, count, 0.01, 1e-9, 40, true, false);
  }

  /**
   * A timer whose padded window starts exactly where {@code before}'s ends, or null when rounding
   * skips that point: its spike's low edge is bisected until the padding lands on it.
   */
  private static Timer startingAtTheEndOf(Timer before, int count) {
    double lo = before.hi; // the padded start grows with the spike's low edge
    double hi = before.hi + 10;
    while (Math.nextUp(lo) < hi) {
      double mid = lo + (hi - lo) / 2;
      if (new Timer(spike(mid, mid + 0.5, count), false, P).lo < before.hi) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    Timer t = new Timer(spike(hi, hi + 0.5, count), false, P);
    return t.lo == before.hi ? t : null;
  }

  @Test
  void windowsThatOnlyTouch_overlap_asTimerOverlapsSays() {
    Timer a = null;
    Timer b = null;
    for (double high = 5.01; b == null; high = Math.nextUp(high)) {
      a = new Timer(spike(4.99, high, 7), false, P);
      b = startingAtTheEndOf(a, 11);
    }
    List<Timer> timers = List.of(a, b);
    assertArrayEquals(new long[] {18, 18}, pairwise(timers), "inclusive edges");
    assertArrayEquals(pairwise(timers), SamplingStep.overlapTotals(timers));
  }

  @Test
  void theSweep_equalsComparingEveryPair_withSharedSpikesCountedOnce() {
    Random rnd = new Random(5);
    for (int round = 0; round < 300; round++) {
      List<Spike> spikes = new ArrayList<>();
      for (int s = 0; s < 1 + rnd.nextInt(12); s++) {
        // delays on a few values, so windows overlap, touch and tie
        double delay = 1 + rnd.nextInt(6) * (rnd.nextBoolean() ? 1 : 1.004);
        double half = rnd.nextInt(3) * 0.002 * delay;
        spikes.add(
            new Spike(
                delay - half,
                delay + half,
                delay,
                0.001,
                5 + rnd.nextInt(40),
                0.01,
                1e-9,
                40,
                true,
                false));
      }
      List<Timer> timers = new ArrayList<>();
      for (int t = 0; t < 1 + rnd.nextInt(30); t++) {
        // a pooled spike is the same object in many objects' timers
        timers.add(new Timer(spikes.get(rnd.nextInt(spikes.size())), rnd.nextBoolean(), P));
      }
      assertArrayEquals(pairwise(timers), SamplingStep.overlapTotals(timers), "round " + round);
    }
  }
}
