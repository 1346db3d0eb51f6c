package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * held, pod by pod, until that pod's newest time is {@code holdNanos} past theirs, then read in
 * time order (ties in the order they came; a line without a kubelet time goes with the line before
 * it). Each pod is held by its own clock, so a node whose clock runs ahead or behind changes no
 * other pod's hold; a pod that has gone quiet (deleted, or idle) has its lines read once the rest
 * of the log has moved on by a hold since its latest line came. A line that comes after a later
 * line of its pod was read is read at once and counted {@link #lateLines late}. Not thread-safe:
 * one thread reads. Memory: the lines of {@code holdNanos}, the reconciles in flight and a few
 * numbers per pod seen.
 */
public final class LiveLog {
  /** Names this input in the spans' synthetic ids and in messages. */
  public static final String SOURCE = "live operator log";

  private record Held(long nanos, long seq, String line) {}

  private static final Comparator<Held> ORDER =
      Comparator.comparingLong(Held::nanos).thenComparingLong(Held::seq);

  /** One pod's lines held, by its own clock. */
  private static final class Pod {
    final PriorityQueue<Held> held = new PriorityQueue<>(ORDER);
    long newest = Long.MIN_VALUE;
    long readUpTo = Long.MIN_VALUE;

    /** The log's newest time when this pod's latest line came: how far the log moved since. */
    long logNewestAtLast = Long.MIN_VALUE;
  }

  private final Span.Builder builder = Span.builder();
  private final long hash = Synthetic.hash(SOURCE);
  private final List<Span> out = new ArrayList<>();
  private final LineReading reading;
  private final long holdNanos;
  private final Map<String, Pod> pods = new HashMap<>();
  private long newest = Long.MIN_VALUE;
  private long previous = Long.MIN_VALUE;
  private String previousPod = "";
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
      String pod = LineParser.prefixPod(line);
      // a line without a time or pod (a continuation, a record the Collector gave no time)
      // follows the line before it
      if (t == Long.MIN_VALUE) {
        t = previous;
      }
      if (pod == null) {
        pod = previousPod;
      }
      previous = t;
      previousPod = pod;
      Pod p = pods.computeIfAbsent(pod, k -> new Pod());
      if (t < p.readUpTo) {
        late++;
        read(line);
        continue;
      }
      p.held.add(new Held(t, received++, line));
      p.newest = Math.max(p.newest, t);
      newest = Math.max(newest, t);
      p.logNewestAtLast = newest;
    }
    readHeld(false);
    return take();
  }

  /** The input paused: the lines held and the reconciles that ended go on without waiting. */
  public List<Span> releaseEnded() {
    readHeld(true);
    reading.releaseEnded();
    return take();
  }

  /** The input ended: every line held and every reconcile still open goes on. */
  public List<Span> close() {
    readHeld(true);
    reading.close();
    return take();
  }

  /** Lines read so far. */
  public long lines() {
    return lines;
  }

  /**
   * Lines that came after a later line of their pod had been read (more than the hold late): read
   * where they came, so a reconcile they start or end may be split or lost.
   */
  public long lateLines() {
    return late;
  }

  /**
   * Reads, in time order, the lines each pod has held long enough by its own clock, or by the log's
   * when the pod has gone quiet; with {@code all}, every line held.
   */
  private void readHeld(boolean all) {
    List<Held> ready = new ArrayList<>();
    for (Pod p : pods.values()) {
      long upTo;
      if (all) {
        upTo = Long.MAX_VALUE;
      } else if (newest == Long.MIN_VALUE) {
        upTo = Long.MIN_VALUE; // no time yet: only the lines without one
      } else if (newest - p.logNewestAtLast > holdNanos) {
        upTo = Long.MAX_VALUE; // quiet while the log moved on by a hold: nothing more is coming
      } else {
        upTo = p.newest - holdNanos; // by the pod's own clock, whatever the other nodes' say
      }
      while (!p.held.isEmpty() && p.held.peek().nanos() <= upTo) {
        Held h = p.held.poll();
        p.readUpTo = Math.max(p.readUpTo, h.nanos());
        ready.add(h);
      }
    }
    ready.sort(ORDER);
    for (Held h : ready) {
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
