package io.github.wakeupanalyze.analyze;

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
 */
public record SamplingEstimate(
    double probability,
    double low,
    double high,
    SamplingSource source,
    boolean stated,
    boolean suspected,
    long evidence,
    double spectralCheck) {

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
    if (kept <= 0) {
      return Interval.exactly(Double.NaN);
    }
    double share = (double) timer / kept;
    if (!sampled()) {
      return Interval.exactly(share);
    }
    double z2n = Z * Z / kept;
    double centre = (share + z2n / 2) / (1 + z2n);
    double half = Z / (1 + z2n) * Math.sqrt(share * (1 - share) / kept + z2n / (4 * kept));
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
