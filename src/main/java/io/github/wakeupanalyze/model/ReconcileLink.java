package io.github.wakeupanalyze.model;

/**
 * A span link from a reconcile span to another span (e.g. the write whose watch event triggered
 * it): evidence that the reconcile was event-driven.
 *
 * @param reconcileSpanId span id of the reconcile span that carries the link
 * @param linked the linked span
 */
public record ReconcileLink(
    long reconcileTraceIdHigh, long reconcileTraceIdLow, long reconcileSpanId, SpanLink linked) {}
