package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Operators' logs as they are written, line by line while the operators run (an OpenTelemetry
 * Collector's {@code filelog} receiver sends them to {@code serve}): each reconcile becomes the
 * span {@link LogReader} makes of it in a file, once its end line is in and the lines that may
 * follow it have had their second ({@link Reconciles#LINGER_NANOS} of log time).
 *
 * <p>The lines are those {@code kubectl logs --prefix --timestamps} prints; the pod in the prefix
 * names the operator. They are taken in the order they come, which is time order per pod. Not
 * thread-safe: one thread reads. Memory: the reconciles in flight.
 */
public final class LiveLog {
  /** Names this input in the spans' synthetic ids and in messages. */
  public static final String SOURCE = "live operator log";

  private final Span.Builder builder = Span.builder();
  private final long hash = Synthetic.hash(SOURCE);
  private final List<Span> out = new ArrayList<>();
  private final LineReading reading;
  private long lines;
  private long reconciles;

  public LiveLog() {
    this.reading =
        new LineReading(
            SOURCE, null, null, x -> out.add(LogReader.span(builder, x, hash, ++reconciles)), true);
  }

  /** Reads {@code batch}; returns the spans of the reconciles it completed. */
  public List<Span> accept(List<String> batch) {
    for (String line : batch) {
      reading.accept(line, ++lines);
    }
    return take();
  }

  /** The input paused: the reconciles that ended go on without waiting for more lines. */
  public List<Span> releaseEnded() {
    reading.releaseEnded();
    return take();
  }

  /** The input ended: every reconcile still open goes on, ended at its last line. */
  public List<Span> close() {
    reading.close();
    return take();
  }

  /** Lines read so far. */
  public long lines() {
    return lines;
  }

  private List<Span> take() {
    if (out.isEmpty()) {
      return List.of();
    }
    List<Span> spans = new ArrayList<>(out);
    out.clear();
    return spans;
  }
}
