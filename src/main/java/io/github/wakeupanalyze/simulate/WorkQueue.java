package io.github.wakeupanalyze.simulate;

/**
 * A controller-runtime work queue over integer keys (object indexes), carrying the {@link Wake}
 * that made each key ready. Two implementations: {@link ClientGoQueue} and {@link
 * PriorityWorkQueue}.
 */
interface WorkQueue {
  /** A key handed to a worker, and why it was queued. */
  record Taken(int key, Wake wake) {}

  /** {@code Add}: make the key ready now (an event). */
  void add(int key, Wake wake);

  /** {@code AddAfter}: make the key ready after {@code delayNanos} (a timer). */
  void addAfter(int key, long delayNanos, Wake wake);

  /** {@code Get}: the next ready key not being processed, or null; it is now being processed. */
  Taken get();

  /** {@code Done}: the key's reconcile finished. */
  void done(int key);
}
