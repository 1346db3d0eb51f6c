package io.github.wakeupanalyze.analyze.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Timelines;
import io.github.wakeupanalyze.model.Reconcile;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazardScanTest {
  static double[] gaps(List<Reconcile> rs) {
    double[] g = new double[rs.size() - 1];
    for (int j = 1; j < rs.size(); j++) {
      g[j - 1] = Math.max(0, rs.get(j).startNanos() - rs.get(j - 1).endNanos()) / 1e9;
    }
    return g;
  }

  @Test
  void findsFiveSecondTimer_halfEvents() {
    int hit = 0;
    for (int seed = 0; seed < 50; seed++) {
      List<Spike> s =
          HazardScan.scan(
              gaps(Timelines.requeueAfter(5, 0, 0.5, 300, seed).reconciles()),
              HazardScan.Config.defaults());
      if (!s.isEmpty() && Math.abs(s.get(0).delay() - 5) < 0.01) {
        hit++;
      }
    }
    assertEquals(50, hit);
  }

  @Test
  void jitterAndEvents_grid_findsTheTimer_wheneverJitterOrEventsLeaveItVisible() {
    for (double j : new double[] {0, 0.05, 0.1, 0.25}) {
      for (double e : new double[] {0.1, 0.5, 0.9}) {
        int hit = 0;
        double err = 0;
        for (int seed = 0; seed < 40; seed++) {
          List<Spike> s =
              HazardScan.scan(
                  gaps(Timelines.requeueAfter(5, j, e, 300, seed).reconciles()),
                  HazardScan.Config.defaults());
          if (!s.isEmpty() && Math.abs(s.get(0).delay() - 5) < 0.25) {
            hit++;
            err += Math.abs(s.get(0).delay() - 5) / 5;
          }
        }
        System.out.printf(
            "J=%.2f events=%.1f detect=%d/40 err=%.4f%n", j, e, hit, hit == 0 ? 0 : err / hit);
        // measured: 40/40 everywhere up to J = 0.10 with half events (39 and 32 of 40 with 90 %
        // at J = 0.05 and 0.10); with a quarter of the delay's jitter only the event-poor
        // streams are reliably found (40, 27 and 3 of 40)
        String cell = "J=" + j + ", events=" + e + ": " + hit + "/40";
        if (j <= 0.10 && e <= 0.5) {
          assertEquals(40, hit, cell);
        } else if (j <= 0.05) {
          assertTrue(hit >= 38, cell);
        } else if (e <= 0.1) {
          assertTrue(hit >= 38, cell);
        }
        // the delay is the median of the support: within a fraction of the jitter of 5 s
        assertTrue(hit == 0 || err / hit <= 0.3 * j + 0.002, cell + " error " + err / hit);
      }
    }
  }

  @Test
  void poissonAndBursty_noSpikes() {
    int fp = 0;
    for (int seed = 0; seed < 300; seed++) {
      fp +=
          HazardScan.scan(
                      gaps(Timelines.poisson(0.5, 300, seed).reconciles()),
                      HazardScan.Config.defaults())
                  .isEmpty()
              ? 0
              : 1;
      fp +=
          HazardScan.scan(
                      gaps(Timelines.bursty(0.5, 300, seed).reconciles()),
                      HazardScan.Config.defaults())
                  .isEmpty()
              ? 0
              : 1;
    }
    System.out.println("false spikes " + fp + "/600");
    assertTrue(fp == 0);
  }
}
