package io.github.wakeupanalyze.model;

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
    int source) {

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
