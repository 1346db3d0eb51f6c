package io.github.wakeupanalyze.analyze.hazard;

import io.github.wakeupanalyze.analyze.numeric.Robust;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gap-hazard spike scan: finds gap lengths where end→start gaps end far more often than a
 * locally flat hazard allows.
 *
 * <p><b>Why gaps and hazards.</b> A RequeueAfter timer is armed when Reconcile returns, so the gap
 * from the end of one reconcile to the start of the next equals the delay whatever the reconcile
 * lasted; start→start intervals are smeared by the duration. For Poisson events the gap is
 * exponential, whose hazard (rate of ending given survival so far) is flat; a timer adds a spike.
 * The hazard, unlike the density, is not diluted by the events that cut gaps short.
 *
 * <p><b>Method</b> (docs/method.md, step 1):
 *
 * <ol>
 *   <li>Windows [lo, hi) on a logarithmic grid from {@code minGap} to the largest gap, of relative
 *       half-widths {@link #WIDTHS}, contiguous, on two grids offset by half a window. For each,
 *       count k and exposure E come from {@link SortedGaps} in O(log n).
 *   <li>Background hazard ĥ = max(left, right) of (count + ½)/exposure over flanks four window
 *       widths wide; a flank with less than a quarter of the window's exposure is not used. μ = ĥE.
 *   <li>Quasi-Poisson dispersion φ = max(1, median((k−μ)²/μ)/0.455) over windows with μ ≥ 1 whose
 *       two flanks agree within a factor 2 (so that timer spikes in the flanks do not inflate it),
 *       per window width (a thinned timer's wide teeth must not hide its exact first tooth); 0.455
 *       is the median of χ²₁. Then k/φ and μ/φ are tested.
 *   <li>p is the exact conditional test of two Poisson rates (Przyborowski &amp; Wilenski 1940):
 *       given k in the window and k_f in a flank, under a flat hazard the window's share is
 *       Binomial(k + k_f, E/(E + E_f)), so p = I_q(k/φ, k_f/φ + 1) (regularized incomplete beta),
 *       the larger over the usable flanks. Unlike the plug-in tail P(Poisson(μ) ≥ k) it accounts
 *       for the uncertainty of a background estimated from few gaps (a plug-in test gave 1 false
 *       spike in 600 timer-free streams, this one none). Bonferroni over all M windows: accept when
 *       p·M ≤ α, k ≥ {@code minCount} and k ≥ 2μ.
 *   <li>Windows wider than ±5 % must also be sharp: hazard ≥ 3× the adjacent equal-width left
 *       flank, or at most 5 % of the gaps at risk at lo survive past 1.02·hi (a timer's hard upper
 *       edge).
 *   <li>Accepted windows are taken by decreasing likelihood ratio (p-values underflow at large n).
 *       Each grows into its <em>support</em>: walking out from the median in bins of width
 *       max(σ̂/2, 2·resolution, 0.05 %·P̂) while the bin hazard is ≥ 2× the background over [a/2,
 *       a), one miss tolerated, twice. Other windows overlapping a support are suppressed; up to
 *       {@code maxSpikes}.
 * </ol>
 *
 * <p><b>Null hypothesis</b> of every p-value: the gap hazard is locally flat around the window
 * (arrivals Poisson at a rate that may vary slowly with gap length). <b>Assumptions:</b> gaps are
 * independent given the rate; the timer's delay is fixed (a spike; dynamic RequeueAfter gives none)
 * and above {@code minGap}. <b>Known failures:</b> quasi-periodic event sources (gamma renewal)
 * give wide-tier spikes; ±25 % jitter with ≥ 90 % events is undetectable. References:
 * docs/method.md §2, §4; Scargle et al. 2013 for the exposure-based (life-table) rate estimate.
 *
 * <p>Cost O(n log n + M log n); M ≈ 1500·ln(maxGap/minGap), about 10⁴.
 */
public final class HazardScan {
  /** Relative half-widths of the windows: 0.1 % … 30 %. */
  public static final double[] WIDTHS = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3};

  private static final double CHI2_1_MEDIAN = 0.4549364231195724;

  /**
   * Settings of the scan.
   *
   * @param minGap shortest gap a window may start at, seconds (0.05)
   * @param alpha family-wise significance (0.01)
   * @param minCount least gaps in a spike (5)
   * @param maxSpikes most spikes reported (4)
   * @param sharpLimit a support whose half-width is at most this share of the delay is sharp (0.10)
   * @param resolution timestamp resolution plus queue latency, seconds (0.0005)
   */
  public record Config(
      double minGap,
      double alpha,
      int minCount,
      int maxSpikes,
      double sharpLimit,
      double resolution) {
    public static Config defaults() {
      return new Config(0.05, 0.01, 5, 4, 0.10, 0.0005);
    }
  }

  private HazardScan() {}

  /** Scans gaps (seconds, any order) for spikes; the strongest first. */
  public static List<Spike> scan(double[] gaps, Config cfg) {
    return scan(new SortedGaps(gaps), cfg);
  }

  /** Scans sorted gaps for spikes; the strongest first. */
  public static List<Spike> scan(SortedGaps sg, Config cfg) {
    return scan(sg, cfg, null);
  }

  /**
   * Scans sorted gaps for spikes, the strongest first; with the stream's reconcile durations, a
   * thinned timer none of whose teeth is significant alone is looked for as a comb ({@link
   * CombScan}).
   */
  public static List<Spike> scan(SortedGaps sg, Config cfg, Durations durations) {
    if (sg.atRisk(cfg.minGap()) < cfg.minCount()) {
      return List.of();
    }
    double[] x = sg.sorted();
    Windows win = WINDOWS.get(); // reused: a scan allocates nothing per window
    int[] firstOfWidth = new int[WIDTHS.length + 1]; // windows are stored width by width
    tabulate(sg, cfg.minGap(), win, firstOfWidth);
    int m = win.size + win.empty; // every window tested counts for Bonferroni, empty ones too
    if (win.size == 0) {
      return List.of();
    }
    double[] phiOf = new double[WIDTHS.length]; // 0 until computed
    int wi = 0;
    List<Integer> accepted = new ArrayList<>();
    double[] p = new double[win.size];
    double[] raw = new double[win.size]; // uncorrected p, NaN for windows not tested
    Arrays.fill(raw, Double.NaN);
    double[] lr = new double[win.size];
    for (int i = 0; i < win.size; i++) {
      double k = win.k[i];
      double mu = win.mu[i];
      if (!(mu > 0) || k < cfg.minCount() || k < 2 * mu) {
        continue;
      }
      while (i >= firstOfWidth[wi + 1]) {
        wi++;
      }
      if (phiOf[wi] == 0) {
        phiOf[wi] = dispersion(win, firstOfWidth[wi], firstOfWidth[wi + 1]);
      }
      double phi = phiOf[wi];
      raw[i] = win.conditionalP(i, phi);
      p[i] = Math.min(1, raw[i] * m);
      if (p[i] > cfg.alpha()) {
        continue;
      }
      if (win.w[i] > 0.05 && !sharpEdge(sg, win.lo[i], win.hi[i])) {
        continue;
      }
      lr[i] = PoissonTail.likelihoodRatio(k / phi, mu / phi);
      accepted.add(i);
    }
    accepted.sort((a, b) -> Double.compare(lr[b], lr[a]));
    List<Spike> spikes = new ArrayList<>();
    for (int i : accepted) {
      if (spikes.size() >= cfg.maxSpikes()) {
        break;
      }
      if (overlapsAny(spikes, win.lo[i], win.hi[i])) {
        continue;
      }
      double bg = win.mu[i] / win.e[i];
      Spike s = grow(sg, win.lo[i], win.hi[i], bg, cfg, p[i], lr[i]);
      if (s == null || overlapsAny(spikes, s.low(), s.high())) {
        continue;
      }
      spikes.add(s);
    }
    boolean promoted =
        spikes.size() >= cfg.maxSpikes()
            && promoteFundamental(sg, win, accepted, p, lr, spikes, cfg);
    if (!promoted && spikes.size() >= 2) {
      List<Integer> firstTeeth = firstTeeth(sg, win, spikes, p, lr, firstOfWidth, phiOf, cfg);
      promoteFundamental(sg, win, firstTeeth, p, lr, spikes, cfg);
    }
    CombScan.apply(sg, win, raw, durations, spikes, cfg);
    return spikes;
  }

  /**
   * The windows that pass as the first tooth of the comb the reported spikes draw, tested against
   * that comb's own family ({@link #promoteFundamental}'s second call), strongest first; their
   * {@code p} and {@code lr} are set. {@code phiOf} caches the dispersion per width.
   */
  private static List<Integer> firstTeeth(
      SortedGaps sg,
      Windows win,
      List<Spike> spikes,
      double[] p,
      double[] lr,
      int[] firstOfWidth,
      double[] phiOf,
      Config cfg) {
    List<Integer> family = new ArrayList<>();
    for (int i = 0; i < win.size; i++) {
      if (weakestMultiple(spikes, win.lo[i], win.hi[i]) != null) {
        family.add(i);
      }
    }
    List<Integer> teeth = new ArrayList<>();
    for (int i : family) {
      double k = win.k[i];
      if (p[i] <= cfg.alpha() || !(win.mu[i] > 0) || k < cfg.minCount() || k < 2 * win.mu[i]) {
        continue;
      }
      int w = 0;
      while (i >= firstOfWidth[w + 1]) {
        w++;
      }
      if (phiOf[w] == 0) {
        phiOf[w] = dispersion(win, firstOfWidth[w], firstOfWidth[w + 1]);
      }
      double pf = Math.min(1, win.conditionalP(i, phiOf[w]) * family.size());
      if (pf <= cfg.alpha() && (win.w[i] <= 0.05 || sharpEdge(sg, win.lo[i], win.hi[i]))) {
        p[i] = pf;
        lr[i] = PoissonTail.likelihoodRatio(k / phiOf[w], win.mu[i] / phiOf[w]);
        teeth.add(i);
      }
    }
    teeth.sort((a, b) -> Double.compare(lr[b], lr[a]));
    return teeth;
  }

  /** Longest reconcile, as a share of the period, that a lost step may add to a harmonic's gap. */
  static final double MAX_LOST_DURATION = 0.1;

  /**
   * A thinned timer whose reconciles are short keeps teeth at m·P as sharp as its own first tooth,
   * and each of them may hold as many gaps as the first (the share of gaps on tooth k falls only as
   * (1 − p)^(k−1)); with a background estimated where the gaps are densest, the first tooth's
   * likelihood ratio can then rank below four of its harmonics, which fill every slot. When at
   * least two reported spikes lie at multiples of a significant window below them (m·P plus up to m
   * − 1 lost reconciles of at most {@link #MAX_LOST_DURATION}·P, within both supports'
   * half-widths), that window is the fundamental: it takes the place of the weakest of those
   * multiples, and the harmonic folding downstream sees it.
   *
   * <p>When no window significant over the whole scan does (the caller's second call, made as soon
   * as two spikes are reported), the first tooth is tested as what it is, one question asked of the
   * comb the reported spikes draw: only the windows (holding a gap) that could be the fundamental
   * of two of them form the family its Bonferroni correction counts, instead of every window of the
   * scan. On the 10 % sample of one object with 40 ms reconciles (seed 1194 of {@code
   * percona-backup-sampled-10}) eight gaps lie at 5.000 s ± 1 ms, p = 0.06 over all windows and
   * below 0.01 over the comb's family.
   *
   * @return whether a fundamental was promoted
   */
  private static boolean promoteFundamental(
      SortedGaps sg,
      Windows win,
      List<Integer> accepted,
      double[] p,
      double[] lr,
      List<Spike> spikes,
      Config cfg) {
    for (int i : accepted) {
      if (overlapsAny(spikes, win.lo[i], win.hi[i])) {
        continue;
      }
      Spike weakest = weakestMultiple(spikes, win.lo[i], win.hi[i]);
      if (weakest == null) {
        continue;
      }
      Spike f = grow(sg, win.lo[i], win.hi[i], win.mu[i] / win.e[i], cfg, p[i], lr[i]);
      if (f == null) {
        continue;
      }
      int at = spikes.indexOf(weakest);
      spikes.remove(at);
      if (overlapsAny(spikes, f.low(), f.high())) {
        spikes.add(at, weakest); // its support grew into a reported spike: leave the list as it was
        continue;
      }
      spikes.add(f);
      spikes.sort((a, b) -> Double.compare(b.likelihoodRatio(), a.likelihoodRatio()));
      return true;
    }
    return false;
  }

  /**
   * The weakest of the reported spikes that lie at a multiple m ≥ 2 of window [lo, hi] (m·P plus up
   * to m − 1 lost reconciles of at most {@link #MAX_LOST_DURATION}·P, within both half-widths),
   * when at least two do; else null.
   */
  private static Spike weakestMultiple(List<Spike> spikes, double lo, double hi) {
    double d = Math.sqrt(lo * hi);
    double half = (hi - lo) / 2;
    Spike weakest = null;
    int multiples = 0;
    for (Spike s : spikes) {
      double tol = half + (s.high() - s.low()) / 2;
      long m = (long) Math.floor((s.delay() + tol) / d);
      double over = s.delay() - m * d;
      if (m >= 2 && over >= -tol && over <= (m - 1) * MAX_LOST_DURATION * d + tol) {
        multiples++;
        if (weakest == null || s.likelihoodRatio() < weakest.likelihoodRatio()) {
          weakest = s;
        }
      }
    }
    return multiples >= 2 ? weakest : null;
  }

  private static boolean overlapsAny(List<Spike> spikes, double lo, double hi) {
    for (Spike s : spikes) {
      if (s.overlaps(lo, hi)) {
        return true;
      }
    }
    return false;
  }

  /** A wide window must show a timer's edge: see the class comment, item 5. */
  static boolean sharpEdge(SortedGaps sg, double lo, double hi) {
    double width = hi - lo;
    double inside = sg.hazard(lo, hi, 0);
    double left = sg.hazard(Math.max(0, lo - width), lo, 0.5);
    if (inside >= 3 * left) {
      return true;
    }
    int atLo = sg.atRisk(lo);
    return atLo > 0 && sg.atRisk(1.02 * hi) <= 0.05 * atLo;
  }

  /**
   * The quasi-Poisson dispersion φ of the class comment, item 3, over the windows of one relative
   * half-width: clumping is a property of a scale. A thinned timer's comb clumps gaps into teeth a
   * few percent wide, which must not hide its exact first tooth from the narrowest windows. The
   * windows of one width are stored together, in [from, to).
   */
  static double dispersion(Windows win, int from, int to) {
    double[] r = new double[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      if (win.flat[i] && win.muPooled[i] >= 1) {
        double d = win.k[i] - win.muPooled[i];
        r[n++] = d * d / win.muPooled[i];
      }
    }
    if (n < 10) {
      return 1;
    }
    return Math.max(1, Robust.median(Arrays.copyOf(r, n)) / CHI2_1_MEDIAN);
  }

  /** Grows a window into its support (class comment, item 6). Null when too few gaps remain. */
  static Spike grow(
      SortedGaps sg, double lo, double hi, double windowBg, Config cfg, double p, double lr) {
    double a = lo;
    double c = hi;
    for (int iter = 0; iter < 2; iter++) {
      double center = sg.median(a, c);
      if (Double.isNaN(center)) {
        return null;
      }
      double sigma = sg.robustSigma(a, c, center);
      double flankLo = Math.max(cfg.minGap(), a / 2);
      double bg = flankLo < a ? sg.hazard(flankLo, a, 0.5) : Double.NaN;
      if (!(bg > 0)) {
        bg = windowBg;
      }
      double beta = Math.max(Math.max(sigma / 2, 2 * cfg.resolution()), 0.0005 * center);
      double lower = Math.max(cfg.minGap(), 0.4 * center);
      double upper = 1.6 * center;
      double na = center;
      double x = center;
      int miss = 0;
      while (x - beta >= lower) {
        double h = sg.hazard(x - beta, x, 0);
        if (h >= 2 * bg) {
          na = x - beta;
          miss = 0;
        } else if (++miss > 1) {
          break;
        }
        x -= beta;
      }
      double nc = center;
      x = center;
      miss = 0;
      while (x < upper) {
        double e = sg.exposure(x, x + beta);
        if (e <= 0) {
          break;
        }
        if (sg.count(x, x + beta) / e >= 2 * bg) {
          nc = x + beta;
          miss = 0;
        } else if (++miss > 1) {
          break;
        }
        x += beta;
      }
      a = na;
      c = Math.max(nc, na + beta);
    }
    int k = sg.count(a, Math.nextUp(c));
    if (k < cfg.minCount()) {
      return null;
    }
    double delay = sg.median(a, c);
    double sigma = sg.robustSigma(a, c, delay);
    double flankLo = Math.max(cfg.minGap(), a / 2);
    double bg = flankLo < a ? sg.hazard(flankLo, a, 0.5) : windowBg;
    boolean sharp = (c - a) / 2 <= cfg.sharpLimit() * delay;
    return new Spike(a, c, delay, sigma, k, bg, p, lr, sharp, false);
  }

  /** The tested windows, as parallel arrays. */
  /**
   * The lower bound of {@code v} in ascending {@code x}, known to be at or after {@code from}:
   * galloping search, O(log d) for a distance d, so both dense windows over few gaps and sparse
   * windows over many gaps stay cheap.
   */
  static int forward(double[] x, int from, double v) {
    int n = x.length;
    if (from >= n || x[from] >= v) {
      return from;
    }
    int lo = from; // x[lo] < v
    int step = 1;
    while (lo + step < n && x[lo + step] < v) {
      lo += step;
      step <<= 1;
    }
    int hi = Math.min(n, lo + step); // x[hi] >= v or hi == n
    lo++;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Fills {@code win} with the windows of every width and grid over the gaps, from {@code minGap}
   * to the longest gap, and {@code firstOfWidth} with where each width's windows begin (the last
   * entry: the end). Window edges only grow along a grid, so the four search positions of each
   * window are found by walking forward from the previous window's: O(n + windows), not
   * O(windows·log n). Between two gaps far apart (an object's few gaps on the finest grid) the
   * windows are empty: a run of them is found by a binary search of the grid and only counted.
   */
  static void tabulate(SortedGaps sg, double minGap, Windows win, int[] firstOfWidth) {
    double[] x = sg.sorted();
    double max = x[x.length - 1];
    win.size = 0;
    win.empty = 0;
    for (int wi = 0; wi < WIDTHS.length; wi++) {
      double w = WIDTHS[wi];
      firstOfWidth[wi] = win.size;
      double ratio = (1 + w) / (1 - w);
      for (int grid = 0; grid < 2; grid++) {
        int[] at = new int[4];
        int g = 2 * wi + grid;
        double[] lo = win.grid(g, minGap * (grid == 0 ? 1 : Math.sqrt(ratio)), ratio, max);
        int last = win.gridLength[g] - 1; // the first edge at or past max
        int i = 0;
        while (lo[i] < max) {
          win.add(sg, lo[i], lo[i] * ratio, w, at);
          i = win.skipEmpty(x, lo, i + 1, last, ratio, max, at);
        }
      }
    }
    firstOfWidth[WIDTHS.length] = win.size;
  }

  /** One window table per thread, reused by every scan on it (scans never nest). */
  private static final ThreadLocal<Windows> WINDOWS = ThreadLocal.withInitial(Windows::new);

  static final class Windows {
    int size;

    /**
     * Windows with no gap in them nor in their flanks: k = 0, so they can never be accepted, and
     * their expected count is below 1 (the 0.5 pseudo-count over a flank four times wider), so they
     * never enter the dispersion estimate. They are only counted, not stored.
     */
    int empty;

    double[] lo = new double[1024];
    double[] hi = new double[1024];
    double[] w = new double[1024];
    double[] k = new double[1024];
    double[] e = new double[1024];
    double[] mu = new double[1024];
    double[] muPooled = new double[1024];
    boolean[] flat = new boolean[1024];
    double[] kL = new double[1024];
    double[] eL = new double[1024];
    double[] kR = new double[1024];
    double[] eR = new double[1024];

    /**
     * The larger (more conservative) of the conditional tests against each usable flank: given k +
     * k_f events in window and flank, under equal hazards the window's share is Binomial(k + k_f,
     * E/(E + E_f)); P(X ≥ k) = I_q(k, k_f + 1). Counts are divided by φ.
     */
    double conditionalP(int i, double phi) {
      double p = Double.NaN;
      for (int side = 0; side < 2; side++) {
        double kf = side == 0 ? kL[i] : kR[i];
        double ef = side == 0 ? eL[i] : eR[i];
        if (!(ef >= 0.25 * e[i])) {
          continue;
        }
        double q = e[i] / (e[i] + ef);
        double ps = PoissonTail.binomialUpper(k[i] / phi, kf / phi, q);
        p = Double.isNaN(p) ? ps : Math.max(p, ps);
      }
      return Double.isNaN(p) ? 1 : p;
    }

    /** Each grid's lower edges, from its start, each the one before × its ratio ({@link #grid}). */
    private final double[][] grids = new double[2 * WIDTHS.length][];

    private final double[] gridStart = new double[2 * WIDTHS.length];
    private final int[] gridLength = new int[2 * WIDTHS.length];

    /**
     * Grid {@code g}'s lower edges from {@code start} on, each the one before × {@code ratio},
     * until one at or past {@code max}: the products the scan walked one by one, kept for this
     * thread's next scans (the same start and ratio give the same products), so a run of empty
     * windows is found by a binary search.
     */
    double[] grid(int g, double start, double ratio, double max) {
      double[] lo = grids[g];
      if (lo == null || gridStart[g] != start) {
        lo = new double[64];
        lo[0] = start;
        gridStart[g] = start;
        gridLength[g] = 1;
      }
      int n = gridLength[g];
      while (lo[n - 1] < max) {
        if (n == lo.length) {
          lo = Arrays.copyOf(lo, 2 * n);
        }
        lo[n] = lo[n - 1] * ratio;
        n++;
      }
      grids[g] = lo;
      gridLength[g] = n;
      return lo;
    }

    /**
     * Counts as {@link #empty} the windows of grid {@code lo} from index {@code i} on that {@link
     * #add} would find empty, and returns the index of the first that it would not (or of the first
     * at or past {@code max}). Only after an empty window ({@code at}'s four positions equal): its
     * successors stay empty, with the same positions, until a right flank reaches the next gap; the
     * right flank's end grows with the window, so the first to reach it is found by a binary
     * search.
     */
    int skipEmpty(double[] x, double[] lo, int i, int last, double ratio, double max, int[] at) {
      if (at[0] != at[3]) {
        return i;
      }
      double next = at[3] < x.length ? x[at[3]] : Double.POSITIVE_INFINITY;
      int a = i; // no window before a stops the run
      int b = i;
      int step = 1;
      while (!stops(lo[b], ratio, max, next)) { // lo[last] is at or past max: this ends
        a = b + 1;
        b = Math.min(last, b + step);
        step <<= 1;
      }
      while (a < b) { // lo[b] stops the run
        int mid = (a + b) >>> 1;
        if (stops(lo[mid], ratio, max, next)) {
          b = mid;
        } else {
          a = mid + 1;
        }
      }
      empty += a - i;
      return a;
    }

    /** Whether the window at {@code l} is past the grid or reaches the gap at {@code next}. */
    private static boolean stops(double l, double ratio, double max, double next) {
      if (l >= max) {
        return true;
      }
      double h = l * ratio;
      double fw = 4 * (h - l);
      return h + fw > next;
    }

    /**
     * Adds window [l, h) with flanks 4 widths wide. {@code at} holds the lower-bound positions of
     * the previous window of the same grid (all zero for the first); they are advanced in place.
     */
    void add(SortedGaps sg, double l, double h, double width, int[] at) {
      if (size == lo.length) {
        int n = size * 2;
        lo = Arrays.copyOf(lo, n);
        hi = Arrays.copyOf(hi, n);
        w = Arrays.copyOf(w, n);
        k = Arrays.copyOf(k, n);
        e = Arrays.copyOf(e, n);
        mu = Arrays.copyOf(mu, n);
        muPooled = Arrays.copyOf(muPooled, n);
        flat = Arrays.copyOf(flat, n);
        kL = Arrays.copyOf(kL, n);
        eL = Arrays.copyOf(eL, n);
        kR = Arrays.copyOf(kR, n);
        eR = Arrays.copyOf(eR, n);
      }
      double fw = 4 * (h - l);
      double ll = Math.max(0, l - fw);
      double[] x = sg.sorted();
      int iLL = at[0] = forward(x, at[0], ll);
      int iL = at[1] = forward(x, Math.max(at[1], iLL), l);
      int iH = at[2] = forward(x, Math.max(at[2], iL), h);
      int iHH = at[3] = forward(x, Math.max(at[3], iH), h + fw);
      if (iLL == iHH) {
        empty++;
        return;
      }
      int i = size++;
      lo[i] = l;
      hi[i] = h;
      w[i] = width;
      flat[i] = false; // the table is reused: every field of window i is set here
      kL[i] = 0;
      eL[i] = 0;
      kR[i] = 0;
      eR[i] = 0;
      double exposure = sg.exposure(l, h, iL, iH);
      e[i] = exposure;
      k[i] = iH - iL;
      if (exposure <= 0) {
        mu[i] = Double.NaN;
        muPooled[i] = Double.NaN;
        return;
      }
      double eL = sg.exposure(ll, l, iLL, iL);
      double eR = sg.exposure(h, h + fw, iH, iHH);
      int kL = iL - iLL;
      int kR = iHH - iH;
      this.kL[i] = kL;
      this.eL[i] = eL;
      this.kR[i] = kR;
      this.eR[i] = eR;
      boolean useL = eL >= 0.25 * exposure;
      boolean useR = eR >= 0.25 * exposure;
      double hL = (kL + 0.5) / eL;
      double hR = (kR + 0.5) / eR;
      double hz;
      if (useL && useR) {
        hz = Math.max(hL, hR);
        flat[i] = hL <= 2 * hR && hR <= 2 * hL;
      } else if (useL) {
        hz = hL;
      } else if (useR) {
        hz = hR;
      } else {
        hz = Double.NaN;
      }
      mu[i] = hz * exposure;
      muPooled[i] = (useL && useR) ? (kL + kR + 0.5) / (eL + eR) * exposure : Double.NaN;
    }
  }
}
