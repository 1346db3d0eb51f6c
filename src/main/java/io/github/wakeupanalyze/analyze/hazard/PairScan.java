package io.github.wakeupanalyze.analyze.hazard;

import io.github.wakeupanalyze.analyze.numeric.Chance;
import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The all-anchor pair scan: finds a timer armed at the end of a reconcile that is not the previous
 * one, as in the classic client-go delaying queue ("earliest" semantics, docs/method.md, step 3).
 *
 * <p>Under earliest semantics an event reconcile does not move a pending timer, so the timer
 * reconcile's start lies P after the end of the last <em>timer</em> reconcile, not after the end of
 * its predecessor; with many events the end→start gaps show no spike. For every window of lag [lo,
 * hi) this scan counts the reconciles j that have <em>some</em> earlier end at a lag in the window:
 * an existence indicator, so a burst of b nearby ends adds 1, not b² pairs.
 *
 * <p>Test: the count is compared, by the conditional binomial test of {@link HazardScan}, with the
 * width-scaled counts of 4 windows on each side beyond a one-window guard band; quasi-Poisson φ and
 * Bonferroni over all windows as there, except that φ is also estimated locally, as the
 * variance/mean ratio of those 8 neighbours, and the larger is used: a burst of b reconciles that
 * follows another burst at some lag adds b to one window's count, a clumping the global median
 * cannot see (without it 28 of 400 timer-free bursty streams gave a false pair spike). Sharp widths
 * only (0.1 … 1 %: at ±3 % bursty timer-free streams still gave 4 false spikes in 400). A window
 * must also form <em>chains</em>: reconciles linked end→start→end… at least three times inside the
 * window; chance gives about n·q² of them, q the chance share of linked reconciles. And the matched
 * lags must be concentrated: σ̂ ≤ 10 % of the window's half-width (bursts matching bursts spread
 * over the whole window; without this 3 of 200 bursty timer-free streams gave a false spike). Null
 * hypothesis: the starts are independent of earlier ends at this lag (Poisson arrivals).
 *
 * <p>Lags are scanned up to L = min(T/5, 30 × mean start→start interval), and at most {@link
 * #MAX_PAIRS} pairs (L shrinks to fit). Lags are quantized to 1 µs. Cost O(P log P) for P pairs.
 * Known failure: jitter ≥ 5 % with ≥ 90 % events (docs/method.md, known failure cases).
 */
public final class PairScan {
  static final double[] WIDTHS = {0.001, 0.003, 0.01};
  public static final int MAX_PAIRS = 4_000_000;

  private PairScan() {}

  /**
   * Scans one stream.
   *
   * @param starts starts in seconds, ascending
   * @param ends ends in seconds, same order as starts
   * @return the strongest validated pair spike, or null
   */
  public static Spike scan(double[] starts, double[] ends, HazardScan.Config cfg) {
    int n = starts.length;
    if (n < 3 * cfg.minCount()) {
      return null;
    }
    double span = starts[n - 1] - starts[0];
    double lmax = Math.min(span / 5, 30 * span / (n - 1));
    if (!(lmax > cfg.minGap() * 1.1)) {
      return null;
    }
    double[] sortedEnds = ends.clone();
    Arrays.sort(sortedEnds);
    long[] pairs = pairs(starts, sortedEnds, cfg.minGap(), lmax);
    while (pairs == null) {
      lmax /= 2;
      if (lmax <= cfg.minGap() * 1.1) {
        return null;
      }
      pairs = pairs(starts, sortedEnds, cfg.minGap(), lmax);
    }
    Arrays.sort(pairs);
    Windows windows = new Windows();
    double[] gLo = new double[1024]; // one grid's windows before the flank test
    double[] gHi = new double[1024];
    double[] gD = new double[1024];
    int[] cnt = new int[n];
    for (double w : WIDTHS) {
      double ratio = (1 + w) / (1 - w);
      for (int g = 0; g < 2; g++) {
        int size = 0;
        Arrays.fill(cnt, 0);
        int distinct = 0;
        int pa = 0;
        int pb = 0;
        for (double lo = cfg.minGap() * (g == 0 ? 1 : Math.sqrt(ratio));
            lo * ratio < lmax;
            lo *= ratio) {
          double hi = lo * ratio;
          long hiKey = micros(hi) << 26;
          while (pb < pairs.length && pairs[pb] < hiKey) {
            if (cnt[(int) (pairs[pb] & 0x3ffffff)]++ == 0) {
              distinct++;
            }
            pb++;
          }
          long loKey = micros(lo) << 26;
          while (pa < pb && pairs[pa] < loKey) {
            if (--cnt[(int) (pairs[pa] & 0x3ffffff)] == 0) {
              distinct--;
            }
            pa++;
          }
          if (size == gLo.length) {
            gLo = Arrays.copyOf(gLo, 2 * size);
            gHi = Arrays.copyOf(gHi, 2 * size);
            gD = Arrays.copyOf(gD, 2 * size);
          }
          gLo[size] = lo;
          gHi[size] = hi;
          gD[size] = distinct;
          size++;
        }
        for (int i = 0; i < size; i++) {
          double width = gHi[i] - gLo[i];
          double kf = 0;
          double wf = 0;
          double kf2 = 0;
          int used = 0;
          for (int d = 2; d <= 5; d++) {
            for (int sgn = -1; sgn <= 1; sgn += 2) {
              int k = i + sgn * d;
              if (k >= 0 && k < size) {
                double scale = width / (gHi[k] - gLo[k]);
                kf += gD[k] * scale;
                kf2 += gD[k] * scale * gD[k] * scale;
                wf += 1;
                used++;
              }
            }
          }
          if (used >= 4) {
            double mean = kf / used;
            double var = (kf2 - used * mean * mean) / (used - 1);
            windows.add(gLo[i], gHi[i], gD[i], kf, wf, mean > 0 ? Math.max(1, var / mean) : 1);
          }
        }
      }
    }
    int m = windows.size;
    if (m == 0) {
      return null;
    }
    double phi = dispersion(windows);
    List<double[]> accepted = new ArrayList<>(); // index, lr, p
    for (int i = 0; i < m; i++) {
      double d = windows.d[i];
      double mu = windows.kf[i] / windows.wf[i];
      if (d < cfg.minCount() || d < 2 * mu) {
        continue;
      }
      double q = 1 / (1 + windows.wf[i]);
      double f = Math.max(phi, windows.phi[i]);
      double p = Math.min(1, PoissonTail.binomialUpper(d / f, windows.kf[i] / f, q) * m);
      if (p <= cfg.alpha()) {
        accepted.add(
            new double[] {i, PoissonTail.likelihoodRatio(d / f, Math.max(mu, 0.5) / f), p});
      }
    }
    accepted.sort((a, b) -> Double.compare(b[1], a[1]));
    for (double[] acc : accepted.subList(0, Math.min(20, accepted.size()))) {
      int i = (int) acc[0];
      double lo = windows.lo[i];
      double hi = windows.hi[i];
      double q = Math.min(1, (windows.kf[i] / windows.wf[i]) / n);
      int chains = chains(starts, ends, lo, hi);
      double expected = n * q * q;
      if (chains < 3 || !Chance.beyond(chains, expected, 3)) {
        continue;
      }
      double[] lags = matchedLags(starts, sortedEnds, lo, hi);
      double delay = Robust.median(lags);
      double sigma = 1.4826 * Robust.mad(lags, delay);
      if (sigma > 0.1 * (hi - lo) / 2) {
        continue; // lags spread over the window: clumped chance matches, not a fixed delay
      }
      return new Spike(
          lo,
          hi,
          delay,
          sigma,
          (int) windows.d[i],
          (windows.kf[i] / windows.wf[i]) / Math.max(1e-12, (hi - lo) * n),
          acc[2],
          acc[1],
          (hi - lo) / 2 <= cfg.sharpLimit() * delay,
          true);
    }
    return null;
  }

  private static double dispersion(Windows windows) {
    double[] r = new double[windows.size];
    int k = 0;
    for (int i = 0; i < windows.size; i++) {
      double mu = windows.kf[i] / windows.wf[i];
      if (mu >= 1) {
        double d = windows.d[i] - mu;
        r[k++] = d * d / mu;
      }
    }
    if (k < 10) {
      return 1;
    }
    double med = Robust.median(Arrays.copyOf(r, k));
    return Math.max(1, med / 0.4549364231195724);
  }

  /**
   * Lag windows as columns: edges, count D of reconciles with an earlier end in the window, the
   * flanks' width-scaled count and weight, and the flanks' local dispersion. Columns of primitives,
   * not an array per window: a scan has about 14,000 windows per stream.
   */
  private static final class Windows {
    double[] lo = new double[1024];
    double[] hi = new double[1024];
    double[] d = new double[1024];
    double[] kf = new double[1024];
    double[] wf = new double[1024];
    double[] phi = new double[1024];
    int size;

    void add(double lo, double hi, double d, double kf, double wf, double phi) {
      if (size == this.lo.length) {
        int c = size * 2;
        this.lo = Arrays.copyOf(this.lo, c);
        this.hi = Arrays.copyOf(this.hi, c);
        this.d = Arrays.copyOf(this.d, c);
        this.kf = Arrays.copyOf(this.kf, c);
        this.wf = Arrays.copyOf(this.wf, c);
        this.phi = Arrays.copyOf(this.phi, c);
      }
      this.lo[size] = lo;
      this.hi[size] = hi;
      this.d[size] = d;
      this.kf[size] = kf;
      this.wf[size] = wf;
      this.phi[size] = phi;
      size++;
    }
  }

  private static long micros(double seconds) {
    return Math.round(seconds * 1e6);
  }

  /**
   * (lag µs &lt;&lt; 26 | j) for every end at lag in [minLag, maxLag] before start j; null if too
   * many.
   */
  private static long[] pairs(double[] starts, double[] sortedEnds, double minLag, double maxLag) {
    long total = 0;
    for (double s : starts) {
      total +=
          SortedSearch.lowerBound(sortedEnds, s - minLag + 1e-12)
              - SortedSearch.lowerBound(sortedEnds, s - maxLag);
      if (total > MAX_PAIRS) {
        return null;
      }
    }
    long[] out = new long[(int) total];
    int k = 0;
    for (int j = 0; j < starts.length; j++) {
      int a = SortedSearch.lowerBound(sortedEnds, starts[j] - maxLag);
      int b = SortedSearch.lowerBound(sortedEnds, starts[j] - minLag + 1e-12);
      for (int i = a; i < b; i++) {
        out[k++] = (micros(starts[j] - sortedEnds[i]) << 26) | j;
      }
    }
    return out;
  }

  /** Reconciles that close a chain of at least three end→start links with lags in [lo, hi]. */
  static int chains(double[] starts, double[] ends, double lo, double hi) {
    int n = starts.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(ends[a], ends[b]));
    double[] se = new double[n];
    for (int i = 0; i < n; i++) {
      se[i] = ends[order[i]];
    }
    int[] len = new int[n];
    int count = 0;
    for (int j = 0; j < n; j++) {
      int a = SortedSearch.lowerBound(se, starts[j] - hi);
      int b = SortedSearch.upperBound(se, starts[j] - lo);
      int best = 0;
      for (int i = a; i < b; i++) {
        int r = order[i];
        if (r < j) {
          best = Math.max(best, len[r] + 1);
        }
      }
      len[j] = best;
      if (best >= 3) {
        count++;
      }
    }
    return count;
  }

  /**
   * For each start, the lag to the earlier end in [lo, hi] nearest the window centre, if any: the
   * reconciles an earliest-queue timer in this window would explain.
   */
  static double[] matchedLags(double[] starts, double[] sortedEnds, double lo, double hi) {
    double center = 0.5 * (lo + hi);
    double[] out = new double[starts.length];
    int k = 0;
    for (double s : starts) {
      int a = SortedSearch.lowerBound(sortedEnds, s - hi);
      int b = SortedSearch.upperBound(sortedEnds, s - lo);
      double best = Double.NaN;
      for (int i = a; i < b; i++) {
        double lag = s - sortedEnds[i];
        if (Double.isNaN(best) || Math.abs(lag - center) < Math.abs(best - center)) {
          best = lag;
        }
      }
      if (!Double.isNaN(best)) {
        out[k++] = best;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * Reconciles with some earlier end at a lag in [lo, hi] ({@code c_any} of docs/method.md, step
   * 3).
   */
  public static int anyEarlierEnd(double[] starts, double[] sortedEnds, double lo, double hi) {
    int k = 0;
    int b = 0; // starts ascend, so each search begins where the last one ended
    for (double s : starts) {
      b = SortedSearch.upperBoundFrom(sortedEnds, s - lo, b);
      if (b > 0 && sortedEnds[b - 1] >= s - hi) {
        k++;
      }
    }
    return k;
  }
}
