package io.github.wakeupanalyze.analyze.sampling;

import org.apache.commons.math3.special.Erf;

/**
 * The teeth a RequeueAfter timer leaves in the end→start gaps of a thinned stream. When the k − 1
 * reconciles between two kept ones were all the timer's, the gap from the first one's end to the
 * second's start is k·P plus the k − 1 lost reconciles' durations: tooth k is centred on k·P + (k −
 * 1)·d̄ with half-width w_k = 3·√(k·σ_J² + (k − 1)·σ_d²) + pad (k delays of jitter σ_J, k − 1
 * durations of spread σ_d). Tooth 1 is the timer's own spike. Teeth are used up to {@link
 * #maxTooth()}, the last whose width is at most half the spacing P + d̄: beyond it they cover so
 * much of the line that an event lands in one as often as not.
 *
 * <p>Example: P = 5 s, σ_J = 0, d̄ = 0.15 s, σ_d = 0.05 s, pad = 2.5 ms: tooth 1 is 5 s ± 2.5 ms,
 * tooth 2 is 10.15 ± 0.15 s, tooth 9 is 46.2 ± 0.43 s; teeth go up to k = 74.
 */
public final class Comb {
  /** Most teeth ever used. */
  public static final int MAX_TEETH = 200;

  private final double delay;
  private final double jitter;
  private final double duration;
  private final double durationSpread;
  private final double pad;
  private final int maxTooth;

  /**
   * @param delay P, the timer's end→start delay, seconds, e.g. 5.0
   * @param jitter σ_J, the delay's spread, seconds (0 for a fixed delay)
   * @param duration d̄, the typical reconcile duration, seconds, e.g. 0.15
   * @param durationSpread σ_d, the spread of one duration, seconds
   * @param pad timestamp resolution plus queue latency, seconds, e.g. 0.0025
   */
  public Comb(double delay, double jitter, double duration, double durationSpread, double pad) {
    if (!(delay > 0)) {
      throw new IllegalArgumentException("a comb needs a positive delay, got " + delay);
    }
    this.delay = delay;
    this.jitter = finite(jitter);
    this.duration = finite(duration);
    this.durationSpread = finite(durationSpread);
    this.pad = pad;
    int k = 1;
    while (k < MAX_TEETH && 2 * halfWidth(k + 1) <= spacing() / 2) {
      k++;
    }
    this.maxTooth = k;
  }

  private static double finite(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, v);
  }

  public double delay() {
    return delay;
  }

  /** d̄, the typical reconcile duration, seconds. */
  public double duration() {
    return duration;
  }

  /** σ_d, the spread of one duration, seconds. */
  public double durationSpread() {
    return durationSpread;
  }

  /** P + d̄: the distance between teeth, seconds. */
  public double spacing() {
    return delay + duration;
  }

  /** The last tooth used. */
  public int maxTooth() {
    return maxTooth;
  }

  /** The centre of tooth k, seconds. */
  public double center(int k) {
    return k * delay + (k - 1) * duration;
  }

  /** w_k, seconds. */
  public double halfWidth(int k) {
    return 3 * Math.sqrt(k * jitter * jitter + (k - 1) * durationSpread * durationSpread) + pad;
  }

  /**
   * The variance of the k-th fire's start around tooth k's centre: k jitters, k − 1 durations, and
   * the pad read as a 3σ width, seconds².
   */
  double toothVariance(int k) {
    return k * jitter * jitter + (k - 1) * durationSpread * durationSpread + pad * pad / 9;
  }

  /**
   * ln of the likelihood ratio "watch event of the k-th fire's own write" : "the k-th fire" for a
   * lag in tooth k. The k-th fire starts at the tooth's centre with variance kσ_J² + (k − 1)σ_d² (+
   * the pad's, as a 3σ width); the watch event of its own write starts after it ended, one duration
   * and the watch latency later, with one more duration's variance σ_d². Gaussian approximation of
   * the sums. Example: P = 5 s, d̄ = 0.15 s, σ_d = 0.05 s, tooth 2, latency 3 ms: a lag of 10.15 s
   * gives ln LR ≈ −2.7 (the timer's), 10.30 s ≈ +4.2 (the event's).
   *
   * @param k the tooth, ≥ 1
   * @param lag the lag that lies in it, seconds
   * @param latency the typical delay from a write's end to its watch event's reconcile, seconds
   */
  public double ownWriteLogRatio(int k, double lag, double latency) {
    double vt = toothVariance(k);
    double ve = vt + durationSpread * durationSpread;
    double dt = lag - center(k);
    double de = dt - duration - latency;
    return 0.5 * (Math.log(vt / ve) + dt * dt / vt - de * de / ve);
  }

  /**
   * ln of the likelihood ratio of two readings of one link in tooth k: lag a (one hypothesis's
   * anchor) against lag b (the other's), both with tooth k's variance. Example: tooth 1, pad 2.5
   * ms, a on the centre, b 150 ms off: ≈ +16,000 (a's anchor).
   */
  public double linkLogRatio(int k, double a, double b) {
    double v = toothVariance(k);
    double da = a - center(k);
    double db = b - center(k);
    return 0.5 * (db * db - da * da) / v;
  }

  /**
   * The chance that the watch event of the k-th fire's own write lies inside tooth k: it starts a
   * duration plus the latency after the fire, with one more duration's spread (normal
   * approximation). Example: P = 5 s, d̄ = 0.15 s, σ_d = 0.03 s, latency 3 ms: 0 at tooth 1, 0.08
   * at tooth 2, 0.67 at tooth 5, 0.96 at tooth 20.
   */
  public double ownWriteInTooth(int k, double latency) {
    double mu = duration + latency;
    double s = Math.sqrt(k * jitter * jitter + k * durationSpread * durationSpread + pad * pad / 9);
    double h = halfWidth(k);
    return normalCdf((h - mu) / s) - normalCdf((-h - mu) / s);
  }

  /**
   * Φ(x), the standard normal CDF: ½·erfc(−x/√2) (commons-math3's complementary error function).
   */
  static double normalCdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }

  /** The tooth k ∈ [1, maxTooth] a gap lies in, or 0 when it lies in none. */
  public int tooth(double gap) {
    int k = nearest(gap);
    if (k < 1 || k > maxTooth) {
      return 0;
    }
    return Math.abs(gap - center(k)) <= halfWidth(k) ? k : 0;
  }

  /**
   * The interval between teeth a gap lies in: j for a gap between the centres of tooth j and tooth
   * j + 1 (0 below tooth 1's centre). Whether it lies in a tooth is {@link #tooth}'s question.
   * Example: P = 5 s, d̄ = 0.15 s: 7 s → 1, 12 s → 2.
   */
  public int interval(double gap) {
    double j = Math.floor((gap + duration) / spacing());
    return j < 0 ? 0 : j >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) j;
  }

  /**
   * The cell of a gap: the nearest tooth's k, capped at maxTooth + 1 (everything longer); 0 below
   * half a delay.
   */
  public int cell(double gap) {
    return Math.max(0, Math.min(maxTooth + 1, nearest(gap)));
  }

  private int nearest(double gap) {
    double k = (gap + duration) / spacing();
    return k >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.round(k);
  }
}
