package io.github.wakeupanalyze.model;

import java.util.Comparator;

/**
 * One reconcile: the outermost reconcile span and a summary of what happened beneath it.
 *
 * @param key the stream it belongs to
 * @param startNanos start, epoch nanoseconds
 * @param endNanos end, epoch nanoseconds, never before start
 * @param error true when the span status is ERROR
 * @param reason kube-rs {@code object.reason} (e.g. {@code reconciler requested retry}), or null
 * @param calls API calls made by descendant spans
 * @param source index of the input the span came from
 * @param hint what the record says started this reconcile (a log line naming the trigger), or null
 * @param requeueAfterNanos the delay this reconcile asked to be run again after, where the record
 *     states it (controller-runtime's {@code Reconcile done, requeueing after 5s}); -1 when unknown
 * @param samplingProbability the probability with which this reconcile's trace was kept, where the
 *     trace or the user states it (W3C tracestate {@code th}, Jaeger {@code sampler.param}, {@code
 *     --sampling-ratio}); NaN when nothing states it (which does not mean the trace is complete)
 */
public record Reconcile(
    StreamKey key,
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    long startNanos,
    long endNanos,
    boolean error,
    String reason,
    ApiCalls calls,
    int source,
    TriggerHint hint,
    long requeueAfterNanos,
    double samplingProbability) {

  /**
   * The order of one stream's reconciles, the same in the batch and the live extraction: by start,
   * then end, then trace and span id, so that distinct reconciles never compare equal.
   */
  public static final Comparator<Reconcile> IN_STREAM =
      Comparator.comparingLong(Reconcile::startNanos)
          .thenComparingLong(Reconcile::endNanos)
          .thenComparingLong(Reconcile::traceIdHigh)
          .thenComparingLong(Reconcile::traceIdLow)
          .thenComparingLong(Reconcile::spanId);

  /** A reconcile whose record states neither its trigger, its requeue delay nor its sampling. */
  public Reconcile(
      StreamKey key,
      long traceIdHigh,
      long traceIdLow,
      long spanId,
      long startNanos,
      long endNanos,
      boolean error,
      String reason,
      ApiCalls calls,
      int source) {
    this(
        key,
        traceIdHigh,
        traceIdLow,
        spanId,
        startNanos,
        endNanos,
        error,
        reason,
        calls,
        source,
        null,
        -1,
        Double.NaN);
  }

  /** This reconcile in another stream (the same one, named as another record names it). */
  public Reconcile withKey(StreamKey k) {
    return new Reconcile(
        k,
        traceIdHigh,
        traceIdLow,
        spanId,
        startNanos,
        endNanos,
        error,
        reason,
        calls,
        source,
        hint,
        requeueAfterNanos,
        samplingProbability);
  }

  /** This reconcile with its times moved {@code offsetNanos} earlier (onto another clock). */
  public Reconcile shifted(long offsetNanos) {
    return new Reconcile(
        key,
        traceIdHigh,
        traceIdLow,
        spanId,
        startNanos - offsetNanos,
        endNanos - offsetNanos,
        error,
        reason,
        calls,
        source,
        hint,
        requeueAfterNanos,
        samplingProbability);
  }

  /** This reconcile, recorded with probability {@code p}. */
  public Reconcile withSamplingProbability(double p) {
    return new Reconcile(
        key,
        traceIdHigh,
        traceIdLow,
        spanId,
        startNanos,
        endNanos,
        error,
        reason,
        calls,
        source,
        hint,
        requeueAfterNanos,
        p);
  }

  public String traceIdHex() {
    return Ids.hex(traceIdHigh, traceIdLow);
  }

  public String spanIdHex() {
    return Ids.hex(spanId);
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }
}
