package io.github.wakeupanalyze.pipeline;

import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands spans from the reading thread to a second thread that feeds the real sink, so that parsing
 * and reconcile extraction run on two cores at once. Spans travel in batches through a small
 * bounded queue (at most {@value #QUEUED} batches of {@value #BATCH} spans), so memory stays
 * bounded whatever the input's size; order, including {@code startSource} marks, is kept.
 *
 * <p>The batches are small because spans in flight are what a young collection finds alive and
 * copies: with 2,048-span batches up to ten thousand parsed spans waited, overflowed the survivor
 * space and were promoted to the old generation only to die there. On the 22 MB trace of
 * docs/performance.md, 256-span batches took the collector's pauses from 74–141 ms to 39–69 ms
 * (four runs each) and the heap kept at the end from about 40 MB to 23 MB.
 */
final class HandOffSink implements TraceInputs.SourceAwareSink, AutoCloseable {
  static final int BATCH = 256;
  static final int QUEUED = 4;

  /** A batch of spans, or a source mark, or the end. */
  private record Batch(List<Span> spans, int source, String path, boolean end) {}

  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
  private final Thread consumer;
  private volatile Throwable failure;
  private boolean delivered; // touched by the reading thread only
  private List<Span> current = new ArrayList<>(BATCH);

  HandOffSink(TraceInputs.SourceAwareSink target) {
    consumer =
        new Thread(
            () -> {
              try {
                while (true) {
                  Batch b = queue.take();
                  if (b.end()) {
                    return;
                  }
                  if (b.spans() == null) {
                    target.startSource(b.source(), b.path());
                  } else {
                    for (Span s : b.spans()) {
                      target.accept(s);
                    }
                  }
                }
              } catch (Throwable t) { // handed to the reading thread, which rethrows it
                failure = t;
                queue.clear();
              }
            },
            "wakeup-analyze-extract");
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public void startSource(int index, String path) {
    flush();
    put(new Batch(null, index, path, false));
  }

  @Override
  public void accept(Span span) {
    current.add(span);
    if (current.size() == BATCH) {
      flush();
    }
  }

  private void flush() {
    if (!current.isEmpty()) {
      put(new Batch(current, 0, null, false));
      current = new ArrayList<>(BATCH);
    }
  }

  private void put(Batch b) {
    rethrow();
    try {
      while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        rethrow();
        if (!consumer.isAlive()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing spans over", e);
    }
  }

  /** Delivers what is left and waits until the target has received every span. */
  @Override
  public void close() {
    flush();
    put(new Batch(null, 0, null, true));
    try {
      consumer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for extraction", e);
    }
    rethrow();
  }

  /**
   * Stops the extraction thread without delivering what is queued, and never throws: for when
   * reading failed (out of memory, a bug), so that the failure propagates alone and the thread no
   * longer holds the extractor's memory.
   */
  void abandon() {
    consumer.interrupt();
    try {
      consumer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Throws the extraction thread's failure, once: after that {@link #close} (run by
   * try-with-resources while the failure propagates) must not throw the same object again, which
   * Java would try to add to itself as suppressed and fail on ("Self-suppression not permitted"),
   * hiding an out-of-memory error behind an internal error.
   */
  private void rethrow() {
    Throwable t = failure;
    if (t == null || delivered) {
      return;
    }
    delivered = true;
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }
}
