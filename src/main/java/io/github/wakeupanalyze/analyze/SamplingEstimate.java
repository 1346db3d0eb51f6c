package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.SamplingSource;
import java.util.List;
import java.util.Locale;

/**
 * With what probability the reconciles of a controller (or operator) were kept in the trace, as far
 * as the trace states it or its timers show it (docs/method.md, "Sampling").
 *
 * <p>Four cases: <b>stated</b> (the reconciles' traces or {@code --sampling-ratio} give p; {@code
 * low = high = probability}); <b>inferred</b> (nothing states it, but a timer's comb of k·T
 * intervals shows thinning: {@code source = INFERRED} with a 95 % interval); <b>checked</b> (a
 * timer's comb shows no thinning: probability ≈ 1, {@code source} null); <b>unknown</b> (no timer
 * to check by and nothing stated: probability NaN). {@code suspected} says that thinning shows but
 * its probability could not be resolved.
 *
 * @param probability p, e.g. 0.5; NaN when unknown
 * @param low lower end of its 95 % interval
 * @param high upper end of its 95 % interval
 * @param source where a stated p came from, {@link SamplingSource#INFERRED} for an inferred one,
 *     null when nothing states it and no thinning shows
 * @param stated true when the reconciles state p (then {@code source} may still be null when the
 *     caller did not say which statement it was)
 * @param suspected thinning shows in a timer's comb, but the probability is not resolved
 * @param evidence reconciles stating p, or start→start intervals on the timer's comb
 * @param spectralCheck the spectral-floor cross-check of p, NaN when not computed
 * @param ownWriteShare ŵ, the share of reconciles whose own write comes back as the watch event of
 *     another (docs/method.md, "Own writes under thinning"); 0 when not estimated
 * @param ownWriteSd its standard deviation
 */
public record SamplingEstimate(
    double probability,
    double low,
    double high,
    SamplingSource source,
    boolean stated,
    boolean suspected,
    long evidence,
    double spectralCheck,
    double ownWriteShare,
    double ownWriteSd) {

  /** An estimate without own writes (ŵ = 0). */
  public SamplingEstimate(
      double probability,
      double low,
      double high,
      SamplingSource source,
      boolean stated,
      boolean suspected,
      long evidence,
      double spectralCheck) {
    this(probability, low, high, source, stated, suspected, evidence, spectralCheck, 0, 0);
  }

  /** This estimate with ŵ and its standard deviation. */
  public SamplingEstimate withOwnWrites(double share, double sd) {
    return new SamplingEstimate(
        probability, low, high, source, stated, suspected, evidence, spectralCheck, share, sd);
  }

  /** Nothing states a probability and no timer shows one. */
  public static final SamplingEstimate UNKNOWN =
      new SamplingEstimate(Double.NaN, 0, 1, null, false, false, 0, Double.NaN);

  /** True when the trace is known or inferred to hold only a sample of the reconciles. */
  public boolean sampled() {
    return (stated || source == SamplingSource.INFERRED) && probability < 1 || suspected;
  }

  /** Sampled, but with what probability is not known: the full stream's rate is not either. */
  public boolean unresolved() {
    return sampled() && (suspected || !(probability > 0));
  }

  /** {@code tracestate}, {@code tag}, {@code option}, {@code inferred}, {@code stated} or none. */
  public String sourceLabel() {
    return source != null ? source.label() : stated ? "stated" : "none";
  }

  /** How every output marks it, e.g. {@code sampled p≈0.50 (inferred)}; "" when not sampled. */
  public String mark() {
    if (!sampled()) {
      return "";
    }
    if (unresolved()) {
      return "sampled? p unresolved";
    }
    return String.format(Locale.ROOT, "sampled p≈%.2g (%s)", probability, sourceLabel());
  }

  /**
   * A quantity of the full (unsampled) stream estimated from the kept reconciles, with its 95 %
   * interval.
   */
  public record Interval(double estimate, double low, double high) {
    static Interval exactly(double v) {
      return new Interval(v, v, v);
    }
  }

  /** The normal quantile of a two-sided 95 % interval. */
  private static final double Z = 1.959964;

  /**
   * The full stream's reconciles per hour, from {@code kept} reconciles over {@code hours}: {@code
   * kept / p} (each kept reconcile stands for 1/p; Horvitz &amp; Thompson 1952). The interval joins
   * the two uncertainties at their extremes: the thinning itself (kept ~ Binomial(N, p), so N lies
   * within {@code (kept ± 1.96·√(kept·(1 − p))) / p}, the normal approximation) and p's own
   * interval, the upper end at p's lower end and vice versa. A stated p has no interval of its own;
   * the thinning's remains. Not sampled: the kept rate, exactly (the trace is the stream).
   * {@linkplain #unresolved Unresolved}: no estimate, only the bound that the kept rate gives from
   * below.
   */
  public Interval fullStreamRate(long kept, double hours) {
    if (!(hours > 0)) {
      return Interval.exactly(Double.NaN);
    }
    double rate = kept / hours;
    if (!sampled()) {
      return Interval.exactly(rate);
    }
    if (unresolved()) {
      return new Interval(Double.NaN, rate, Double.POSITIVE_INFINITY);
    }
    double lowCount = Math.max(0, kept - Z * Math.sqrt(kept * (1 - high)));
    double highCount = kept + Z * Math.sqrt(kept * (1 - Math.max(low, 0)));
    return new Interval(
        rate / probability,
        lowCount / hours / high,
        low > 0 ? highCount / hours / low : Double.POSITIVE_INFINITY);
  }

  /**
   * The full stream's share of timer-driven reconciles, from {@code timer} of {@code kept}.
   * Thinning keeps each reconcile with the same probability whatever started it, so the kept share
   * estimates the full one; its interval is Wilson's score interval for a binomial proportion
   * (Wilson 1927; Agresti &amp; Coull 1998 on why not the Wald interval), which stays inside [0, 1]
   * and behaves at shares near 0 or 1. It covers the sampling alone, not errors of classification.
   * Not sampled: the share, exactly.
   */
  public Interval fullStreamShare(long timer, long kept) {
    return combinedShare(sampled(), timer, 0, kept, 0, 0);
  }

  /**
   * The full stream's timer-driven share, from {@code timer} of {@code kept} reconciles of which
   * {@code ownWriteEvents} were called the watch events of their own writes. Without ŵ, as {@link
   * #fullStreamShare(long, long)}. With ŵ (a sampled controller), the own-write events are counted
   * from it rather than from the verdicts: under thinning they hide in the timer's teeth, so the
   * verdicts miss them one way (docs/method.md, "Own writes under thinning"). The share is then 1 −
   * r − ŵ, where r = (kept − timer − ownWriteEvents)/kept is the other events' share, and its
   * interval joins r's Wilson interval and ŵ's normal one in quadrature. Example: 466 kept, 430
   * timer, 17 own-write events, ŵ = 0.066 ± 0.012: 0.893 [0.861, 0.921] (the verdicts alone:
   * 0.923).
   */
  public Interval fullStreamShare(long timer, long ownWriteEvents, long kept) {
    return combinedShare(
        sampled(),
        timer,
        ownWriteEvents,
        kept,
        ownWriteEvents(ownWriteEvents, kept),
        ownWriteEventsSd(kept));
  }

  /**
   * The own-write events among {@code kept} reconciles: ŵ·kept where ŵ is estimated (a sampled
   * controller), else the {@code verdicts}.
   */
  private double ownWriteEvents(long verdicts, long kept) {
    return countsOwnWrites() ? ownWriteShare * kept : verdicts;
  }

  /** The standard deviation of {@link #ownWriteEvents}: 0 when the verdicts count them. */
  private double ownWriteEventsSd(long kept) {
    return countsOwnWrites() ? ownWriteSd * kept : 0;
  }

  private boolean countsOwnWrites() {
    return sampled() && ownWriteShare > 0;
  }

  /**
   * Several controllers' full-stream timer share: each one's ŵ counts its own-write events, their
   * spreads add in quadrature (as {@link #fullStreamShare(long, long, long)}); not sampled when
   * none is.
   */
  public static Interval fullStreamShare(List<ControllerResult> controllers) {
    long kept = 0;
    long timer = 0;
    long own = 0;
    double expected = 0;
    double variance = 0;
    boolean sampled = false;
    for (ControllerResult c : controllers) {
      SamplingEstimate s = c.sampling();
      int verdicts = c.causes().getOrDefault(Cause.SELF_WRITE, 0);
      kept += c.reconciles();
      timer += c.timerDriven();
      own += verdicts;
      expected += s.ownWriteEvents(verdicts, c.reconciles());
      variance += Math.pow(s.ownWriteEventsSd(c.reconciles()), 2);
      sampled |= s.sampled();
    }
    return combinedShare(sampled, timer, own, kept, expected, Math.sqrt(variance));
  }

  /**
   * The timer share when {@code own} of the event verdicts are own-write events that count as
   * {@code expected} ± {@code sd} instead; exactly the verdicts' share when not sampled.
   */
  private static Interval combinedShare(
      boolean sampled, long timer, long own, long kept, double expected, double sd) {
    if (kept <= 0) {
      return Interval.exactly(Double.NaN);
    }
    if (!sampled) {
      return Interval.exactly((double) timer / kept);
    }
    if (!(sd > 0) && expected == own) {
      return wilson(timer, kept);
    }
    long others = Math.max(0, kept - timer - own);
    Interval r = wilson(kept - others, kept); // 1 − r, Wilson's
    double share = Math.max(0, Math.min(1, 1 - (others + expected) / kept));
    double lowSpread = Math.hypot(r.estimate() - r.low(), Z * sd / kept);
    double highSpread = Math.hypot(r.high() - r.estimate(), Z * sd / kept);
    return new Interval(share, Math.max(0, share - lowSpread), Math.min(1, share + highSpread));
  }

  /** Wilson's 95 % score interval for {@code k} of {@code n}. */
  private static Interval wilson(long k, long n) {
    double share = (double) k / n;
    double z2n = Z * Z / n;
    double centre = (share + z2n / 2) / (1 + z2n);
    double half = Z / (1 + z2n) * Math.sqrt(share * (1 - share) / n + z2n / (4 * n));
    return new Interval(share, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * An operator's estimate from its controllers': a stated one first, else the sampled one with the
   * most evidence, else the checked one with the most, else unknown.
   */
  public static SamplingEstimate combine(List<SamplingEstimate> all) {
    SamplingEstimate best = null;
    for (SamplingEstimate e : all) {
      if (best == null
          || rank(e) > rank(best)
          || rank(e) == rank(best) && e.evidence > best.evidence) {
        best = e;
      }
    }
    return best == null ? UNKNOWN : best;
  }

  private static int rank(SamplingEstimate e) {
    return e.stated ? 3 : e.sampled() ? 2 : Double.isNaN(e.probability) ? 0 : 1;
  }
}
