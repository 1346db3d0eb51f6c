package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.model.Span;

/** Where a reader delivers spans, one at a time, in file order. */
@FunctionalInterface
public interface SpanSink {
  void accept(Span span);
}
