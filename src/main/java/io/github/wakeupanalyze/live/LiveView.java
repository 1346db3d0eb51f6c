package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import java.util.List;

/**
 * The window as the latest analysis pass left it: immutable, so readers (HTTP handlers, metrics)
 * share one without locks.
 *
 * @param pass passes run so far (0 before the first)
 * @param watermarkNanos the latest span end seen, epoch ns; {@link Long#MIN_VALUE} before any
 * @param analysis the batch engine's result over the window's reconciles: the same as {@code
 *     analyze} gives for the reconciles that started in [{@code windowStartNanos()}, {@code
 *     watermarkNanos}] and the evidence of that window
 * @param objects every object in the window, in stream order
 * @param counts what was counted since the start
 * @param notes what the window's analysis could not settle, one line each: an operator's log and
 *     trace that never meet, so that its reconciles may count twice
 */
public record LiveView(
    long pass,
    long watermarkNanos,
    Analysis analysis,
    List<ObjectView> objects,
    LiveCounts counts,
    List<String> notes) {
  public LiveView {
    objects = List.copyOf(objects);
    notes = List.copyOf(notes);
  }

  /** Before the first pass: nothing seen. */
  static LiveView empty(AnalysisParameters params) {
    return new LiveView(
        0,
        Long.MIN_VALUE,
        new Analysis(params, List.of(), List.of(), List.of(), 0, 0),
        List.of(),
        LiveCounts.NONE,
        List.of());
  }

  /** The window's start, epoch ns. */
  public long windowStartNanos() {
    return analysis.windowStartNanos();
  }
}
