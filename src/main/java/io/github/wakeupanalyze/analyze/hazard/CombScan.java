package io.github.wakeupanalyze.analyze.hazard;

import java.util.ArrayList;
import java.util.List;

/**
 * The comb scan: a thinned timer found from all its teeth together, when no tooth is significant
 * alone.
 *
 * <p><b>Why.</b> Sampled at p, a RequeueAfter timer of delay D whose reconciles last about d leaves
 * end→start gaps on a comb: D + (k − 1)(D + d) after k − 1 lost reconciles, tooth k holding a share
 * p(1 − p)^(k−1) of the timer's gaps. At p = 0.1 the first tooth holds a tenth of them; with 130
 * kept reconciles that is a dozen gaps, or as few as six, and the gap-hazard scan, testing each
 * window against its flanks with a Bonferroni correction over ten thousand windows, may find no
 * tooth at all (or one far tooth, the comb's 6th). Yet every other tooth repeats the same spacing:
 * pooled, the teeth are overwhelming evidence. This is the idea of period detection from incomplete
 * observations (ePeriodicity: Li, Wang &amp; Han, KDD 2012): fold the observations at the candidate
 * period and count how many land in phase.
 *
 * <p><b>Method.</b>
 *
 * <ol>
 *   <li><b>Candidates</b> are the first teeth: the {@link #CANDIDATES} narrow windows (half-width ≤
 *       5 %) of the hazard scan with the smallest uncorrected p-value, holding ≥ {@code minCount}
 *       gaps and twice their expected count, overlapping neither each other nor a reported spike.
 *   <li><b>Teeth.</b> For a candidate with median gap c and half-width h, the period is T = c + d̃
 *       (d̃ the median reconcile duration) and tooth k ≥ 2 is centred at c + (k − 1)T with
 *       half-width t_k = h + 3σ_d√(k − 1) + resolution (σ_d the durations' robust spread: each lost
 *       reconcile adds its duration). Teeth are used while t_k ≤ T/4.
 *   <li><b>Test.</b> Tooth k's cell is the period-wide interval [centre − T/2, centre + T/2). Under
 *       the null the gap density is flat within a cell, so of its N_k gaps a share 2t_k/T fall in
 *       the tooth. The tooth holding the most hits is left out: a comb repeats across its teeth,
 *       one lump of gaps (a reported timer's, which also sit on one tooth of many shorter combs, or
 *       a mode of the event gaps) is not one. The hits H over the remaining teeth k ≥ 2 (of at
 *       least two whose cells hold gaps; empty cells are skipped) are tested against μ = Σ
 *       N_k·2t_k/T by the Poisson tail P(Poisson(μ) ≥ H), which bounds the tail of the sum of
 *       binomials from above when H ≥ μ + 1 (Hoeffding 1956 by the binomial of the same mean,
 *       Anderson &amp; Samuels 1967 that by the Poisson). The candidate was chosen on its first
 *       tooth, whose gaps take no part in the test. Bonferroni over the candidates tested: accept
 *       when p·C ≤ α and H ≥ {@code minCount}.
 *   <li>The accepted candidate with the smallest p grows into a spike (as the hazard scan's do),
 *       and reported spikes that lie on one of its teeth are dropped: they were the comb's far
 *       teeth.
 * </ol>
 *
 * <p><b>Null hypothesis</b>: gaps independent, with a density flat across each period-wide cell. A
 * density that is convex there (exponential gaps and mixtures of them: Poisson and bursty events)
 * puts fewer gaps at a cell's centre than the flat share, so the test is conservative for them.
 * <b>Known failure</b>: a density with a mode narrower than a cell (quasi-periodic event sources)
 * at a tooth. Calibrated on timer-free streams in {@code CombScanTest}.
 */
final class CombScan {
  /** First teeth tried (the Bonferroni family). */
  static final int CANDIDATES = 8;

  /** Widest candidate window, relative half-width: a thinned timer's first tooth is sharp. */
  static final double MAX_WIDTH = 0.05;

  /** A tooth's growth per lost reconcile, in robust spreads of the durations. */
  static final double SIGMAS = 3;

  private CombScan() {}

  /**
   * A tested candidate: its first-tooth window, the comb test over its other teeth, and the cells
   * the test looked at.
   */
  record Comb(int window, double period, double p, double hits, double expected, int cells) {}

  /**
   * When fewer than two spikes are reported, looks for a comb whose first tooth none of them is; on
   * success replaces the spikes on its teeth with its first tooth. {@code spikes} is modified.
   *
   * @param raw each window's uncorrected p-value, NaN for a window the scan did not test (fewer
   *     than {@code minCount} or twice its expected gaps)
   */
  static void apply(
      SortedGaps sg,
      HazardScan.Windows win,
      double[] raw,
      Durations durations,
      List<Spike> spikes,
      HazardScan.Config cfg) {
    if (durations == null || spikes.size() >= 2 || !(durations.median() >= 0)) {
      return;
    }
    List<Integer> cand = candidates(win, raw, spikes);
    Comb best = null;
    for (int i : cand) {
      Comb c = test(sg, win, i, durations, cfg);
      if (c != null
          && c.hits() >= cfg.minCount()
          && c.p() * cand.size() <= cfg.alpha()
          && (best == null || c.p() < best.p())) {
        best = c;
      }
    }
    if (best == null) {
      return;
    }
    int i = best.window();
    Spike f =
        HazardScan.grow(
            sg,
            win.lo[i],
            win.hi[i],
            win.mu[i] / win.e[i],
            cfg,
            Math.min(1, best.p() * cand.size()),
            PoissonTail.likelihoodRatio(best.hits(), best.expected()));
    if (f == null) {
      return;
    }
    double h = (f.high() - f.low()) / 2;
    double period = best.period();
    spikes.removeIf(s -> onTooth(s, f.delay(), h, period, durations, cfg));
    spikes.add(0, f);
  }

  /** The candidate windows (step 1), smallest uncorrected p first. */
  static List<Integer> candidates(HazardScan.Windows win, double[] raw, List<Spike> spikes) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < win.size; i++) {
      if (!Double.isNaN(raw[i])
          && win.w[i] <= MAX_WIDTH
          && !overlaps(spikes, win.lo[i], win.hi[i])) {
        all.add(i);
      }
    }
    all.sort((a, b) -> Double.compare(raw[a], raw[b]));
    List<Integer> chosen = new ArrayList<>();
    for (int i : all) {
      if (chosen.size() == CANDIDATES) {
        break;
      }
      boolean clash = false;
      for (int j : chosen) {
        clash |= win.lo[i] <= win.hi[j] && win.hi[i] >= win.lo[j];
      }
      if (!clash) {
        chosen.add(i);
      }
    }
    return chosen;
  }

  /**
   * The comb test of candidate window {@code i} (steps 2 and 3) over its teeth, without the one
   * holding the most hits; null when fewer than two teeth have gaps in their cells.
   */
  static Comb test(
      SortedGaps sg, HazardScan.Windows win, int i, Durations d, HazardScan.Config cfg) {
    double c = sg.median(win.lo[i], win.hi[i]);
    double h = (win.hi[i] - win.lo[i]) / 2;
    double period = c + d.median();
    if (!(period > 0)) {
      return null;
    }
    double[] x = sg.sorted();
    double max = x[x.length - 1];
    double hits = 0;
    double expected = 0;
    double topHits = -1;
    double topExpected = 0;
    int teeth = 0;
    int cells = 0;
    long k = 2;
    while (true) {
      double centre = c + (k - 1) * period;
      double t = toothHalfWidth(h, k, d, cfg);
      if (t > period / 4 || centre - period / 2 > max) {
        break;
      }
      cells++;
      int from = sg.lowerBound(centre - period / 2);
      int to = sg.lowerBound(centre + period / 2);
      if (from == to) {
        // An empty cell holds no hit and expects none: go to the next gap's tooth, so that a
        // comb of short period over long gaps costs O(gaps), not O(longest gap / period).
        if (to == x.length) {
          break;
        }
        k = Math.max(k + 1, Math.round((x[to] - c) / period) + 1);
        continue;
      }
      int on = sg.count(centre - t, Math.nextUp(centre + t));
      double e = (to - from) * 2 * t / period;
      hits += on;
      expected += e;
      teeth++;
      if (on > topHits) {
        topHits = on;
        topExpected = e;
      }
      k++;
    }
    hits -= topHits;
    expected -= topExpected;
    if (teeth < 2 || !(expected > 0)) {
      return null;
    }
    return new Comb(i, period, PoissonTail.upper(hits, expected), hits, expected, cells);
  }

  /** Half-width of tooth k ≥ 1: the first tooth's, widened by k − 1 lost durations. */
  static double toothHalfWidth(double h, long k, Durations d, HazardScan.Config cfg) {
    return h + SIGMAS * d.sigma() * Math.sqrt(k - 1) + cfg.resolution();
  }

  /** Whether spike s lies on tooth k ≥ 2 of the comb with first tooth at delay c. */
  static boolean onTooth(
      Spike s, double c, double h, double period, Durations d, HazardScan.Config cfg) {
    long k = Math.round((s.delay() - c) / period) + 1;
    if (k < 2) {
      return false;
    }
    double slack = toothHalfWidth(h, k, d, cfg);
    return Math.abs(s.delay() - (c + (k - 1) * period)) <= slack + (s.high() - s.low()) / 2;
  }

  private static boolean overlaps(List<Spike> spikes, double lo, double hi) {
    for (Spike s : spikes) {
      if (s.overlaps(lo, hi)) {
        return true;
      }
    }
    return false;
  }
}
