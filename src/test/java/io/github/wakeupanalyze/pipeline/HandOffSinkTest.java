package io.github.wakeupanalyze.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-off keeps order and gives the extraction thread's failure to the reading thread. */
class HandOffSinkTest {
  static Span span(long id) {
    return Span.builder()
        .service("op")
        .traceId(0, 1)
        .spanId(id)
        .name("x")
        .startNanos(id)
        .endNanos(id + 1)
        .build();
  }

  /** Records what arrives; fails on the span whose id is {@code failAt}. */
  static final class Target implements TraceInputs.SourceAwareSink {
    final List<String> seen = new ArrayList<>();
    final long failAt;
    final Error error;

    Target(long failAt, Error error) {
      this.failAt = failAt;
      this.error = error;
    }

    @Override
    public void startSource(int index, String path) {
      seen.add("source " + index + " " + path);
    }

    @Override
    public void accept(Span s) {
      if (s.spanId() == failAt) {
        throw error;
      }
      seen.add(Long.toString(s.spanId()));
    }
  }

  @Test
  void everySpanAndSourceMark_arrivesInOrder() {
    Target t = new Target(-1, null);
    try (HandOffSink sink = new HandOffSink(t)) {
      sink.startSource(0, "a");
      for (long i = 1; i <= 5_000; i++) {
        sink.accept(span(i));
      }
      sink.startSource(1, "b");
      sink.accept(span(9_999));
    }
    assertEquals(5_003, t.seen.size());
    assertEquals("source 0 a", t.seen.get(0));
    assertEquals("5000", t.seen.get(5_000));
    assertEquals("source 1 b", t.seen.get(5_001));
    assertEquals("9999", t.seen.get(5_002));
  }

  @Test
  void anErrorOnTheExtractionThread_reachesTheReader_once_asItself() {
    OutOfMemoryError limit = new OutOfMemoryError("the spans of 30 s do not fit");
    Target t = new Target(3_000, limit);
    OutOfMemoryError e =
        assertThrows(
            OutOfMemoryError.class,
            () -> {
              try (HandOffSink sink = new HandOffSink(t)) {
                sink.startSource(0, "a");
                for (long i = 1; i <= 100_000; i++) {
                  sink.accept(span(i));
                }
              }
            });
    assertSame(limit, e, "not wrapped, not replaced by a self-suppression error");
    assertEquals(0, e.getSuppressed().length);
  }
}
