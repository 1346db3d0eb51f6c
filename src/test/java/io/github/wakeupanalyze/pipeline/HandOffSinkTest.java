package io.github.wakeupanalyze.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.Span;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failure on either thread reaches the caller as itself, never masked by another exception. */
class HandOffSinkTest {
  static Span span(int i) {
    return Span.builder()
        .service("op")
        .traceId(0, i + 1)
        .spanId(i + 1)
        .name("Reconcile")
        .startNanos(1_000L * i)
        .endNanos(1_000L * i + 10)
        .build();
  }

  /** A target that fails like an extractor running out of memory. */
  static TraceInputs.SourceAwareSink failing(Error error) {
    return new TraceInputs.SourceAwareSink() {
      @Override
      public void startSource(int index, String path) {}

      @Override
      public void accept(Span s) {
        throw error;
      }
    };
  }

  @Test
  void extractionThreadOutOfMemory_reachesTheReader_asItself_evenThroughTryWithResources() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space (extraction thread)");
    Throwable thrown =
        assertThrows(
            Throwable.class,
            () -> {
              try (HandOffSink sink = new HandOffSink(failing(oom))) {
                for (int i = 0; i < 100 * HandOffSink.BATCH; i++) {
                  sink.accept(span(i));
                }
              }
            });
    assertSame(oom, thrown, "not 'Self-suppression not permitted': " + thrown);
    assertFalse(List.of(thrown.getSuppressed()).contains(thrown));
  }

  @Test
  void readerThreadOutOfMemory_propagatesAsItself_andStopsTheExtractionThread() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space (reader thread)");
    InputStream exploding =
        new InputStream() {
          @Override
          public int read() {
            throw oom;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            throw oom;
          }
        };
    Pipeline.Request request =
        new Pipeline.Request(
            List.of("-"),
            ReadOptions.AUTO,
            new ExtractRules(java.util.regex.Pattern.compile("(?i)reconcil"), List.of()),
            AnalysisParameters.defaults(),
            new long[0],
            exploding);
    Throwable thrown = assertThrows(Throwable.class, () -> Pipeline.extract(request));
    assertSame(oom, thrown);
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("wakeup-analyze-extract") && t.isAlive()),
        "the extraction thread has ended and holds nothing");
  }
}
