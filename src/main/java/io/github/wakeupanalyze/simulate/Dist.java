package io.github.wakeupanalyze.simulate;

import java.util.SplittableRandom;

/**
 * A distribution of durations in nanoseconds: fixed, lognormal with a median and a log-space sigma,
 * or uniform. Written in scenarios as {@code 150ms}, {@code {median: 150ms, sigma: 0.5}} or {@code
 * {min: 1ms, max: 5ms}}.
 *
 * @param a the fixed value, the median, or the minimum, in nanoseconds
 * @param b unused, unused, or the maximum, in nanoseconds
 * @param sigma standard deviation of the natural log (lognormal only), e.g. 0.5
 */
public record Dist(Kind kind, long a, long b, double sigma) {
  public enum Kind {
    FIXED,
    LOGNORMAL,
    UNIFORM
  }

  public static Dist fixed(long nanos) {
    return new Dist(Kind.FIXED, nanos, nanos, 0);
  }

  public static Dist lognormal(long medianNanos, double sigma) {
    return new Dist(Kind.LOGNORMAL, medianNanos, 0, sigma);
  }

  public static Dist uniform(long minNanos, long maxNanos) {
    return new Dist(Kind.UNIFORM, minNanos, maxNanos, 0);
  }

  /** The typical value: the fixed value, the median, or the midpoint. */
  public long typical() {
    return kind == Kind.UNIFORM ? (a + b) / 2 : a;
  }

  /** Draws one value, at least 0. A fixed distribution draws nothing from {@code r}. */
  long sample(SplittableRandom r) {
    return switch (kind) {
      case FIXED -> a;
      case UNIFORM -> a + (long) (r.nextDouble() * (b - a));
      case LOGNORMAL -> Math.max(0, Math.round(a * Math.exp(sigma * gaussian(r))));
    };
  }

  /**
   * Standard normal by Box–Muller, spelled out so that output does not depend on the JDK's choice.
   */
  static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
