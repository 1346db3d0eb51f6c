package io.github.wakeupanalyze.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The extractor's sense of trace time: one clock per service in a batch run, one for all in a live
 * one. A clock's watermark is the latest span end of its spans; its epoch the trace-time slice the
 * watermark is in (slices are counted from the first span end of the input, so the epochs of all
 * clocks compare). Each clock finalizes the reconciles of its own services and forgets the entries
 * stamped with it, so the spans of one service never make those of another late.
 *
 * <p><b>Why per service in a batch.</b> An export may hold each service's spans as one block, each
 * block covering the whole trace time (one OTLP {@code ResourceSpans} per service, 200,000 spans
 * each). One clock for all would run to the end of the trace in the first block, then find every
 * span of the next block older than the horizon: nothing of it could be forgotten and none of its
 * reconciles final until the end. Per service, each block runs through its own time. A live run
 * receives spans as they happen, in time order across services, and keeps one clock so that a quiet
 * service's reconciles are still handed on when the others' time moves.
 *
 * <p>Example: slices of 9.4 s (a 5 min horizon / 32), an input whose first span ends at t0: a span
 * of service 3 ending at t0 + 60 s moves clock 3 to epoch 6.
 */
final class TraceClocks {
  private static final Comparator<ReconcileBuilder> DUE_ORDER =
      Comparator.comparingLong((ReconcileBuilder b) -> b.due).thenComparingInt(b -> b.serial);

  private final boolean perService;
  private final long slice;
  private long origin = Long.MIN_VALUE;
  private long[] watermarks = new long[0];
  private int[] epochs = new int[0];
  private long[] evictedBelow = new long[0];
  private final List<PriorityQueue<ReconcileBuilder>> due = new ArrayList<>();
  private int ticks;

  /**
   * @param perService a clock per service (batch), else one for all (live)
   * @param sliceNanos the width of an epoch, e.g. 9,375,000,000 ns
   */
  TraceClocks(boolean perService, long sliceNanos) {
    this.perService = perService;
    this.slice = sliceNanos;
  }

  /** The clock of a service number. */
  int of(int service) {
    return perService ? service : 0;
  }

  /** Clocks so far (some may not have started). */
  int count() {
    return watermarks.length;
  }

  /**
   * Moves clock {@code c} to a span ending at {@code end} when that is later than its watermark.
   *
   * @return true when the clock entered a new slice
   */
  boolean advance(int c, long end) {
    grow(c);
    if (origin == Long.MIN_VALUE) {
      origin = end;
    }
    if (watermarks[c] == Long.MIN_VALUE) {
      watermarks[c] = end;
      epochs[c] = epochOf(end);
      return false;
    }
    if (end <= watermarks[c]) {
      return false;
    }
    watermarks[c] = end;
    int e = epochOf(end);
    if (e > epochs[c]) {
      epochs[c] = e;
      ticks++;
      return true;
    }
    return false;
  }

  private int epochOf(long end) {
    long e = Math.floorDiv(end - origin, slice);
    return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, e));
  }

  private void grow(int c) {
    if (c < watermarks.length) {
      return;
    }
    int from = watermarks.length;
    int n = Math.max(c + 1, from * 2);
    watermarks = Arrays.copyOf(watermarks, n);
    epochs = Arrays.copyOf(epochs, n);
    evictedBelow = Arrays.copyOf(evictedBelow, n);
    Arrays.fill(watermarks, from, n, Long.MIN_VALUE);
    Arrays.fill(evictedBelow, from, n, Long.MIN_VALUE);
    while (due.size() < n) {
      due.add(new PriorityQueue<>(DUE_ORDER));
    }
  }

  long watermark(int c) {
    return watermarks[c];
  }

  /** The epoch of clock {@code c}: what an entry stamped now with it carries. */
  int epoch(int c) {
    grow(c);
    return epochs[c];
  }

  /** How many times any clock entered a new slice: a sweep is worth it only when this moved. */
  int ticks() {
    return ticks;
  }

  /** Slices in {@code nanos}, rounded up. */
  int slices(long nanos) {
    return (int) Math.min(Integer.MAX_VALUE / 2, (nanos + slice - 1) / slice);
  }

  /** Queues a reconcile to be final when its service's clock passes its end plus the grace. */
  void schedule(ReconcileBuilder b) {
    int c = of(b.service);
    grow(c);
    due.get(c).add(b);
  }

  /** The next reconcile of clock {@code c} due at or before {@code finalBefore}, or null. */
  ReconcileBuilder pollDue(int c, long finalBefore) {
    PriorityQueue<ReconcileBuilder> q = due.get(c);
    return !q.isEmpty() && q.peek().due <= finalBefore ? q.poll() : null;
  }

  /** Every reconcile still queued, by due time, then serial; the queues are left empty. */
  List<ReconcileBuilder> drain() {
    List<ReconcileBuilder> out = new ArrayList<>();
    for (PriorityQueue<ReconcileBuilder> q : due) {
      out.addAll(q);
      q.clear();
    }
    out.sort(DUE_ORDER);
    return out;
  }

  /** For each clock, the epoch {@code nanos} of trace time behind its own. */
  int[] cutoffs(long nanos) {
    int back = slices(nanos);
    int[] out = new int[epochs.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = epochs[c] - back;
    }
    return out;
  }

  /** Records that each clock forgot what was stamped before its cutoff. */
  void forgot(int[] cutoffs) {
    for (int c = 0; c < cutoffs.length; c++) {
      if (watermarks[c] != Long.MIN_VALUE) {
        evictedBelow[c] = Math.max(evictedBelow[c], origin + (long) cutoffs[c] * slice);
      }
    }
  }

  /** True when a span of clock {@code c} ending at {@code end} is older than what it forgot. */
  boolean late(int c, long end) {
    return end < evictedBelow[c];
  }
}
