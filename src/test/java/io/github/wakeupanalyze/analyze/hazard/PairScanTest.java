package io.github.wakeupanalyze.analyze.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Timelines;
import io.github.wakeupanalyze.model.Reconcile;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairScanTest {
  static double[][] startsEnds(List<Reconcile> rs) {
    long t0 = rs.get(0).startNanos();
    double[] s = new double[rs.size()];
    double[] e = new double[rs.size()];
    for (int i = 0; i < rs.size(); i++) {
      s[i] = (rs.get(i).startNanos() - t0) / 1e9;
      e[i] = (rs.get(i).endNanos() - t0) / 1e9;
    }
    return new double[][] {s, e};
  }

  @Test
  void earliestQueue_ninetyPercentEvents_noJitter_found() {
    int hit = 0;
    int hazardHit = 0;
    for (int seed = 0; seed < 40; seed++) {
      var tl =
          Timelines.generate(
              Timelines.spec().queue(Timelines.Queue.EARLIEST).eventShare(0.9), seed);
      double[][] se = startsEnds(tl.reconciles());
      Spike s = PairScan.scan(se[0], se[1], HazardScan.Config.defaults());
      if (s != null && Math.abs(s.delay() - 5) < 0.05) {
        hit++;
      }
      if (!HazardScan.scan(HazardScanTest.gaps(tl.reconciles()), HazardScan.Config.defaults())
          .isEmpty()) {
        hazardHit++;
      }
    }
    System.out.println(
        "earliest 90% events J=0: pair scan " + hit + "/40, hazard scan " + hazardHit + "/40");
    assertTrue(hit >= 38, "pair scan found " + hit + "/40");
  }

  @Test
  void poissonAndBursty_noPairSpikes() {
    int fp = 0;
    for (int seed = 0; seed < 200; seed++) {
      for (var tl : List.of(Timelines.poisson(0.5, 300, seed), Timelines.bursty(0.5, 300, seed))) {
        double[][] se = startsEnds(tl.reconciles());
        fp += PairScan.scan(se[0], se[1], HazardScan.Config.defaults()) == null ? 0 : 1;
      }
    }
    assertEquals(0, fp, "false pair spikes over 400 timer-free streams");
  }

  @Test
  void anyEarlierEnd_handCounted() {
    double[] starts = {0, 5.0, 6.0, 10.5};
    double[] ends = {0.5, 5.5, 6.1, 11};
    // start 6.0: ends 0.5 at lag 5.5 → match [5.4, 5.6]; start 10.5: end 5.5 lag 5.0 no; 5.0: none
    assertEquals(1, PairScan.anyEarlierEnd(starts, ends, 5.4, 5.6));
    assertEquals(2, PairScan.anyEarlierEnd(starts, ends, 4.4, 5.0));
  }
}
