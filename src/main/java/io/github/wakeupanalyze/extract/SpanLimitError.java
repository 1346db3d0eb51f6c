package io.github.wakeupanalyze.extract;

/**
 * The spans within the extractor's horizon do not fit in the table the heap allows: raised early,
 * as soon as forgetting older entries no longer frees enough, so a run fails within seconds with
 * the out-of-memory line instead of after minutes of garbage collection.
 */
public final class SpanLimitError extends OutOfMemoryError {
  private static final long serialVersionUID = 1L;

  SpanLimitError(String message) {
    super(message);
  }
}
