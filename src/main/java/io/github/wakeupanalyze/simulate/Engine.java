package io.github.wakeupanalyze.simulate;

import java.util.PriorityQueue;

/**
 * The discrete-event engine: a clock in epoch nanoseconds and a queue of actions ordered by time.
 * Actions scheduled for the same instant run in the order they were scheduled, so a run is a pure
 * function of the scenario and the seed.
 */
final class Engine {
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long now;
  private long seq;

  Engine(long startNanos) {
    this.now = startNanos;
  }

  /** The current simulated time, epoch nanoseconds. */
  long now() {
    return now;
  }

  /** Runs {@code action} at {@code timeNanos} (never in the past). */
  void at(long timeNanos, Runnable action) {
    if (timeNanos < now) {
      throw new IllegalStateException("cannot schedule at " + timeNanos + " before now " + now);
    }
    queue.add(new Event(timeNanos, seq++, action));
  }

  /** Runs every action due strictly before {@code endNanos}, then sets the clock to it. */
  /**
   * Runs {@code action} at {@code firstNanos} and then every {@code periodNanos} (> 0) after it,
   * for as long as the simulation runs: a resync period, a bulk reconcile.
   */
  void every(long firstNanos, long periodNanos, Runnable action) {
    at(
        firstNanos,
        () -> {
          action.run();
          every(firstNanos + periodNanos, periodNanos, action);
        });
  }

  void runUntil(long endNanos) {
    while (!queue.isEmpty() && queue.peek().time < endNanos) {
      Event e = queue.poll();
      now = e.time;
      e.action.run();
    }
    now = Math.max(now, endNanos);
  }

  private record Event(long time, long seq, Runnable action) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
