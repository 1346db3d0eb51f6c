package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.StreamKey;

/**
 * A reconcile whose own span is missing from the trace (a Collector queue overflowed, an exporter
 * crashed) while pieces of it arrived: spans named like a reconcile that the controller normally
 * nests inside its reconcile span (a {@code reconcileReplsets} inside {@code Reconcile}), with the
 * spans beneath them. It is not counted as a reconcile; it tells the analysis that a reconcile of
 * this stream ran in the gap around these times, so the gap is not taken for one interval between
 * two wake-ups.
 *
 * @param key the stream as far as the pieces tell: the operator; the controller of the reconcile
 *     that piece's name usually nests in; the object from the piece's attributes, else the first
 *     object written beneath it, else {@value StreamKey#ANY_OBJECT}
 * @param startNanos earliest start of a piece, epoch ns: the reconcile started at or before it
 * @param endNanos latest end of a piece, epoch ns: the reconcile ended at or after it
 * @param pieces spans found of it, e.g. 3
 */
public record LostReconcile(StreamKey key, long startNanos, long endNanos, int pieces) {}
