package io.github.wakeupanalyze.analyze.hazard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.testing.KeptReconciles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first tooth of a thinned comb (docs/method.md, step 1, "The fundamental keeps its place"):
 * one object, a RequeueAfter of P with 40 ms reconciles, head-sampled at 10 % for two hours (about
 * 140 kept reconciles). Its teeth at k·P are as sharp as the first and hold about as many gaps, so
 * over all windows of the scan the first tooth is often not significant; tested as the fundamental
 * of the reported teeth, it is.
 */
class HazardScanCombTest {
  /** End→start gaps between kept reconciles: a timer of {@code delay} s, kept with p, two hours. */
  static double[] thinnedTimer(double delay, double p, long seed) {
    return KeptReconciles.simulate(7200, delay, 300, 0.04, p, seed).gaps();
  }

  static boolean reports(List<Spike> spikes, double delay) {
    for (Spike s : spikes) {
      if (Math.abs(s.delay() - delay) < 0.01) {
        return true;
      }
    }
    return false;
  }

  /**
   * Of 60 seeded thinned combs of a {@code timer} s timer, those whose scan reports {@code delay}.
   */
  static int combsReporting(double timer, double delay) {
    int n = 0;
    for (long seed = 0; seed < 60; seed++) {
      n +=
          reports(
                  HazardScan.scan(thinnedTimer(timer, 0.1, seed), HazardScan.Config.defaults()),
                  delay)
              ? 1
              : 0;
    }
    return n;
  }

  @Test
  void aThinnedShortReconcileTimer_keepsItsFundamental() {
    int found = combsReporting(5, 5);
    System.out.println("5 s fundamental reported in " + found + " of 60 thinned combs");
    // 59 measured; 54 before the comb's first tooth was tested on its own
    assertTrue(found >= 57, found + " of 60");
  }

  @Test
  void aThinnedTenSecondTimer_getsNoFiveSecondFundamental() {
    // its teeth lie at 10, 20, 30 s: multiples of 5 s too, but no gaps lie at 5 s
    int false5 = combsReporting(10, 5);
    assertTrue(false5 == 0, false5 + " of 60");
  }
}
