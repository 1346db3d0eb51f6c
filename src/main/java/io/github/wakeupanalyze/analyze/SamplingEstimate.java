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

  /** {@code tracestate}, {@code tag}, {@code option}, {@code inferred}, {@code stated} or none. */
  public String sourceLabel() {
    return source != null ? source.label() : stated ? "stated" : "none";
  }

  /** How every output marks it, e.g. {@code sampled p≈0.50 (inferred)}; "" when not sampled. */
  public String mark() {
    if (!sampled()) {
      return "";
    }
    if (Double.isNaN(probability) || suspected) {
      return "sampled? p unresolved";
    }
    return String.format(Locale.ROOT, "sampled p≈%.2g (%s)", probability, sourceLabel());
  }

  /**
   * What a count per hour of kept reconciles stands for in the full stream, with the interval that
   * p's gives: {estimate, low, high}; the count itself when not sampled.
   */
  public double[] scaleUp(double keptPerHour) {
    if (!sampled() || !(probability > 0)) {
      return new double[] {keptPerHour, keptPerHour, keptPerHour};
    }
    return new double[] {
      keptPerHour / probability,
      keptPerHour / high,
      low > 0 ? keptPerHour / low : Double.POSITIVE_INFINITY
    };
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
