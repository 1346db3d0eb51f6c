package io.github.wakeupanalyze.simulate;

import java.util.SplittableRandom;

/** Trace and span ids from their own seeded stream, so ids never shift the timeline. */
final class IdSource {
  private final SplittableRandom random;

  IdSource(SplittableRandom random) {
    this.random = random;
  }

  /** A random non-zero 64-bit id. */
  long next() {
    long v;
    do {
      v = random.nextLong();
    } while (v == 0);
    return v;
  }
}
