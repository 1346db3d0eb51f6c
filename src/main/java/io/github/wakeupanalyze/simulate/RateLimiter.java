package io.github.wakeupanalyze.simulate;

/**
 * client-go's default controller rate limiter ({@code DefaultTypedControllerRateLimiter},
 * kubernetes/client-go {@code util/workqueue/default_rate_limiters.go}): the maximum of a per-item
 * exponential backoff, 5 ms·2^failures capped at 1000 s, and a global token bucket of 10 qps with a
 * burst of 100 ({@code golang.org/x/time/rate} reservation semantics). {@code Forget} resets an
 * item's failure count; controller-runtime calls it on every success.
 */
final class RateLimiter {
  static final long BASE = 5_000_000L;
  static final long CAP = 1_000_000_000_000L;
  private static final double QPS = 10;
  private static final double BURST = 100;

  private final int[] failures;
  private double tokens = BURST;
  private long last = Long.MIN_VALUE;

  RateLimiter(int keys) {
    failures = new int[keys];
  }

  /** {@code When}: the delay before the next retry of {@code key}; counts one more failure. */
  long when(int key, long now) {
    int f = failures[key]++;
    long exp = f >= 40 ? CAP : Math.min(CAP, BASE << f);
    if (last != Long.MIN_VALUE) {
      tokens = Math.min(BURST, tokens + (now - last) / 1e9 * QPS);
    }
    last = now;
    tokens -= 1;
    long bucket = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / QPS * 1e9);
    return Math.max(exp, bucket);
  }

  /** {@code Forget}: the key succeeded; its backoff starts again from 5 ms. */
  void forget(int key) {
    failures[key] = 0;
  }
}
