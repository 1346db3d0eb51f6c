package io.github.wakeupanalyze.analyze.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan steps over runs of empty windows without searching ({@link
 * HazardScan.Windows#skipEmpty}): the table it builds, and the number of windows it counts for the
 * Bonferroni correction, are exactly those of adding every window of the grid.
 */
class EmptyWindowSkipTest {
  private static HazardScan.Windows tabulate(SortedGaps sg, double min, boolean skip) {
    HazardScan.Windows win = new HazardScan.Windows();
    double[] x = sg.sorted();
    double max = x[x.length - 1];
    for (double w : HazardScan.WIDTHS) {
      double ratio = (1 + w) / (1 - w);
      for (int grid = 0; grid < 2; grid++) {
        int[] at = new int[4];
        double lo = min * (grid == 0 ? 1 : Math.sqrt(ratio));
        while (lo < max) {
          win.add(sg, lo, lo * ratio, w, at);
          lo = skip ? win.skipEmpty(x, lo * ratio, ratio, max, at) : lo * ratio;
        }
      }
    }
    return win;
  }

  @Test
  void skippingEmptyWindows_tabulatesTheSameWindows_andCountsEveryOne() {
    Random rnd = new Random(17);
    int skipped = 0;
    for (int round = 0; round < 300; round++) {
      // a few gaps spread over up to a minute (one object's), or many, with ties and clusters
      double[] gaps = new double[1 + rnd.nextInt(round % 3 == 0 ? 200 : 20)];
      for (int i = 0; i < gaps.length; i++) {
        gaps[i] =
            switch (rnd.nextInt(3)) {
              case 0 -> 5 + rnd.nextGaussian() * 0.01; // a timer's tooth
              case 1 -> rnd.nextInt(8) * 0.5; // ties
              default -> rnd.nextDouble() * 60;
            };
        gaps[i] = Math.max(0, gaps[i]);
      }
      SortedGaps sg = new SortedGaps(gaps);
      HazardScan.Windows all = tabulate(sg, 0.05, false);
      HazardScan.Windows fast = tabulate(sg, 0.05, true);
      String at = "round " + round + " " + Arrays.toString(sg.sorted());
      assertEquals(all.size, fast.size, at);
      assertEquals(all.empty, fast.empty, at);
      for (double[][] pair :
          new double[][][] {
            {all.lo, fast.lo},
            {all.hi, fast.hi},
            {all.w, fast.w},
            {all.k, fast.k},
            {all.e, fast.e},
            {all.mu, fast.mu},
            {all.muPooled, fast.muPooled},
            {all.kL, fast.kL},
            {all.eL, fast.eL},
            {all.kR, fast.kR},
            {all.eR, fast.eR}
          }) {
        assertArrayEquals(Arrays.copyOf(pair[0], all.size), Arrays.copyOf(pair[1], fast.size), at);
      }
      assertArrayEquals(Arrays.copyOf(all.flat, all.size), Arrays.copyOf(fast.flat, fast.size));
      skipped += all.empty;
    }
    assertTrue(skipped > 100_000, "the rounds had empty windows to step over: " + skipped);
  }
}
