package io.github.wakeupanalyze.extract;

/**
 * How long the extractor waits and how much it remembers. Times are trace time: the watermark is
 * the latest span end seen so far, so the same input gives the same result however fast it is read.
 * Each service has a clock of its own ({@link TraceClocks}), so an export holding each service's
 * spans as one block over the whole trace time is forgotten block by block, while a service that
 * falls quiet keeps time with the input.
 *
 * <p><b>Why a limit.</b> De-duplication and parent look-up need an entry per span seen ({@link
 * SpanTable}, about 40 bytes each); kept for a whole run, a 10⁷-span input needs more than a 512 MB
 * heap. Entries are therefore forgotten once they are older than the horizon, and only when the
 * table is full (batch), so an input that fits is extracted exactly.
 *
 * <p><b>The guard for late children.</b> A span stays known for at least {@code horizonNanos} of
 * its service's trace time after it arrived. A child that arrives later than that (its own end is
 * before the oldest time its service still remembers) is counted as late ({@link
 * ExtractCounts#lateSpans()}): it is not checked for duplicates, and when its parent is gone it is
 * settled like a span whose parent was lost. Reconcile spans themselves are remembered for the
 * whole run (one entry per reconcile), so a late duplicate of a reconcile is still recognized and
 * reconcile counts never grow from eviction.
 *
 * @param graceNanos a reconcile is final, and handed to the consumer, once its service's clock is
 *     this far past its end; a child arriving later counts as inside it, but its calls are not
 *     summed
 * @param orphanAfterNanos a span whose parent has not arrived when the watermark is this far past
 *     its arrival is settled as an orphan; {@link Long#MAX_VALUE} to wait for the end of the input
 *     (batch), where memory allows
 * @param horizonNanos how long a span stays known after it arrived, at least
 * @param maxEntries entries the span table may hold (spans waiting for a parent count {@value
 *     #PENDING_WEIGHT} each); reaching it forgets entries older than the horizon; when what is left
 *     still fills three quarters of it, the horizon is halved (not below 30 s) until it fits, and
 *     when even that is not enough extraction stops with {@link SpanLimitError}
 * @param evictAlways forget entries older than the horizon as the watermark moves (live), not only
 *     when the table is full
 */
public record ExtractLimits(
    long graceNanos,
    long orphanAfterNanos,
    long horizonNanos,
    long maxEntries,
    boolean evictAlways) {
  /** A span waiting for its parent holds its summary too: it weighs this many entries. */
  static final int PENDING_WEIGHT = 8;

  /** Default horizon: 5 min of trace time. */
  public static final long DEFAULT_HORIZON_NANOS = 300_000_000_000L;

  /**
   * Batch grace: 60 s of trace time. Exporters write a trace's spans within seconds of each other
   * (the Collector's batch processor waits 200 ms by default), so a minute covers any export in
   * rough time order; it also bounds what a batch run holds beyond its reconciles: a reconcile
   * being assembled costs about 200 bytes, and at 350 reconciles/s (10,000 objects) five minutes of
   * them took 20 MB of a 128 MB heap where one minute takes 4 MB.
   */
  public static final long DEFAULT_BATCH_GRACE_NANOS = 60_000_000_000L;

  /** The horizon is not halved below 30 s of trace time to make room. */
  static final long MIN_HORIZON_NANOS = 30_000_000_000L;

  /** Heap bytes per allowed table entry: the table and its growth stay under a quarter. */
  static final long HEAP_BYTES_PER_ENTRY = 400;

  public ExtractLimits {
    if (graceNanos < 0 || orphanAfterNanos < 0 || horizonNanos <= 0 || maxEntries < 1024) {
      throw new IllegalArgumentException("invalid extraction limits");
    }
  }

  /** Batch: orphans settled at the end, exact while the spans fit in a share of this JVM's heap. */
  public static ExtractLimits batch() {
    return batch(Runtime.getRuntime().maxMemory());
  }

  /** Batch, for a heap of {@code maxHeapBytes}. */
  public static ExtractLimits batch(long maxHeapBytes) {
    return new ExtractLimits(
        DEFAULT_BATCH_GRACE_NANOS,
        Long.MAX_VALUE,
        DEFAULT_HORIZON_NANOS,
        entriesFor(maxHeapBytes),
        false);
  }

  /**
   * Live: reconciles final {@code graceNanos} after they end, spans orphaned after the same grace,
   * entries forgotten after {@code horizonNanos}, whatever the table's size.
   */
  public static ExtractLimits live(long graceNanos, long horizonNanos, long maxHeapBytes) {
    return new ExtractLimits(graceNanos, graceNanos, horizonNanos, entriesFor(maxHeapBytes), true);
  }

  private static long entriesFor(long heap) {
    return Math.max(1 << 16, heap / HEAP_BYTES_PER_ENTRY);
  }

  /**
   * The width of a trace-time slice: entries are stamped with the slice they arrived in, and timed
   * decisions are made when a new slice begins.
   */
  long sliceNanos() {
    long shortest = Math.min(horizonNanos / 32, Math.min(graceNanos, orphanAfterNanos) / 4);
    return Math.max(1_000_000L, shortest);
  }

  /**
   * The shortest the horizon becomes when the spans within it do not fit: {@value
   * #MIN_HORIZON_NANOS} ns or two slices, whichever is longer (never longer than the horizon).
   */
  long minHorizonNanos() {
    return Math.min(horizonNanos, Math.max(MIN_HORIZON_NANOS, 2 * sliceNanos()));
  }
}
