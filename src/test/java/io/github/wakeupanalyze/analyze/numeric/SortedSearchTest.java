package io.github.wakeupanalyze.analyze.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The searches agree with their definitions, and the galloping search with the plain one. */
class SortedSearchTest {
  @Test
  void bounds_knownAnswers() {
    double[] a = {1, 2, 2, 2, 5};
    assertEquals(1, SortedSearch.lowerBound(a, 2));
    assertEquals(4, SortedSearch.upperBound(a, 2));
    assertEquals(0, SortedSearch.upperBound(a, 0.5));
    assertEquals(5, SortedSearch.upperBound(a, 9));
    assertEquals(4, SortedSearch.upperBoundFrom(a, 2, 0));
    assertEquals(4, SortedSearch.upperBoundFrom(a, 2, 5));
    assertEquals(0, SortedSearch.upperBoundFrom(new double[0], 1, 3));
  }

  @Test
  void upperBoundFrom_equalsUpperBound_forEveryHint_onRandomTiedAndEmptyArrays() {
    SplittableRandom r = new SplittableRandom(7);
    for (int trial = 0; trial < 3000; trial++) {
      int n = r.nextInt(60);
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = trial % 3 == 0 ? r.nextInt(5) : r.nextDouble(10); // every third: many ties
      }
      Arrays.sort(a);
      double v = trial % 5 == 0 && n > 0 ? a[r.nextInt(n)] : r.nextDouble(-1, 11);
      int expected = SortedSearch.upperBound(a, v);
      assertEquals(expected, countAtMost(a, v), "upperBound is the count of values <= v");
      for (int hint = -2; hint <= n + 2; hint++) {
        assertEquals(
            expected,
            SortedSearch.upperBoundFrom(a, v, hint),
            () -> "a=" + Arrays.toString(a) + " v=" + v);
      }
    }
  }

  private static int countAtMost(double[] a, double v) {
    int k = 0;
    for (double x : a) {
      k += x <= v ? 1 : 0;
    }
    return k;
  }
}
