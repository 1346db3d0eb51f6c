package io.github.wakeupanalyze.unload;

import io.github.wakeupanalyze.analyze.Queue;

/**
 * When one object's timer is expected to wake it next, as known right after one of its reconciles.
 *
 * <p>The interval is the timer's delay window (the padded support the engine classifies by: a gap
 * in it is this timer) laid after the end that armed the pending deadline, so "the wake-up came
 * within the timer's jitter" means exactly "its start lies in [{@code earliestNanos}, {@code
 * latestNanos}]".
 *
 * @param anchorEndNanos epoch ns of the end that armed the pending deadline: the last reconcile's
 *     end when the queue restarts the deadline, the end of the first reconcile since the last
 *     timer-driven wake-up when it keeps it
 * @param earliestNanos epoch ns, the interval's low edge, e.g. anchor + 4.99 s for a 5 s timer
 * @param expectedNanos epoch ns, anchor + the timer's median delay (never before the reconcile the
 *     prediction follows has ended)
 * @param latestNanos epoch ns, the interval's high edge
 * @param delaySeconds the timer's median delay, e.g. 5.0
 * @param jitterSeconds the timer's robust spread (1.4826 × MAD), e.g. 0.004
 * @param queue {@link Queue#RESET} (each reconcile restarts the deadline) or {@link Queue#EARLIEST}
 *     (the pending deadline is kept)
 */
public record WakePrediction(
    long anchorEndNanos,
    long earliestNanos,
    long expectedNanos,
    long latestNanos,
    double delaySeconds,
    double jitterSeconds,
    Queue queue) {

  /** Whether a wake-up starting at {@code startNanos} came as predicted. */
  public boolean contains(long startNanos) {
    return startNanos >= earliestNanos && startNanos <= latestNanos;
  }

  /**
   * Whether the queue keeps a pending deadline ({@code kept}) or restarts it ({@code restarted}).
   */
  public String deadline() {
    return queue == Queue.EARLIEST ? "kept" : "restarted";
  }
}
