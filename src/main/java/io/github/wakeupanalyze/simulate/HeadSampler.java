package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.simulate.Scenario.SamplingRecord;
import java.util.Locale;

/**
 * The per-trace decision of each sampler {@link Scenario.SamplingRecord} names, computed from the
 * trace id as that sampler computes it, and what it writes into the trace.
 *
 * <ul>
 *   <li>{@code none}: OpenTelemetry Java's {@code TraceIdRatioBased}: the low 64 bits of the trace
 *       id as a signed long x; keep iff {@code |x| < (long)(ratio·Long.MAX_VALUE)}. Writes nothing.
 *   <li>{@code tracestate}: the probability sampler of the OpenTelemetry specification (and the
 *       Collector's probabilistic sampler): rejection threshold {@code T = 2^56 −
 *       round(ratio·2^56)}, rounded to 4 hex digits plus one per leading {@code 0}/{@code f} (the
 *       Collector's {@code pkg/sampling} rule); keep iff the low 56 bits of the trace id are ≥ T.
 *       Writes {@code ot=th:T} (trailing zeros dropped), e.g. 0.1 → {@code ot=th:e666}, 0.5 →
 *       {@code ot=th:8}.
 *   <li>{@code tracestate-p}: the older consistent probability sampler (OTEP 168/170): randomness r
 *       = the number of leading zeros of the trace id's low 62 bits (P(r ≥ k) = 2^−k); a ratio that
 *       is not a power of two picks, per trace, p = ⌊−log₂ ratio⌋ or p + 1 with the probabilities
 *       that average to the ratio (from the high 64 bits of the id); keep iff p ≤ r. Writes {@code
 *       ot=r:R;p:P} in decimal.
 *   <li>{@code jaeger-tags}: Jaeger's probabilistic sampler (jaeger-client-go): keep iff {@code
 *       (long)(ratio·(2^63−1)) ≥ low & (2^63−1)}. Tags the root span {@code
 *       sampler.type=probabilistic}, {@code sampler.param=ratio}.
 * </ul>
 */
final class HeadSampler {
  private static final long MAX_ADJUSTED_COUNT = 1L << 56;
  private static final int HEX_DIGITS = 14;

  private HeadSampler() {}

  /** The decision and, when sampled, the tracestate to write ("" for none). */
  record Decision(boolean sampled, String traceState) {}

  static Decision decide(SamplingRecord record, double ratio, long traceHigh, long traceLow) {
    return switch (record) {
      case NONE -> new Decision(traceIdRatioBased(ratio, traceLow), "");
      case JAEGER_TAGS -> new Decision(jaegerProbabilistic(ratio, traceLow), "");
      case TRACESTATE -> {
        long t = threshold(ratio);
        boolean keep = (traceLow & (MAX_ADJUSTED_COUNT - 1)) >= t;
        yield new Decision(keep, keep ? "ot=th:" + encode(t) : "");
      }
      case TRACESTATE_P -> {
        int r = Long.numberOfLeadingZeros(traceLow & ((1L << 62) - 1)) - 2;
        int p = exponent(ratio, traceHigh);
        boolean keep = p <= r;
        yield new Decision(keep, keep ? "ot=r:" + r + ";p:" + p : "");
      }
    };
  }

  static boolean traceIdRatioBased(double ratio, long traceLow) {
    if (ratio >= 1) {
      return true;
    }
    long bound = (long) (ratio * Long.MAX_VALUE);
    return Math.abs(traceLow) < bound;
  }

  static boolean jaegerProbabilistic(double ratio, long traceLow) {
    long boundary = (long) (ratio * Long.MAX_VALUE);
    return boundary >= (traceLow & Long.MAX_VALUE);
  }

  /** The 56-bit rejection threshold for a ratio, at the Collector's default precision. */
  static long threshold(double ratio) {
    int precision = 4;
    int expF = Math.getExponent(ratio) + 1; // Go's math.Frexp exponent
    int expR = ratio >= 1 ? 0 : Math.getExponent(1 - ratio) + 1;
    precision = Math.min(HEX_DIGITS, Math.max(precision + expF / -4, precision + expR / -4));
    long scaled = Math.round(ratio * MAX_ADJUSTED_COUNT);
    long t = MAX_ADJUSTED_COUNT - scaled;
    int shift = 4 * (HEX_DIGITS - precision);
    if (shift != 0) {
      t = ((t + (1L << (shift - 1))) >>> shift) << shift;
    }
    return Math.min(t, MAX_ADJUSTED_COUNT - 1);
  }

  /** {@code th} as written: 14 hex digits with trailing zeros dropped; {@code 0} for none. */
  static String encode(long threshold) {
    String hex = String.format(Locale.ROOT, "%014x", threshold).replaceFirst("0+$", "");
    return hex.isEmpty() ? "0" : hex;
  }

  /** The probability a threshold stands for: {@code (2^56 − T) / 2^56}. */
  static double probability(long threshold) {
    return (double) (MAX_ADJUSTED_COUNT - threshold) / MAX_ADJUSTED_COUNT;
  }

  /** The power-of-two exponent p for this trace (see the class comment). */
  static int exponent(double ratio, long traceHigh) {
    double log = -Math.log(ratio) / Math.log(2);
    int low = (int) Math.floor(log + 1e-12);
    double pLow = Math.pow(2, -low);
    if (Math.abs(pLow - ratio) <= 1e-12 * ratio || low >= 62) {
      return Math.min(low, 62);
    }
    double pHigh = pLow / 2;
    double chooseLow = (ratio - pHigh) / (pLow - pHigh);
    double u = (traceHigh >>> 11) * 0x1.0p-53;
    return u < chooseLow ? low : low + 1;
  }
}
