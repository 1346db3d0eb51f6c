package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Span;
import java.util.Map;

/**
 * A span whose place is not yet known, or being placed: only what placing it needs. A reconcile
 * span is kept whole; any other span as its {@link Call} and {@link ObjectWrite}.
 */
final class PendingSpan {
  /** Its key in the span table: its id key, or an alias when another service has its ids. */
  final long self;

  /** Its (trace, span id) key. */
  final long id;

  /** Its parent's (trace, span id) key, 0 for a root. */
  final long parentId;

  final int service;
  final int source;

  /** The trace-time slice it arrived in. */
  final int epoch;

  final int kind;

  /** A server, consumer or unspecified span: its parent may be a client of another service. */
  final boolean remote;

  final long traceHigh;
  final long traceLow;
  final long start;
  final long end;

  /** The span, when it is named like a reconcile; else null. */
  final Span span;

  final Call call;
  final ObjectWrite write;

  /** The next span waiting on the same parent, as an index into the waiting room; -1 for none. */
  int next = -1;

  PendingSpan(
      Span s,
      long self,
      long id,
      long parentId,
      int service,
      int source,
      int epoch,
      boolean isReconcile,
      Map<String, String> strings) {
    this.self = self;
    this.id = id;
    this.parentId = parentId;
    this.service = service;
    this.source = source;
    this.epoch = epoch;
    this.kind = s.kind();
    this.remote = kind == 0 || kind == 2 || kind == 5;
    this.traceHigh = s.traceIdHigh();
    this.traceLow = s.traceIdLow();
    this.start = s.startNanos();
    this.end = s.endNanos();
    this.span = isReconcile ? s : null;
    this.call = isReconcile ? null : Call.of(s, strings);
    this.write = isReconcile ? null : WriteEvidence.of(s);
  }
}
