package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.model.Span;
import java.util.List;

/**
 * The online engine: spans in, a {@link LiveView} of the sliding window out.
 *
 * <pre>
 * accept(spans) ─ extraction: traces held until final ─▶ window: reconciles per object
 *                                                           │ snapshot of what changed
 * analyze() ◀─ with an operator's log, the two records joined; batch engine per changed
 *              controller, predictions, first verdicts
 * </pre>
 *
 * <p>Two threads may share it: one calls {@link #accept} and {@link #flush} (extraction), another
 * {@link #analyze} (the passes); each method is meant for one thread only. Everything is trace
 * time: the watermark is the latest span end received, so replaying a recorded trace at any speed
 * gives the same window. An operator's log enters as the spans {@code ingest.log.LiveLog} makes of
 * its reconciles, one each, marked as a record of every reconcile.
 */
public final class LiveEngine {
  private final LiveSettings settings;
  private final TraceAssembler assembler;
  private final LiveWindow window;
  private final LiveAnalyzer analyzer;
  private volatile long[] extraction = new long[5];
  private volatile long oldestKept = Long.MIN_VALUE;
  private volatile LiveView view;

  public LiveEngine(LiveSettings settings) {
    this.settings = settings;
    this.assembler =
        new TraceAssembler(settings.rules(), settings.graceNanos(), settings.maxHeldSpans());
    this.window = new LiveWindow(settings.windowNanos());
    this.analyzer = new LiveAnalyzer(settings.parameters());
    this.view = LiveView.empty(settings.parameters());
  }

  public LiveSettings settings() {
    return settings;
  }

  /** Extraction thread: takes a batch of spans; the traces that became final enter the window. */
  public void accept(List<Span> spans) {
    for (Span s : spans) {
      assembler.accept(s);
    }
    long watermark = assembler.watermark();
    window.advance(watermark, assembler.firstStart());
    assembler.releaseFinal(window);
    publishCounts();
    long kept = watermark - settings.windowNanos();
    oldestKept = kept > watermark ? Long.MIN_VALUE : kept;
  }

  /**
   * Any thread: spans that ended before this (epoch ns, the watermark minus the window) can no
   * longer change the window; a receiver may drop them ({@link Long#MIN_VALUE} before any span).
   */
  public long oldestKeptNanos() {
    return oldestKept;
  }

  /**
   * Extraction thread: the input paused or ended, so every trace held is extracted now, final or
   * not (a child arriving later is then an orphan).
   */
  public void flush() {
    assembler.releaseAll(window);
    publishCounts();
  }

  private void publishCounts() {
    long[] c = assembler.counts();
    extraction = new long[] {c[0], c[1], c[2], c[3], assembler.heldSpans()};
  }

  /** Whether the window changed since the last pass. */
  public boolean changed() {
    return window.changed();
  }

  /** Analysis thread: one pass over what changed; the new view is also {@link #view()}. */
  public Pass analyze() {
    Pass p = analyzer.analyze(window.snapshot(), extraction);
    view = p.view();
    return p;
  }

  /** The latest pass's view (any thread). */
  public LiveView view() {
    return view;
  }
}
