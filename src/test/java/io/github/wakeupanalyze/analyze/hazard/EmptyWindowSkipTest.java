package io.github.wakeupanalyze.analyze.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan steps over runs of empty windows without searching ({@link
 * HazardScan.Windows#skipEmpty}, on grids kept from scan to scan): the table it builds, and the
 * number of windows it counts for the Bonferroni correction, are exactly those of adding every
 * window of the grid, scan after scan.
 */
class EmptyWindowSkipTest {
  /** Every window of every grid added, as the scan did before it stepped over empty ones. */
  private static HazardScan.Windows everyWindow(SortedGaps sg, double min) {
    HazardScan.Windows win = new HazardScan.Windows();
    double[] x = sg.sorted();
    double max = x[x.length - 1];
    for (double w : HazardScan.WIDTHS) {
      double ratio = (1 + w) / (1 - w);
      for (int grid = 0; grid < 2; grid++) {
        int[] at = new int[4];
        for (double lo = min * (grid == 0 ? 1 : Math.sqrt(ratio)); lo < max; lo *= ratio) {
          win.add(sg, lo, lo * ratio, w, at);
        }
      }
    }
    return win;
  }

  @Test
  void skippingEmptyWindows_tabulatesTheSameWindows_andCountsEveryOne() {
    Random rnd = new Random(17);
    int skipped = 0;
    HazardScan.Windows fast = new HazardScan.Windows(); // reused, as a thread's table is
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
      HazardScan.Windows all = everyWindow(sg, 0.05);
      HazardScan.tabulate(sg, 0.05, fast, new int[HazardScan.WIDTHS.length + 1]);
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
