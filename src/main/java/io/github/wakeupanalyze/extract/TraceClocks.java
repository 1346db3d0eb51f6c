package io.github.wakeupanalyze.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The extractor's sense of trace time: a clock per service, kept in step with the input's. The
 * input's watermark is the latest span end seen; a service's own watermark the latest end of its
 * spans; its <em>lag</em> how far its own watermark trailed the input's when it last sent a span.
 * Its clock reads
 *
 * <pre>time = max(own watermark, input watermark − lag)</pre>
 *
 * never going back. Each clock finalizes the reconciles of its service and forgets the entries
 * stamped with it; its epoch is the trace-time slice its time is in (slices are counted from the
 * first span end of the input, so the epochs of all clocks compare).
 *
 * <p><b>A service that sends spans</b> runs on its own time: an export holding each service's spans
 * as one block over the whole trace time (one OTLP {@code ResourceSpans} per service, 200,000 spans
 * each) trails the input's watermark by up to the whole trace in every block after the first, and
 * is still forgotten block by block; a service's spans never make another's late.
 *
 * <p><b>A service that falls quiet</b> keeps time with the input at the lag it last had: spans
 * received as they happen trail by about nothing, so a quiet operator's last reconciles are final
 * once the input's time is the grace past them, as with one clock for all, and its entries are
 * forgotten as the input's time moves. A block that ended keeps the lag of its last span.
 *
 * <p>Two laws follow: a clock is never ahead of the input's watermark, so nothing is final or
 * forgotten earlier than with one clock for all; and a clock moves only when a span moves the
 * input's watermark or its own, so a span that arrives behind its clock moves nothing and finalizes
 * nothing (the rest of its trace still joins its reconcile). Quiet clocks are brought up to time
 * when the input's watermark enters a new slice, so they trail by at most a slice more.
 *
 * <p>Example: slices of 9.4 s (a 5 min horizon / 32), an input whose first span ends at t0: a span
 * of service 3 ending at t0 + 60 s moves clock 3 to epoch 6; if that span was 5 s behind the
 * input's watermark and service 3 then falls quiet, its clock reads the input's watermark − 5 s.
 */
final class TraceClocks {
  private static final Comparator<ReconcileBuilder> DUE_ORDER =
      Comparator.comparingLong((ReconcileBuilder b) -> b.due).thenComparingInt(b -> b.serial);

  private static final long NONE = Long.MIN_VALUE;

  private final long slice;
  private long origin = NONE;
  private long input = NONE;
  private int inputEpoch;
  private long[] own = new long[0];
  private long[] lags = new long[0];
  private long[] times = new long[0];
  private int[] epochs = new int[0];
  private long[] evictedBelow = new long[0];
  private final List<PriorityQueue<ReconcileBuilder>> due = new ArrayList<>();
  private int[] moved = new int[4];
  private int movedCount;
  private int ticks;

  /**
   * @param sliceNanos the width of an epoch, e.g. 9,375,000,000 ns
   */
  TraceClocks(long sliceNanos) {
    this.slice = sliceNanos;
  }

  /** Clocks so far (some may not have started). */
  int count() {
    return times.length;
  }

  /**
   * Takes a span of service {@code c} ending at {@code end}: moves the input's watermark and the
   * service's own, and with them the clocks that fall behind ({@link #moved}).
   *
   * @return true when some clock entered a new slice
   */
  boolean advance(int c, long end) {
    grow(c);
    movedCount = 0;
    if (origin == NONE) {
      origin = end;
      inputEpoch = epochOf(end);
    }
    boolean newSlice = false;
    boolean inputMoved = input == NONE || end > input;
    if (inputMoved) {
      input = end;
    }
    if (own[c] == NONE || end > own[c]) {
      own[c] = end;
    }
    lags[c] = input - own[c];
    newSlice |= moveTo(c, own[c]);
    int e = epochOf(input);
    if (inputMoved && e > inputEpoch) {
      inputEpoch = e;
      for (int d = 0; d < times.length; d++) {
        if (d != c && own[d] != NONE) {
          newSlice |= moveTo(d, input - lags[d]);
        }
      }
    }
    return newSlice;
  }

  /** Moves clock {@code c} forward to {@code t}; true when it entered a new slice. */
  private boolean moveTo(int c, long t) {
    if (times[c] != NONE && t <= times[c]) {
      return false;
    }
    boolean started = times[c] != NONE;
    times[c] = t;
    if (movedCount == moved.length) {
      moved = Arrays.copyOf(moved, 2 * moved.length);
    }
    moved[movedCount++] = c;
    int e = epochOf(t);
    if (!started) {
      epochs[c] = e;
      return false;
    }
    if (e > epochs[c]) {
      epochs[c] = e;
      ticks++;
      return true;
    }
    return false;
  }

  /** How many clocks the last {@link #advance} moved. */
  int movedCount() {
    return movedCount;
  }

  /** The {@code i}-th clock the last {@link #advance} moved. */
  int moved(int i) {
    return moved[i];
  }

  private int epochOf(long t) {
    long e = Math.floorDiv(t - origin, slice);
    return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, e));
  }

  private void grow(int c) {
    if (c < times.length) {
      return;
    }
    int from = times.length;
    int n = Math.max(c + 1, from * 2);
    own = Arrays.copyOf(own, n);
    lags = Arrays.copyOf(lags, n);
    times = Arrays.copyOf(times, n);
    epochs = Arrays.copyOf(epochs, n);
    evictedBelow = Arrays.copyOf(evictedBelow, n);
    Arrays.fill(own, from, n, NONE);
    Arrays.fill(times, from, n, NONE);
    Arrays.fill(evictedBelow, from, n, NONE);
    while (due.size() < n) {
      due.add(null);
    }
  }

  /** The time of clock {@code c}, epoch ns; {@link Long#MIN_VALUE} before its service's span. */
  long time(int c) {
    return c < times.length ? times[c] : NONE;
  }

  /** The input's watermark: the latest span end seen, epoch ns. */
  long input() {
    return input;
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
    int c = b.service;
    grow(c);
    if (due.get(c) == null) {
      due.set(c, new PriorityQueue<>(DUE_ORDER));
    }
    due.get(c).add(b);
  }

  /** The next reconcile of clock {@code c} due at or before {@code finalBefore}, or null. */
  ReconcileBuilder pollDue(int c, long finalBefore) {
    PriorityQueue<ReconcileBuilder> q = c < due.size() ? due.get(c) : null;
    return q != null && !q.isEmpty() && q.peek().due <= finalBefore ? q.poll() : null;
  }

  /** Every reconcile still queued, by due time, then serial; the queues are left empty. */
  List<ReconcileBuilder> drain() {
    List<ReconcileBuilder> out = new ArrayList<>();
    for (PriorityQueue<ReconcileBuilder> q : due) {
      if (q != null) {
        out.addAll(q);
        q.clear();
      }
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
      if (times[c] != NONE) {
        evictedBelow[c] = Math.max(evictedBelow[c], origin + (long) cutoffs[c] * slice);
      }
    }
  }

  /** True when a span of clock {@code c} ending at {@code end} is older than what it forgot. */
  boolean late(int c, long end) {
    return end < evictedBelow[c];
  }
}
