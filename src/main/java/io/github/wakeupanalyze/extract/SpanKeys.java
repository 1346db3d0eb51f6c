package io.github.wakeupanalyze.extract;

/**
 * The 64-bit keys the extractor's tables use: a span by (trace id, span id), a trace, and keys
 * derived from those. Never 0 (the tables' empty slot).
 */
final class SpanKeys {
  private static final long TRACE_SALT = 0x5452414345L;

  private SpanKeys() {}

  /** 64-bit hash of (trace id, span id). */
  static long span(long traceHigh, long traceLow, long spanId) {
    long h = traceHigh * 0x9E3779B97F4A7C15L;
    h = Long.rotateLeft(h ^ traceLow, 31) * 0xBF58476D1CE4E5B9L;
    h = Long.rotateLeft(h ^ spanId, 27) * 0x94D049BB133111EBL;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }

  /** The key of a trace. */
  static long trace(long traceHigh, long traceLow) {
    return span(traceHigh, traceLow, TRACE_SALT);
  }

  /** The key of a span of {@code service} whose ids another service's span already has. */
  static long alias(long key, int service) {
    return mix(key, 0xA11A5L + service);
  }

  /** Another key derived from {@code key}, one per {@code salt}. */
  static long mix(long key, long salt) {
    long h = (key ^ Long.rotateLeft(salt * 0x9E3779B97F4A7C15L, 17)) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    return h == 0 ? 1 : h;
  }
}
