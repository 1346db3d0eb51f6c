package io.github.wakeupanalyze.analyze;

import java.util.List;

/**
 * What one controller knows across its objects that each object's step uses: the origin of its
 * clock (its earliest start), which end its timers count from ({@link ProcessingEnds}), the timers
 * found by pooling every object's gaps, and its worker's busy blocks. Built by {@link
 * Engine#context}; {@link #alone} is an object analysed by itself. Immutable: any number of object
 * steps may share one.
 */
public final class ControllerContext {
  final long originNanos;
  final List<Timer> pooledTimers;
  final WorkerBusy busy;
  final ProcessingEnds.Anchor anchor;

  ControllerContext(
      long originNanos, List<Timer> pooledTimers, WorkerBusy busy, ProcessingEnds.Anchor anchor) {
    this.originNanos = originNanos;
    this.pooledTimers = List.copyOf(pooledTimers);
    this.busy = busy;
    this.anchor = anchor;
  }

  /**
   * An object alone: no pooled timers, no other object's work; its own gaps decide which end its
   * timers count from.
   *
   * @param originNanos epoch ns of the object's first start
   */
  public static ControllerContext alone(long originNanos) {
    return new ControllerContext(originNanos, List.of(), null, ProcessingEnds.Anchor.OWN_GAPS);
  }

  /** Epoch ns that the engine's second 0 stands for: the controller's earliest start. */
  public long originNanos() {
    return originNanos;
  }

  /** True when the controller's timers count from its reconciles' trailing writes. */
  public boolean afterTrailingWrites() {
    return anchor == ProcessingEnds.Anchor.TRAILING_WRITE;
  }

  /** Timers found only by pooling the controller's objects, by delay (seconds). */
  public List<Double> pooledDelays() {
    return pooledTimers.stream().map(t -> t.spike.delay()).toList();
  }
}
