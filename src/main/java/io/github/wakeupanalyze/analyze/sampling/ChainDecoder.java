package io.github.wakeupanalyze.analyze.sampling;

import java.util.Arrays;

/**
 * The most likely split of one thinned stream into an earliest-deadline timer's chain and events
 * (docs/method.md, "Classifying under thinning"): a Viterbi decoder over the last kept timer
 * reconcile, the chain's <em>anchor</em>.
 *
 * <p>The model. Under an earliest queue an event does not move the timer's deadline, so given the
 * anchor's end E the next kept timer reconcile starts at E + x with density f(x) = (1 − ε)·Σ_k p(1
 * − p)^(k−1)·f_k(x) + ε·g(x): fire k is the first kept one with probability p(1 − p)^(k−1), and it
 * starts on tooth k of the {@link Comb}, f_k = N(c_k, v_k), or, with chance u (the share of time
 * the worker is busy), after waiting for the worker up to two typical durations (that normal
 * smeared by a uniform). The small share ε is an unseen break of the chain (a lost error backoff
 * moved the deadline): then the next kept fire lies at an unknown phase, g(x) = (p/s)·e^(−px/s)
 * with s the comb's spacing. Kept events come at rate λ whatever the timer does, plus, where the
 * trace's reconciles write (share w), the kept watch event of each lost fire's own write, one
 * duration and the watch latency after that fire. The likelihood of a stream is the product over
 * its timer links of f(lag), times the event intensity at each event, times the chance that no kept
 * fire followed the last anchor, (1 − p)^(teeth passed). A reconcile that failed breaks the chain
 * (its backoff re-arms the queue): the next timer reconcile has no anchor, density p/s, as has the
 * first. Reconciles labelled by stronger rules (evidence, own writes, waits) are fixed; the decoder
 * chooses the rest.
 *
 * <p>The path is found by dynamic programming over the anchor, the last {@link #WINDOW} kept
 * reconciles or "none": O(n·WINDOW). Compared with deciding each reconcile from its lag to the last
 * anchor alone, the decoder also weighs what the choice implies for the links after it: an event
 * taken for the timer moves the anchor off the chain, and the next timer reconciles then fit badly.
 *
 * <p>Assumptions: independent thinning (head sampling), an earliest queue, a fixed delay, Poisson
 * events; Gaussian teeth (sums of durations). Reference: Rabiner, "A tutorial on hidden Markov
 * models and selected applications in speech recognition", Proc. IEEE 77(2), 1989 (the Viterbi
 * recursion), here over a semi-Markov state (the time since the anchor).
 */
public final class ChainDecoder {
  /**
   * Anchors considered: the last this many kept reconciles. In a stream whose kept reconciles are
   * 80 % events the chain's anchor lies further back once in 1,250 (0.8³²); then the "none" state
   * carries it. 64 gave the same verdicts on the sampled scenarios at twice the cost.
   */
  static final int WINDOW = 32;

  /** Not decided by the decoder: the decoder may choose. */
  public static final byte FREE = 0;

  /** Fixed: an event. */
  public static final byte EVENT = 1;

  /** Fixed: the timer (or another timer whose end re-arms the deadline). */
  public static final byte TIMER = 2;

  /** Not a reconcile of its own (a duplicate record): skipped. */
  public static final byte SKIP = 3;

  private static final int NONE = -1;

  /** Standard deviations beyond which a normal's density and tail are taken as zero. */
  private static final double FAR = 9;

  private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

  /**
   * How much better, in nats per reconcile, the reset reading must explain a thinned stream before
   * its queue is read as reset ({@link #earliestAdvantage}): 0.5 − p, none from p = 0.5 on. The
   * midpoint between the two readings as calibrated on simulated Percona-like controllers (three
   * objects, two hours, external edits or own writes; 59 runs): at p ≈ 0.1 earliest queues scored
   * −0.20 to +0.13 per reconcile (all but one above −0.11) and reset queues −1.53 to −0.67; at p =
   * 0.5 earliest +0.30 to +0.39 and reset −0.39 to −0.31. The readings are not equally wrong where
   * they are wrong: a reset queue's lost events, (1 − p)/p of them per kept one, each break the
   * earliest reading's chain, while an earliest queue costs the reset reading only its kept events;
   * so the lower p, the further apart, and the further the middle lies below zero.
   *
   * @param p the keep probability
   */
  public static double resetMargin(double p) {
    return Math.max(0, 0.5 - p);
  }

  /**
   * A decoded stream: which reconciles are on the timer's chain, and the path's log-likelihood
   * (natural log, densities in seconds).
   */
  public record Path(boolean[] timer, double logLikelihood) {}

  private final Comb comb;
  private final double p;
  private final double logBreak;
  private final double logChain;
  private final double logFresh;

  private final double waitShare;
  private final double waitWindow;
  private final double ownWrites;
  private final double latency;

  /** Per tooth k: p(1 − p)^(k−1), the fire's standard deviation, its own write's. */
  private final double[] toothWeight = new double[Comb.MAX_TEETH + 2];

  private final double[] toothSd = new double[Comb.MAX_TEETH + 2];
  private final double[] ownSd = new double[Comb.MAX_TEETH + 2];

  /** An upper bound of ln f(x) over x: no link from any anchor scores more. */
  private final double maxLogLink;

  /**
   * @param comb the timer's comb
   * @param p the keep probability, 0 < p ≤ 1
   * @param breakShare ε, the share of links across an unseen break of the chain, e.g. 0.02
   * @param waitShare u, the chance that a fire found the worker busy and waited, e.g. 0.1
   */
  public ChainDecoder(Comb comb, double p, double breakShare, double waitShare) {
    this(comb, p, breakShare, waitShare, 0, 0);
  }

  private ChainDecoder(
      Comb comb, double p, double breakShare, double waitShare, double ownWrites, double latency) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("keep probability must be in (0, 1], got " + p);
    }
    this.comb = comb;
    this.p = p;
    this.logBreak = Math.log(breakShare);
    this.logChain = Math.log1p(-breakShare);
    this.logFresh = Math.log(p / comb.spacing());
    this.waitShare = Math.max(0, Math.min(0.5, waitShare));
    this.waitWindow = Math.max(2 * comb.duration(), 1e-3);
    this.ownWrites = Math.max(0, Math.min(1, ownWrites));
    this.latency = Math.max(0, latency);
    double peak = 0;
    double spread = comb.durationSpread() * comb.durationSpread();
    for (int k = 1; k < toothWeight.length; k++) {
      toothWeight[k] = p * Math.pow(1 - p, k - 1);
      toothSd[k] = Math.sqrt(comb.toothVariance(k));
      ownSd[k] = Math.sqrt(comb.toothVariance(k) + spread);
      peak = Math.max(peak, toothWeight[k] * Math.max(1 / (SQRT_2PI * toothSd[k]), 1 / waitWindow));
    }
    // at most four teeth add up at one x; the break's density is at most ε·p/s
    this.maxLogLink = Math.log(4 * peak + Math.exp(logBreak + logFresh));
  }

  /**
   * ln f(x): the density of the next kept timer reconcile's start x seconds after the anchor. Each
   * tooth is a normal of the tooth's centre and variance, or, with chance u, that fire waited for
   * the worker a time uniform over two typical durations (a normal smeared by a uniform).
   */
  double logLink(double x) {
    if (!(x > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    int near = Math.max(1, comb.cell(x));
    double chain = 0;
    for (int k = Math.max(1, near - 2); k <= near + 1 && k <= Comb.MAX_TEETH; k++) {
      double sd = toothSd[k];
      double d = x - comb.center(k);
      if (d < -FAR * sd || d > waitWindow + FAR * sd) {
        continue; // neither reading of tooth k reaches x
      }
      double z = d / sd;
      double onTime = Math.exp(-0.5 * z * z) / (SQRT_2PI * sd);
      double waited = (phi(z) - phi((d - waitWindow) / sd)) / waitWindow;
      chain += toothWeight[k] * ((1 - waitShare) * onTime + waitShare * waited);
    }
    double lost = logBreak + logFresh - p * x / comb.spacing();
    double linked = chain > 0 ? logChain + Math.log(chain) : Double.NEGATIVE_INFINITY;
    return logSum(linked, lost);
  }

  /**
   * This decoder with the watch events of the fires' own writes among the events: a share w of the
   * fires writes, and the event of that write starts one duration plus the latency after the fire.
   *
   * @param share w, 0 ≤ w ≤ 1
   * @param delay the latency from a write's end to its event's start, seconds
   */
  public ChainDecoder withOwnWrites(double share, double delay) {
    return new ChainDecoder(comb, p, Math.exp(logBreak), waitShare, share, delay);
  }

  /**
   * The intensity of kept events x seconds after the anchor's end while no later fire was kept: λ,
   * plus the kept watch events of the lost fires' own writes, w·p·Σ_k N(x; c_k + d̄ + latency, v_k
   * + σ_d²).
   */
  double eventIntensity(double eventRate, double x) {
    if (ownWrites == 0 || !(x > 0)) {
      return eventRate;
    }
    double shift = comb.duration() + latency;
    int near = Math.max(1, comb.cell(x - shift));
    double own = 0;
    for (int k = Math.max(1, near - 1); k <= near + 1 && k <= Comb.MAX_TEETH; k++) {
      double sd = ownSd[k];
      double z = (x - comb.center(k) - shift) / sd;
      own += Math.abs(z) < FAR ? Math.exp(-0.5 * z * z) / (SQRT_2PI * sd) : 0;
    }
    return eventRate + ownWrites * p * own;
  }

  /** ln {@link #eventIntensity}, with ln λ given: the logarithm only where own writes add. */
  private double logEventIntensity(double eventRate, double logEvent, double x) {
    if (ownWrites == 0) {
      return logEvent;
    }
    double v = eventIntensity(eventRate, x);
    return v == eventRate ? logEvent : Math.log(v);
  }

  /**
   * Φ(x), the standard normal CDF, by Abramowitz & Stegun 26.2.17 (absolute error below 7.5·10⁻⁸):
   * commons-math3's erfc costs about ten times as much, and the decoder evaluates Φ eight times per
   * anchor and reconcile.
   */
  static double phi(double x) {
    if (x < -FAR) {
      return 0;
    }
    if (x > FAR) {
      return 1;
    }
    double t = 1 / (1 + 0.2316419 * Math.abs(x));
    double poly =
        t
            * (0.319381530
                + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    double tail = Math.exp(-0.5 * x * x) / SQRT_2PI * poly;
    return x >= 0 ? 1 - tail : tail;
  }

  /** ln of the chance that no kept fire came in the x seconds after the anchor's end. */
  double logSurvival(double x) {
    int passed = (int) Math.floor((x + comb.duration()) / comb.spacing());
    return passed <= 0 ? 0 : passed * Math.log1p(-p);
  }

  private static double logSum(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  /**
   * Decodes one stream.
   *
   * @param start starts of the kept reconciles, seconds, ascending
   * @param end their ends, seconds
   * @param n the number of reconciles used
   * @param fixed per reconcile {@link #FREE}, {@link #EVENT}, {@link #TIMER} or {@link #SKIP}
   * @param failed true for a reconcile that failed: it breaks the chain
   * @param eventRate λ, kept events per second, > 0
   * @return the most likely path: true for each reconcile on the timer's chain (fixed ones as
   *     given, skipped false)
   */
  public Path decode(
      double[] start, double[] end, int n, byte[] fixed, boolean[] failed, double eventRate) {
    double logEvent = Math.log(eventRate);
    double[] score = new double[WINDOW]; // slot a % WINDOW: the best path with anchor a
    int[] anchorOf = new int[WINDOW];
    Arrays.fill(anchorOf, NONE);
    double noneScore = 0; // no anchor yet, or the chain broke
    int noneFrom = NONE; // the anchor the "none" state's best path ran through
    int[] back = new int[n]; // for a timer reconcile: its anchor, NONE for none
    int[] backNone = new int[n]; // and when that was none, the anchor none came from
    for (int j = 0; j < n; j++) {
      byte f = fixed[j];
      if (f == SKIP) {
        continue;
      }
      double asTimer = Double.NEGATIVE_INFINITY;
      if (f != EVENT) {
        asTimer = noneScore + logFresh;
        back[j] = NONE;
        backNone[j] = noneFrom;
        // newest anchors first: the likeliest, after which most older ones cannot win
        for (int i = j - 1; i >= Math.max(0, j - WINDOW); i--) {
          int s = i % WINDOW;
          if (anchorOf[s] != i || score[s] + maxLogLink <= asTimer) {
            continue;
          }
          double v = score[s] + logLink(start[j] - end[i]);
          if (v > asTimer) {
            asTimer = v;
            back[j] = i;
          }
        }
      }
      if (f == TIMER) {
        Arrays.fill(anchorOf, NONE); // every path has j as its anchor now
        noneScore = Double.NEGATIVE_INFINITY;
        noneFrom = NONE;
      } else {
        noneScore += logEvent; // j an event, in every state
        for (int s = 0; s < WINDOW; s++) {
          int a = anchorOf[s];
          if (a != NONE) {
            score[s] += logEventIntensity(eventRate, logEvent, start[j] - end[a]);
          }
        }
      }
      int slot = j % WINDOW;
      if (anchorOf[slot] != NONE) {
        // the anchor leaving the window joins "none"
        noneFrom = score[slot] > noneScore ? anchorOf[slot] : noneFrom;
        noneScore = Math.max(noneScore, score[slot]);
      }
      anchorOf[slot] = NONE;
      if (f != EVENT) {
        score[slot] = asTimer;
        anchorOf[slot] = j;
      }
      if (failed[j]) {
        // the backoff re-arms the queue: no anchor before the next timer reconcile
        for (int s = 0; s < WINDOW; s++) {
          if (anchorOf[s] != NONE) {
            noneFrom = score[s] > noneScore ? anchorOf[s] : noneFrom;
            noneScore = Math.max(noneScore, score[s]);
          }
          anchorOf[s] = NONE;
        }
      }
    }
    return backtrack(start, end, n, fixed, score, anchorOf, noneScore, noneFrom, back, backNone);
  }

  private Path backtrack(
      double[] start,
      double[] end,
      int n,
      byte[] fixed,
      double[] score,
      int[] anchorOf,
      double noneScore,
      int noneFrom,
      int[] back,
      int[] backNone) {
    boolean[] timer = new boolean[n];
    int last = n - 1;
    while (last >= 0 && fixed[last] == SKIP) {
      last--;
    }
    if (last < 0) {
      return new Path(timer, 0);
    }
    double best = noneScore;
    int anchor = noneFrom;
    for (int s = 0; s < WINDOW; s++) {
      int a = anchorOf[s];
      if (a == NONE) {
        continue;
      }
      double v = score[s] + logSurvival(start[last] - end[a]);
      if (v > best) {
        best = v;
        anchor = a;
      }
    }
    for (int j = last; j >= 0; j--) {
      if (fixed[j] == SKIP || j != anchor) {
        continue;
      }
      timer[j] = true;
      anchor = back[j] == NONE ? backNone[j] : back[j];
    }
    return new Path(timer, best);
  }

  /**
   * The same stream under a <em>reset</em> queue, where every reconcile re-arms the timer from its
   * own end (controller-runtime's priority queue, the Java Operator SDK): the anchor is always the
   * previous kept reconcile, so each free reconcile is the timer at its gap's density f or an event
   * at the event intensity, whichever is likelier. Its log-likelihood against {@link #decode}'s
   * tells which queue the stream follows: same events, breaks and teeth, only the anchor differs.
   */
  public Path resetPath(
      double[] start, double[] end, int n, byte[] fixed, boolean[] failed, double eventRate) {
    boolean[] timer = new boolean[n];
    double sum = 0;
    int prev = NONE;
    for (int j = 0; j < n; j++) {
      if (fixed[j] == SKIP) {
        continue;
      }
      double asTimer;
      double asEvent;
      if (prev == NONE || failed[prev]) {
        asTimer = logFresh;
        asEvent = Math.log(eventRate);
      } else {
        double x = start[j] - end[prev];
        asTimer = logLink(x);
        asEvent = logEventIntensity(eventRate, Math.log(eventRate), x);
      }
      timer[j] = fixed[j] == TIMER || fixed[j] == FREE && asTimer > asEvent;
      sum += timer[j] ? asTimer : asEvent;
      prev = j;
    }
    return new Path(timer, sum);
  }

  /**
   * How much better the earliest reading explains one stream than the reset reading, in nats: each
   * decoded by its own decoder ({@link #decode}, {@link #resetPath}), events at a rate λ̂ each
   * re-estimates once from its own path (starting from a tenth of the reconciles), with the Poisson
   * term e^(−λ̂·span) that a rate's likelihood carries besides λ̂ per event.
   *
   * @param early the earliest-queue decoder (the chain's p̂)
   * @param reset the reset-queue decoder (the reset model's p̂)
   * @param span the stream's span, seconds, > 0
   */
  public static double earliestAdvantage(
      ChainDecoder early,
      ChainDecoder reset,
      double[] start,
      double[] end,
      int n,
      byte[] fixed,
      boolean[] failed,
      double span) {
    double rateE = 0.1 * n / span;
    double rateR = rateE;
    Path pe = null;
    Path pr = null;
    for (int round = 0; round < 2; round++) {
      pe = early.decode(start, end, n, fixed, failed, rateE);
      pr = reset.resetPath(start, end, n, fixed, failed, rateR);
      rateE = Math.max(1, events(pe, fixed)) / span;
      rateR = Math.max(1, events(pr, fixed)) / span;
    }
    return pe.logLikelihood() - rateE * span - (pr.logLikelihood() - rateR * span);
  }

  private static int events(Path path, byte[] fixed) {
    int m = 0;
    for (int j = 0; j < fixed.length; j++) {
      m += fixed[j] != SKIP && !path.timer()[j] ? 1 : 0;
    }
    return m;
  }
}
