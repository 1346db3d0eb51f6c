package io.github.wakeupanalyze.analyze;

import java.util.List;

/**
 * What one controller knows across its objects that each object's step uses: the origin of its
 * clock (its earliest start), the timers found by pooling every object's gaps, and its worker's
 * busy blocks. Built by {@link Engine#context}; {@link #alone} is an object analysed by itself.
 * Immutable: any number of object steps may share one.
 */
public final class ControllerContext {
  final long originNanos;
  final List<Timer> pooledTimers;
  final WorkerBusy busy;

  ControllerContext(long originNanos, List<Timer> pooledTimers, WorkerBusy busy) {
    this.originNanos = originNanos;
    this.pooledTimers = List.copyOf(pooledTimers);
    this.busy = busy;
  }

  /**
   * An object alone: no pooled timers, no other object's work.
   *
   * @param originNanos epoch ns of the object's first start
   */
  public static ControllerContext alone(long originNanos) {
    return new ControllerContext(originNanos, List.of(), null);
  }

  /** Epoch ns that the engine's second 0 stands for: the controller's earliest start. */
  public long originNanos() {
    return originNanos;
  }

  /** Timers found only by pooling the controller's objects, by delay (seconds). */
  public List<Double> pooledDelays() {
    return pooledTimers.stream().map(t -> t.spike.delay()).toList();
  }
}
