package io.github.wakeupanalyze.analyze.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The galloping search the window scan uses agrees with a plain binary search from anywhere. */
class ForwardSearchTest {
  @Test
  void forward_equalsLowerBound_fromAnyEarlierPosition() {
    Random rnd = new Random(3);
    for (int round = 0; round < 200; round++) {
      double[] x = new double[rnd.nextInt(60)];
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextInt(20) / 4.0; // ties on purpose
      }
      Arrays.sort(x);
      for (int q = 0; q < 50; q++) {
        double v = rnd.nextInt(24) / 4.0 - 0.5;
        int expected = SortedSearch.lowerBound(x, v);
        int from = expected == 0 ? 0 : rnd.nextInt(expected + 1);
        assertEquals(expected, HazardScan.forward(x, from, v), Arrays.toString(x) + " v=" + v);
      }
    }
  }
}
