package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.ingest.log.LiveLog;
import io.github.wakeupanalyze.live.FirstVerdict;
import io.github.wakeupanalyze.live.LiveEngine;
import io.github.wakeupanalyze.live.LiveView;
import io.github.wakeupanalyze.model.Span;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Between the receivers and the engine: a queue bounded by spans, one thread extracting (the
 * engine's {@code accept}) and one running analysis passes, so receiving, extraction and analysis
 * overlap on two cores.
 *
 * <p><b>Backpressure.</b> {@link #offer} refuses a batch that would take the queue past {@code
 * maxQueuedSpans}; the receivers answer 503 / UNAVAILABLE with a retry delay, and the exporter
 * retries later, as OTLP prescribes. <b>Idle flush.</b> When no span has arrived for {@code
 * idleFlushNanos} of wall time, the traces still held are extracted (the input paused: nothing will
 * make them final). <b>Passes</b> run back to back while the window changes, at most one per {@code
 * minPassNanos}, so a slow pass makes the next one bigger rather than queueing passes.
 */
final class Intake implements AutoCloseable {
  /** Receives the result of every analysis pass (on the analysis thread). */
  interface PassListener {
    void onPass(LiveView view, List<FirstVerdict> firstVerdicts, long lagNanos, long passNanos);
  }

  /** Spans, or the operators' log lines; each span or line counts one towards the bound. */
  private record Batch(List<Span> spans, List<String> lines, long receivedNanos) {
    int size() {
      return spans.size() + lines.size();
    }
  }

  /** Queued by {@link #flushWhenIdle}: extract what is held once the batches before it are in. */
  private static final Batch FLUSH = new Batch(List.of(), List.of(), 0);

  /** Queued by {@link #close}: wakes the extraction thread at once to finish, not at its poll. */
  private static final Batch STOP = new Batch(List.of(), List.of(), 0);

  private final LiveEngine engine;

  /**
   * The operators' log lines read into reconciles, each held as long as a trace's grace period for
   * lines a Collector sends out of order; extraction thread only.
   */
  private final LiveLog log;

  /** {@link LiveLog#lateLines()}, published for {@code /metrics}. */
  private volatile long lateLogLines;

  private final long maxQueuedSpans;
  private final long idleFlushNanos;
  private final long minPassNanos;
  private final LongSupplier clock;
  private final PassListener listener;
  private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private final Object signal = new Object();
  private final Thread extraction;
  private final Thread analysis;
  private volatile boolean accepting = true;
  private volatile boolean stopping;
  private volatile Throwable failure;

  /** Wall-clock time the oldest batch not yet seen by a pass was received, or -1. */
  private final AtomicLong oldestUnanalyzed = new AtomicLong(-1);

  private long lastArrival;
  private boolean heldSinceFlush;

  /** Flushes asked for by {@link #flushWhenIdle} and flushes done, for a caller that waits. */
  private final AtomicLong flushesAsked = new AtomicLong();

  private final AtomicLong flushesDone = new AtomicLong();

  /** True while the analysis thread may be running a pass whose view is not published yet. */
  private volatile boolean analysing;

  /**
   * @param clock wall-clock nanoseconds (e.g. {@code System::nanoTime}), for idle flushes and lag
   */
  Intake(
      LiveEngine engine,
      long maxQueuedSpans,
      long idleFlushNanos,
      long minPassNanos,
      LongSupplier clock,
      PassListener listener) {
    this.engine = engine;
    this.log = new LiveLog(engine.settings().graceNanos());
    this.maxQueuedSpans = maxQueuedSpans;
    this.idleFlushNanos = idleFlushNanos;
    this.minPassNanos = minPassNanos;
    this.clock = clock;
    this.listener = listener;
    this.extraction = new Thread(this::extractLoop, "wakeup-extract");
    this.analysis = new Thread(this::analysisLoop, "wakeup-analysis");
    extraction.setDaemon(true);
    analysis.setDaemon(true);
    lastArrival = clock.getAsLong();
  }

  void start() {
    extraction.start();
    analysis.start();
  }

  /**
   * Queues a batch of spans.
   *
   * @return false when the queue is full or the intake is closing: the caller answers with a retry
   */
  boolean offer(List<Span> spans) {
    return offer(new Batch(spans, List.of(), clock.getAsLong()));
  }

  /**
   * Queues a batch of the operators' log lines, each as {@code kubectl logs --prefix --timestamps}
   * prints it; each line counts as a span towards {@code maxQueuedSpans}.
   *
   * @return false when the queue is full or the intake is closing: the caller answers with a retry
   */
  boolean offerLog(List<String> lines) {
    return offer(new Batch(List.of(), lines, clock.getAsLong()));
  }

  private boolean offer(Batch b) {
    if (!accepting || failure != null) {
      return false;
    }
    long n = b.size();
    long after = queued.addAndGet(n);
    if (after > maxQueuedSpans && after != n) {
      queued.addAndGet(-n);
      return false;
    }
    queue.add(b);
    return true;
  }

  /** Log lines that came later than the hold, read out of order ({@link LiveLog#lateLines()}). */
  long lateLogLines() {
    return lateLogLines;
  }

  /** Spans queued, not yet extracted. */
  long queuedSpans() {
    return queued.get();
  }

  /** Whether the intake threads are running and have not failed. */
  boolean healthy() {
    return failure == null && extraction.isAlive() && analysis.isAlive();
  }

  private void extractLoop() {
    try {
      while (true) {
        Batch b = queue.poll(Math.max(1, idleFlushNanos / 4), TimeUnit.NANOSECONDS);
        long now = clock.getAsLong();
        if (b == FLUSH) {
          accept(log.releaseEnded());
          engine.flush();
          heldSinceFlush = false;
          flushesDone.incrementAndGet();
          wake();
          continue;
        }
        if (b == null || b == STOP) {
          if (stopping && queue.isEmpty()) {
            accept(log.close()); // the input ended: a reconcile still open ends at its last line
            engine.flush();
            wake();
            return;
          }
          if (b == STOP) {
            continue;
          }
          if (heldSinceFlush && now - lastArrival >= idleFlushNanos) {
            accept(log.releaseEnded());
            engine.flush();
            heldSinceFlush = false;
            wake();
          }
          continue;
        }
        oldestUnanalyzed.compareAndSet(-1, b.receivedNanos());
        if (!b.lines().isEmpty()) {
          accept(log.accept(b.lines()));
          lateLogLines = log.lateLines();
        } else {
          engine.accept(b.spans());
        }
        queued.addAndGet(-b.size());
        lastArrival = now;
        heldSinceFlush = true;
        wake();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      wake();
    }
  }

  /** The spans of the reconciles the operators' log lines completed, into the engine. */
  private void accept(List<Span> logged) {
    if (!logged.isEmpty()) {
      engine.accept(logged);
    }
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void analysisLoop() {
    try {
      long lastPass = clock.getAsLong() - minPassNanos;
      while (true) {
        boolean done = !extraction.isAlive();
        analysing = true;
        if (engine.changed()) {
          long wait = lastPass + minPassNanos - clock.getAsLong();
          if (wait > 0 && !done) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          long started = clock.getAsLong();
          long oldest = oldestUnanalyzed.getAndSet(-1);
          var p = engine.analyze();
          long ended = clock.getAsLong();
          lastPass = started;
          listener.onPass(
              p.view(), p.firstVerdicts(), oldest < 0 ? 0 : ended - oldest, ended - started);
          continue;
        }
        analysing = false;
        if (done) {
          return;
        }
        synchronized (signal) {
          if (!engine.changed() && extraction.isAlive()) {
            signal.wait(200);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /**
   * Asks the extraction thread to extract every held trace after the batches queued now, as an idle
   * flush would (a caller that knows the input paused need not wait the idle time).
   */
  void flushWhenIdle() {
    flushesAsked.incrementAndGet();
    queue.add(FLUSH);
  }

  /**
   * Whether everything received has been extracted and analysed: nothing queued, every flush asked
   * for done, no change since the last pass and no pass running.
   */
  boolean settled() {
    return queued.get() == 0
        && flushesDone.get() >= flushesAsked.get()
        && !engine.changed()
        && !analysing;
  }

  /** The failure that stopped a thread, or null. */
  Throwable failure() {
    return failure;
  }

  /**
   * Stops accepting, extracts everything queued and held, runs the last pass, and returns once the
   * threads have ended (or {@code timeoutNanos} passed).
   */
  @Override
  public void close() {
    close(TimeUnit.SECONDS.toNanos(30));
  }

  void close(long timeoutNanos) {
    accepting = false;
    stopping = true;
    queue.add(STOP);
    try {
      TimeUnit.NANOSECONDS.timedJoin(extraction, timeoutNanos);
      wake();
      TimeUnit.NANOSECONDS.timedJoin(analysis, timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
