package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Operators' logs as they are written, line by line while the operators run (an OpenTelemetry
 * Collector's {@code filelog} receiver sends them to {@code serve}): each reconcile becomes the
 * span {@link LogReader} makes of it in a file, once its end line is in and the lines that may
 * follow it have had their second ({@link Reconciles#LINGER_NANOS} of log time).
 *
 * <p>The lines are those {@code kubectl logs --prefix --timestamps} prints; the pod in the prefix
 * names the operator. <b>Order.</b> A Collector sends its batches from several senders at once and
 * retries a refused one later, so batches can arrive out of time order; read as they come, a
 * reconcile whose end line came before its start line would be split in two. Lines are therefore
 * held until the log's newest time is {@code holdNanos} past theirs, then read in time order (ties
 * in the order they came; a line without a kubelet time goes with the line before it). A line that
 * comes later than that is read at once and counted {@link #lateLines late}. Not thread-safe: one
 * thread reads. Memory: the lines of {@code holdNanos} and the reconciles in flight.
 */
public final class LiveLog {
  /** Names this input in the spans' synthetic ids and in messages. */
  public static final String SOURCE = "live operator log";

  private record Held(long nanos, long seq, String line) {}

  private final Span.Builder builder = Span.builder();
  private final long hash = Synthetic.hash(SOURCE);
  private final List<Span> out = new ArrayList<>();
  private final LineReading reading;
  private final long holdNanos;
  private final PriorityQueue<Held> held =
      new PriorityQueue<>(Comparator.comparingLong(Held::nanos).thenComparingLong(Held::seq));
  private long newest = Long.MIN_VALUE;
  private long readUpTo = Long.MIN_VALUE;
  private long previous = Long.MIN_VALUE;
  private long received;
  private long lines;
  private long late;
  private long reconciles;

  /**
   * @param holdNanos how long (log time) a line waits for lines older than it that may still come
   *     in a later batch; {@code serve} holds them as long as a trace's grace period; 0 for lines
   *     known to come in time order
   */
  public LiveLog(long holdNanos) {
    if (holdNanos < 0) {
      throw new IllegalArgumentException("hold must not be negative");
    }
    this.holdNanos = holdNanos;
    this.reading =
        new LineReading(
            SOURCE, null, null, x -> out.add(LogReader.span(builder, x, hash, ++reconciles)), true);
  }

  /** Reads {@code batch}; returns the spans of the reconciles it completed. */
  public List<Span> accept(List<String> batch) {
    for (String line : batch) {
      long t = LineParser.kubeletNanos(line);
      if (t == Long.MIN_VALUE) {
        t = previous; // a line without a time (a record the Collector gave none) follows its own
      }
      previous = t;
      if (t < readUpTo) {
        late++;
        read(line);
        continue;
      }
      held.add(new Held(t, received++, line));
      newest = Math.max(newest, t);
    }
    readHeld(newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - holdNanos);
    return take();
  }

  /** The input paused: the lines held and the reconciles that ended go on without waiting. */
  public List<Span> releaseEnded() {
    readHeld(Long.MAX_VALUE);
    reading.releaseEnded();
    return take();
  }

  /** The input ended: every line held and every reconcile still open goes on. */
  public List<Span> close() {
    readHeld(Long.MAX_VALUE);
    reading.close();
    return take();
  }

  /** Lines read so far. */
  public long lines() {
    return lines;
  }

  /**
   * Lines that came after a later line had been read (more than the hold late): read where they
   * came, so a reconcile they start or end may be split or lost.
   */
  public long lateLines() {
    return late;
  }

  private void readHeld(long upTo) {
    while (!held.isEmpty() && held.peek().nanos() <= upTo) {
      Held h = held.poll();
      readUpTo = Math.max(readUpTo, h.nanos());
      read(h.line());
    }
  }

  private void read(String line) {
    reading.accept(line, ++lines);
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
