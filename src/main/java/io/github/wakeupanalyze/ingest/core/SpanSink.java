package io.github.wakeupanalyze.ingest.core;

import io.github.wakeupanalyze.model.Span;

/** Where a reader delivers spans, one at a time, in file order. */
@FunctionalInterface
public interface SpanSink {
  void accept(Span span);
}
