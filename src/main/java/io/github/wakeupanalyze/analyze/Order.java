package io.github.wakeupanalyze.analyze;

import java.util.Arrays;

/** Index sorts of {@code double} times without boxing. */
final class Order {
  private Order() {}

  /**
   * The permutation that sorts {@code t} ascending (ties by index). Times (seconds, ≥ 0) are packed
   * as microseconds with the index into one {@code long}, which sorts in O(n log n) without boxing
   * for up to 2²¹ items and 2⁴² µs (50 days); beyond that, a boxed sort. Microsecond quantization
   * only reorders items closer than 1 µs.
   */
  static int[] argsort(double[] t) {
    int n = t.length;
    double max = 0;
    for (double v : t) {
      max = Math.max(max, v);
    }
    if (n < (1 << 21) && max * 1e6 < (double) (1L << 42)) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = (Math.max(0, Math.round(t[i] * 1e6)) << 21) | i;
      }
      Arrays.sort(keys);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = (int) (keys[i] & ((1 << 21) - 1));
      }
      return out;
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Double.compare(t[a], t[b]));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = boxed[i];
    }
    return out;
  }
}
