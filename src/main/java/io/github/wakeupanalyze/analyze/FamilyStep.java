package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The controller's objects' own timer tests as one family (docs/method.md, "Many objects, one
 * family"): a cross-object step, the first of step 3.
 *
 * <p>Each object's own scan holds its false alarms to α over the windows it tests (Bonferroni, in
 * {@link HazardScan}). A controller of m timer-free objects would then still show up to α·m false
 * timers. So the objects' own spikes are tested again across the objects, by the Benjamini–Hochberg
 * step-up rule at level α (Benjamini and Hochberg, "Controlling the false discovery rate: a
 * practical and powerful approach to multiple testing", JRSS B 57, 1995; valid for independent
 * tests, as different objects' gaps are under the null): with the objects' p-values sorted, p(1) ≤
 * … ≤ p(m), the largest k with p(k) ≤ k·α/m sets the threshold k·α/m. An object's p-value is that
 * of its strongest own spike; m counts the objects whose scan could find a spike at all (at least
 * {@code minCount} gaps at risk), as Tarone's refinement for tests that cannot reach α does. An own
 * spike above the threshold is dropped and its object's timers found and classified again: a pooled
 * timer it had stood for is then offered to the object and kept or dropped by the object's own
 * count, as everywhere else.
 *
 * <p>Laws: with one object the rule is the object's own (k = m = 1, threshold α); the threshold
 * only rises as more objects show spikes of their own (a timer every object has keeps α).
 */
final class FamilyStep {
  private FamilyStep() {}

  /** Drops the own spikes the family rejects and classifies their objects again. */
  static void run(List<StreamWork> streams, HazardScan.Config scan, AnalysisParameters params) {
    double[] p = new double[streams.size()];
    int m = 0;
    int tested = 0;
    for (StreamWork w : streams) {
      if (w.sortedGaps == null || w.sortedGaps.atRisk(scan.minGap()) < scan.minCount()) {
        continue;
      }
      m++;
      double best = strongest(w);
      if (best <= scan.alpha()) {
        p[tested++] = best;
      }
    }
    double threshold = threshold(Arrays.copyOf(p, tested), m, scan.alpha());
    for (StreamWork w : streams) {
      if (w.ownSpikes == null || !(weakest(w) > threshold)) {
        continue;
      }
      List<Spike> kept = new ArrayList<>();
      for (Spike s : w.ownSpikes) {
        if (s.pValue() <= threshold) {
          kept.add(s);
        }
      }
      if (w.pairSpike != null && w.pairSpike.pValue() > threshold) {
        w.pairSpike = null;
      }
      w.ownSpikes = kept;
      w.timers.clear();
      TimerFinder.find(w, scan, params);
      Classifier.classify(w, params);
    }
  }

  /**
   * The Benjamini–Hochberg threshold: the largest k·α/m with p(k) ≤ k·α/m, or 0 when there is none.
   *
   * @param p the p-values of the objects with a spike (any order; at most m of them)
   * @param m the objects tested
   */
  static double threshold(double[] p, int m, double alpha) {
    double[] s = p.clone();
    Arrays.sort(s);
    for (int k = s.length; k >= 1; k--) {
      double t = k * alpha / m;
      if (s[k - 1] <= t) {
        return t;
      }
    }
    return 0;
  }

  /** The smallest p-value of the object's own spikes; 1 when it has none. */
  private static double strongest(StreamWork w) {
    double best = w.pairSpike != null ? w.pairSpike.pValue() : 1;
    for (Spike s : w.ownSpikes) {
      best = Math.min(best, s.pValue());
    }
    return best;
  }

  /** The largest p-value of the object's own spikes; 0 when it has none. */
  private static double weakest(StreamWork w) {
    double worst = w.pairSpike != null ? w.pairSpike.pValue() : 0;
    for (Spike s : w.ownSpikes) {
      worst = Math.max(worst, s.pValue());
    }
    return worst;
  }
}
