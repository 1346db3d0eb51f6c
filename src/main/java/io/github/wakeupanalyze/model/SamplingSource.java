package io.github.wakeupanalyze.model;

/**
 * Where the sampling probability of a reconcile's trace comes from, as every output names it
 * ({@code sampled: p≈0.25 (source: tracestate)}).
 */
public enum SamplingSource {
  /** The W3C {@code tracestate} OpenTelemetry entry: {@code ot=th:…}, or the older {@code p:}. */
  TRACESTATE,
  /** A Jaeger {@code sampler.type=probabilistic} / {@code sampler.param} pair of span tags. */
  TAG,
  /** The user's {@code --sampling-ratio}. */
  OPTION,
  /** Estimated from the timing of the kept reconciles (nothing in the trace states it). */
  INFERRED;

  /** Lower-case name, as outputs print it, e.g. {@code tracestate}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
