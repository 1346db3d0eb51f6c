package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.SamplingSource;
import io.github.wakeupanalyze.model.Span;
import java.util.Locale;

/**
 * Reads the probability with which a span's trace was kept, where the trace states it.
 *
 * <ol>
 *   <li><b>W3C {@code tracestate}</b> (OTLP {@code trace_state}, or the {@code w3c.tracestate} tag
 *       the OpenTelemetry Collector writes when it translates to Jaeger or Zipkin): the {@code ot}
 *       member's {@code th} value, 1 to 14 hex digits, right-padded with {@code 0} to 14 and read
 *       as a 56-bit rejection threshold T: p = (2<sup>56</sup> − T) / 2<sup>56</sup> ({@code
 *       ot=th:8} → ½, {@code th:c} → ¼, {@code th:0} → 1). Without {@code th}, the older {@code p}
 *       value: p = 2<sup>−p</sup> ({@code ot=r:3;p:2} → ¼), decimal, or hexadecimal when it holds a
 *       letter (the first draft of that proposal wrote two hex digits); {@code p:63} means an
 *       adjusted count of zero, which is no probability.
 *   <li><b>Jaeger sampler tags</b>, which Jaeger clients write on the span that made the decision
 *       (the trace root): {@code sampler.type=probabilistic} with {@code sampler.param} the
 *       probability; {@code const} with param 1 keeps every trace (probability 1). {@code
 *       ratelimiting} (param: traces per second) and {@code lowerbound} (kept by the rate limiter
 *       after the probabilistic part said no) keep traces with no fixed probability: they are
 *       reported as such, never turned into a probability.
 * </ol>
 *
 * <p>A sampled span without any of these has an unknown probability, which does not mean its trace
 * is complete: most samplers (OpenTelemetry's {@code TraceIdRatioBased}, tail sampling) write
 * nothing.
 *
 * <p>References: OpenTelemetry specification, {@code trace/tracestate-handling.md} and {@code
 * trace/tracestate-probability-sampling.md}; Jaeger client libraries' sampler constants.
 */
public final class Sampling {
  /** The {@code tracestate} tag written by the Collector's Jaeger and Zipkin translators. */
  public static final String TRACESTATE_TAG = "w3c.tracestate";

  static final String SAMPLER_TYPE = "sampler.type";
  static final String SAMPLER_PARAM = "sampler.param";

  private static final double TWO_56 = 0x1p56;

  private Sampling() {}

  /**
   * What a span states about its sampling.
   *
   * @param probability the probability its trace was kept with, in (0, 1]; NaN when the sampler
   *     that kept it is not probabilistic
   * @param source where it was read
   * @param sampler for a sampler that is not probabilistic, what it is (e.g. {@code ratelimiting},
   *     {@code lowerbound}, {@code p:63}); null otherwise
   */
  public record Stated(double probability, SamplingSource source, String sampler) {
    /** True when the statement is a probability. */
    public boolean isProbability() {
      return !Double.isNaN(probability);
    }
  }

  /**
   * What {@code span} states, from its tracestate, its translated tracestate tag or Jaeger tags.
   */
  public static Stated of(Span span) {
    Stated s = ofTraceState(span.traceState());
    if (s == null) {
      String translated = span.attribute(TRACESTATE_TAG);
      if (translated != null) {
        s = ofTraceState(translated);
      }
    }
    if (s == null) {
      String type = span.attribute(SAMPLER_TYPE);
      if (type != null) {
        s = ofJaeger(type, span.attribute(SAMPLER_PARAM));
      }
    }
    return s;
  }

  /**
   * What a W3C {@code tracestate} value states ({@code ot=th:c;rv:…,vendor=x}), or null when its
   * {@code ot} member holds neither {@code th} nor {@code p}, or a malformed one.
   */
  public static Stated ofTraceState(String tracestate) {
    String ot = otMember(tracestate);
    if (ot == null) {
      return null;
    }
    String th = null;
    String p = null;
    for (String pair : ot.split(";")) {
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = pair.substring(0, colon).trim();
      String value = pair.substring(colon + 1).trim();
      if (key.equals("th")) {
        th = value;
      } else if (key.equals("p")) {
        p = value;
      }
    }
    if (th != null) {
      double prob = threshold(th);
      return Double.isNaN(prob) ? null : new Stated(prob, SamplingSource.TRACESTATE, null);
    }
    if (p != null) {
      int exponent = exponent(p);
      if (exponent < 0) {
        return null;
      }
      return exponent == 63
          ? new Stated(Double.NaN, SamplingSource.TRACESTATE, "p:63")
          : new Stated(Math.scalb(1.0, -exponent), SamplingSource.TRACESTATE, null);
    }
    return null;
  }

  /**
   * The probability a {@code th} value stands for: 1 to 14 hex digits, right-padded with zeros to a
   * 56-bit threshold T, p = (2<sup>56</sup> − T) / 2<sup>56</sup>; NaN when malformed. Examples:
   * {@code 0} → 1, {@code 8} → 0.5, {@code aaab} → 0.333328, {@code fd70a} → 0.0100002.
   */
  static double threshold(String th) {
    if (th.isEmpty() || th.length() > 14) {
      return Double.NaN;
    }
    long t = 0;
    for (int i = 0; i < 14; i++) {
      int digit = i < th.length() ? Character.digit(th.charAt(i), 16) : 0;
      if (digit < 0) {
        return Double.NaN;
      }
      t = (t << 4) | digit;
    }
    return ((1L << 56) - t) / TWO_56;
  }

  /** The exponent of an older {@code p} value (0 to 63), or -1 when malformed. */
  private static int exponent(String p) {
    if (p.isEmpty() || p.length() > 2) {
      return -1;
    }
    boolean hex = false;
    for (int i = 0; i < p.length(); i++) {
      char c = Character.toLowerCase(p.charAt(i));
      if (c >= 'a' && c <= 'f') {
        hex = true;
      } else if (c < '0' || c > '9') {
        return -1;
      }
    }
    int v = Integer.parseInt(p, hex ? 16 : 10);
    return v <= 63 ? v : -1;
  }

  /** The value of the {@code ot} list member of a tracestate, or null. */
  private static String otMember(String tracestate) {
    if (tracestate == null || tracestate.isEmpty()) {
      return null;
    }
    for (String member : tracestate.split(",")) {
      String m = member.trim();
      if (m.startsWith("ot=")) {
        return m.substring(3);
      }
    }
    return null;
  }

  /** What Jaeger's sampler tags state, or null for an unknown type or a malformed param. */
  static Stated ofJaeger(String type, String param) {
    String t = type.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "probabilistic" -> {
        double p = parse(param);
        return p > 0 && p <= 1 ? new Stated(p, SamplingSource.TAG, null) : null;
      }
      case "const" -> {
        boolean all =
            "true".equalsIgnoreCase(param == null ? "" : param.trim()) || parse(param) == 1;
        return all ? new Stated(1.0, SamplingSource.TAG, null) : null;
      }
      case "ratelimiting", "lowerbound" -> {
        return new Stated(Double.NaN, SamplingSource.TAG, t);
      }
      default -> {
        return null;
      }
    }
  }

  private static double parse(String s) {
    if (s == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
