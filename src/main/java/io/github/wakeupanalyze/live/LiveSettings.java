package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;

/**
 * How the online engine extracts and keeps reconciles. Times are trace time (span timestamps), so a
 * replay at any speed gives the same result.
 *
 * @param windowNanos how far back from the watermark reconciles are kept and analysed, e.g. 1 h
 * @param graceNanos a trace is final once the watermark is this far past its latest span end, e.g.
 *     10 s: late children and spans of other services' exports still join their reconcile
 * @param maxHeldSpans spans held for traces not yet final, at most, e.g. 200,000; past it the
 *     traces that ended first are extracted early
 */
public record LiveSettings(
    long windowNanos,
    long graceNanos,
    int maxHeldSpans,
    ExtractRules rules,
    AnalysisParameters parameters) {
  /** One hour, the default window. */
  public static final long DEFAULT_WINDOW_NANOS = 3_600_000_000_000L;

  /** Ten seconds, the default grace period. */
  public static final long DEFAULT_GRACE_NANOS = 10_000_000_000L;

  /** The default limit of spans held for traces not yet final. */
  public static final int DEFAULT_MAX_HELD_SPANS = 200_000;

  public LiveSettings {
    if (windowNanos <= 0 || graceNanos < 0 || maxHeldSpans < 1) {
      throw new IllegalArgumentException("window must be positive, grace not negative");
    }
  }

  /** The defaults with a window of {@code windowNanos}. */
  public static LiveSettings defaults(long windowNanos) {
    return new LiveSettings(
        windowNanos,
        DEFAULT_GRACE_NANOS,
        DEFAULT_MAX_HELD_SPANS,
        ExtractRules.defaults(),
        AnalysisParameters.defaults());
  }
}
