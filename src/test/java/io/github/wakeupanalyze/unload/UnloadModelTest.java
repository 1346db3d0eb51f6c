package io.github.wakeupanalyze.unload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The unload model against timelines computed by hand, and against a tick-by-tick reference. */
class UnloadModelTest {
  private static final long S = 1_000_000_000L;
  private static final long W0 = 1_767_225_600L * S;

  /** Runs with times in seconds after {@link #W0}: intervals as start, end, start, end... */
  static UnloadResult run(double windowSeconds, double t, double... startEnd) {
    long[] starts = new long[startEnd.length / 2];
    long[] ends = new long[startEnd.length / 2];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = W0 + Math.round(startEnd[2 * i] * S);
      ends[i] = W0 + Math.round(startEnd[2 * i + 1] * S);
    }
    return UnloadModel.run(starts, ends, W0, W0 + Math.round(windowSeconds * S), Math.round(t * S));
  }

  @Test
  void handComputed_gapsLongerThanT_reload() {
    // window 0..100, T = 5; busy [10,11] [13,14] [30,31] [80,81]
    // idle: 0..10 (10 > 5: unloaded 5, reload), 11..13 (2), 14..30 (16: unloaded 11, reload),
    // 31..80 (49: unloaded 44, reload), tail 81..100 (19: unloaded 14, no reload counted)
    UnloadResult r = run(100, 5, 10, 11, 13, 14, 30, 31, 80, 81);
    assertEquals(3, r.reloads());
    assertEquals((5 + 11 + 44 + 14) * S, r.unloadedNanos());
    assertEquals((100 - 74) * S, r.loadedNanos());
    assertEquals(0.74, r.unloadedShare(), 1e-12);
    assertEquals(3 / (100 / 3600.0), r.reloadsPerHour(), 1e-9);
  }

  @Test
  void overlappingReconciles_busyWhileAnyRuns() {
    // window 0..60, T = 5: [2,20] and [4,8] overlap (the short one ends inside the long one);
    // [18,26] overlaps the first too. Busy 2..26 as one stretch; a naive "end of previous"
    // would see an idle gap 8..18 (10 > 5) and count a reload that never happened.
    UnloadResult r = run(60, 5, 2, 20, 4, 8, 18, 26, 40, 41);
    // idle: 0..2 (2), 26..40 (14: unloaded 9, reload), tail 41..60 (19: unloaded 14)
    assertEquals(1, r.reloads());
    assertEquals((9 + 14) * S, r.unloadedNanos());
  }

  @Test
  void overlappingReconciles_anyOrder_sameResult() {
    UnloadResult a = run(60, 5, 2, 20, 4, 8, 18, 26, 40, 41);
    UnloadResult b = run(60, 5, 40, 41, 18, 26, 4, 8, 2, 20);
    assertEquals(a, b);
  }

  @Test
  void windowStart_loadedWithIdleClockStarting() {
    // first reconcile within T of the start: no reload, no unloaded time before it
    UnloadResult near = run(10, 5, 4, 5);
    assertEquals(0, near.reloads());
    assertEquals(0, near.unloadedNanos(), "tail 5..10 is exactly T: not unloaded");
    // first reconcile later than T: one reload, unloaded from T to it
    UnloadResult far = run(10, 2, 7, 8);
    assertEquals(1, far.reloads());
    assertEquals((5 + 0) * S, far.unloadedNanos(), "0..7 idle: unloaded 2..7; tail 8..10 = T");
  }

  @Test
  void windowEnd_tailUnloadsButCountsNoReload() {
    UnloadResult r = run(100, 1, 0, 1);
    assertEquals(0, r.reloads());
    assertEquals(98 * S, r.unloadedNanos(), "idle 1..100, unloaded from 2 on");
  }

  @Test
  void reconcileAtTheVeryStartAndEnd_noEdgeReloads() {
    UnloadResult r = run(20, 5, 0, 1, 19, 20);
    assertEquals(1, r.reloads(), "only the gap 1..19");
    assertEquals(13 * S, r.unloadedNanos());
  }

  @Test
  void idleExactlyT_isNotAReload() {
    UnloadResult r = run(20, 5, 0, 1, 6, 7, 12, 13);
    assertEquals(0, r.reloads());
    assertEquals(2 * S, r.unloadedNanos(), "only the tail 13..20 beyond T");
  }

  @Test
  void zeroDurationReconcile_stillWakesTheOperator() {
    UnloadResult r = run(20, 1, 10, 10);
    assertEquals(1, r.reloads());
    assertEquals((9 + 9) * S, r.unloadedNanos());
  }

  @Test
  void noReconciles_unloadedAfterTUntilTheEnd() {
    UnloadResult r = run(30, 5);
    assertEquals(0, r.reloads());
    assertEquals(25 * S, r.unloadedNanos());
    UnloadResult shortWindow = run(3, 5);
    assertEquals(0, shortWindow.unloadedNanos());
  }

  @Test
  void reconcilesOutsideTheWindow_areClipped() {
    UnloadResult r = run(10, 1, -5, 2, 9, 15);
    assertEquals(1, r.reloads());
    assertEquals(6 * S, r.unloadedNanos(), "idle 2..9, unloaded 3..9; busy to the end");
  }

  @Test
  void tZero_everyIdleGapIsAReload() {
    UnloadResult r = run(10, 0, 1, 2, 2, 3, 5, 6);
    assertEquals(2, r.reloads(), "0..1 and 3..5; 2..2 touches: no idle time");
    assertEquals((1 + 2 + 4) * S, r.unloadedNanos());
  }

  @Test
  void badArguments_rejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> UnloadModel.run(new long[] {5}, new long[] {4}, 0, 10, 1));
    assertThrows(
        IllegalArgumentException.class, () -> UnloadModel.run(new long[0], new long[0], 10, 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> UnloadModel.run(new long[0], new long[0], 0, 10, -1));
  }

  /**
   * Reference: millisecond ticks. The operator is unloaded at instant x when nothing runs at x and
   * the last busy end at or before x (the window start if none) lies more than T before x; a reload
   * is an unloaded tick followed by a loaded one. Exact for integer-millisecond inputs.
   */
  static UnloadResult reference(long[] starts, long[] ends, long windowMs, long tMs) {
    boolean[] unloaded = new boolean[(int) windowMs];
    for (int i = 0; i < windowMs; i++) {
      double x = i + 0.5;
      double lastEnd = 0;
      boolean busy = false;
      for (int j = 0; j < starts.length; j++) {
        if (starts[j] <= x) {
          lastEnd = Math.max(lastEnd, ends[j]);
          busy |= ends[j] >= x;
        }
      }
      unloaded[i] = !busy && x - lastEnd > tMs;
    }
    long count = 0;
    long reloads = 0;
    for (int i = 0; i < windowMs; i++) {
      count += unloaded[i] ? 1 : 0;
      if (i + 1 < windowMs && unloaded[i] && !unloaded[i + 1]) {
        reloads++;
      }
    }
    return new UnloadResult(tMs, windowMs, reloads, count);
  }

  @Test
  void agreesWithTickReference_onSeededRandomTimelines() {
    Random rnd = new Random(7);
    int compared = 0;
    int withReloads = 0;
    for (int trial = 0; trial < 300; trial++) {
      long window = 200 + rnd.nextInt(800);
      int n = rnd.nextInt(12);
      long[] starts = new long[n];
      long[] ends = new long[n];
      for (int i = 0; i < n; i++) {
        starts[i] = rnd.nextInt((int) window);
        ends[i] = Math.min(window, starts[i] + rnd.nextInt(60));
      }
      long t = 1 + rnd.nextInt(80);
      UnloadResult fast = UnloadModel.run(starts, ends, 0, window, t);
      UnloadResult ref = reference(starts, ends, window, t);
      assertEquals(ref, fast, "trial " + trial);
      compared++;
      withReloads += fast.reloads() > 1 ? 1 : 0;
    }
    assertEquals(300, compared);
    assertTrue(withReloads > 50, "the trials exercise reloads, not only trivial timelines");
  }
}
