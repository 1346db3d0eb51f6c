package io.github.wakeupanalyze.analyze.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The median by selection equals the middle of the sorted values, for any input. */
class RobustTest {
  private static double sortedMedian(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length;
    return m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
  }

  @Test
  void median_knownAnswers() {
    assertEquals(2, Robust.median(new double[] {3, 1, 2}));
    assertEquals(2.5, Robust.median(new double[] {4, 1, 3, 2}));
    assertEquals(7, Robust.median(new double[] {7}));
    assertTrue(Double.isNaN(Robust.median(new double[0])));
  }

  @Test
  void median_equalsTheSortedMiddle_onRandomSortedReversedAndTiedInputs() {
    Random r = new Random(42);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + r.nextInt(300);
      double[] v = new double[n];
      int shape = trial % 4;
      for (int i = 0; i < n; i++) {
        v[i] =
            switch (shape) {
              case 0 -> r.nextGaussian();
              case 1 -> i; // sorted
              case 2 -> n - i; // reversed
              default -> r.nextInt(3); // many ties
            };
      }
      double[] before = v.clone();
      assertEquals(sortedMedian(v), Robust.median(v), "trial " + trial + ", n " + n);
      assertArrayEquals(before, v, "the input is not modified");
    }
  }

  @Test
  void select_putsTheKthSmallestAtK_smallerBeforeLargerAfter() {
    Random r = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      double[] a = new double[1 + r.nextInt(100)];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextInt(20);
      }
      int k = r.nextInt(a.length);
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      double x = Robust.select(a, k);
      assertEquals(sorted[k], x);
      for (int i = 0; i < a.length; i++) {
        assertTrue(i < k ? a[i] <= x : i == k || a[i] >= x, "trial " + trial + " at " + i);
      }
    }
  }
}
