package io.github.wakeupanalyze.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.Analyzer;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.testing.Replay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated Percona-like trace streamed through the online engine in SDK-sized batches, in the
 * order spans end, against {@code analyze} on the same file.
 *
 * <p>"The same" means: with a window at least as long as the trace, the window's analysis at the
 * end (every reconcile classified, every object's and controller's timers, the observed window) is
 * equal, record for record, to the batch analysis of the file; with a shorter window it is equal to
 * the batch engine run on the reconciles that started inside the window and the writes inside it.
 */
class LiveReplayTest {
  @TempDir static Path dir;
  static Path trace;
  static List<Span> spans;
  static Pipeline.Result batch;

  @BeforeAll
  static void simulateAndAnalyze() {
    trace = Replay.simulate(Replay.PERCONA, 0, dir);
    spans = Replay.spansByEnd(trace);
    batch = Replay.analyze(trace);
  }

  /** Streams every span, a pass after each batch; returns every first verdict. */
  private static List<FirstVerdict> replay(LiveEngine engine) {
    List<FirstVerdict> first = new ArrayList<>();
    for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
      engine.accept(b);
      first.addAll(engine.analyze().firstVerdicts());
    }
    engine.flush();
    first.addAll(engine.analyze().firstVerdicts());
    return first;
  }

  @Test
  void windowLongerThanTheTrace_givesTheBatchAnalysisExactly() {
    LiveEngine engine = new LiveEngine(LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS));
    List<FirstVerdict> first = replay(engine);
    Analysis live = engine.view().analysis();
    Analysis want = batch.analysis();
    assertTrue(want.reconciles().size() > 800, "a trace worth replaying");
    assertEquals(want.windowStartNanos(), live.windowStartNanos());
    assertEquals(want.windowEndNanos(), live.windowEndNanos());
    assertEquals(want.controllers(), live.controllers());
    assertEquals(want.streams(), live.streams());
    assertEquals(want.reconciles(), live.reconciles());
    assertEquals(want.reconciles().size(), first.size(), "each reconcile gets one first verdict");
  }

  @Test
  void batchesInAnyOrderWithin_asAnSdkExporterGroupsThem_giveTheBatchAnalysisExactly() {
    // an exporter sends a batch grouped by resource and scope, not in end order: a reconcile may
    // come before its children, minutes of trace time behind the newest span of its batch
    LiveEngine engine = new LiveEngine(LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS));
    Random rnd = new Random(29);
    for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
      List<Span> shuffled = new ArrayList<>(b);
      Collections.shuffle(shuffled, rnd);
      engine.accept(shuffled);
      engine.analyze();
    }
    engine.flush();
    Analysis live = engine.analyze().view().analysis();
    assertEquals(batch.analysis().reconciles(), live.reconciles());
    assertEquals(batch.analysis().controllers(), live.controllers());
  }

  @Test
  void shorterWindow_givesTheBatchEngineOnTheSameWindow() {
    long window = 10 * 60_000_000_000L;
    LiveEngine engine = new LiveEngine(LiveSettings.defaults(window));
    replay(engine);
    Analysis live = engine.view().analysis();
    long start = live.windowStartNanos();
    assertEquals(batch.analysis().windowEndNanos() - window, start);
    List<Reconcile> inWindow =
        batch.extraction().reconciles().stream().filter(r -> r.startNanos() >= start).toList();
    TraceEvidence ev = batch.extraction().evidence();
    List<ObjectWrite> writes = ev.writes().stream().filter(w -> w.timeNanos() >= start).toList();
    Analysis want =
        new Analyzer(AnalysisParameters.defaults())
            .analyze(
                inWindow,
                new long[0],
                new TraceEvidence(writes, ev.links()),
                start,
                live.windowEndNanos());
    assertTrue(inWindow.size() < batch.extraction().reconciles().size() / 2);
    assertEquals(want.controllers(), live.controllers());
    assertEquals(want.streams(), live.streams());
    assertEquals(want.reconciles(), live.reconciles());
  }

  @Test
  void predictions_coverTheNextTimerWakeUp_forAtLeast95PercentOfTimerDrivenReconciles() {
    LiveEngine engine = new LiveEngine(LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS));
    Map<Reconcile, FirstVerdict> first = new HashMap<>();
    for (FirstVerdict v : replay(engine)) {
      first.put(v.reconcile().reconcile(), v);
    }
    int timerDriven = 0;
    int hits = 0;
    int predicted = 0;
    for (ClassifiedReconcile cr : batch.analysis().reconciles()) {
      if (cr.classification().cause() != Cause.REQUEUE) {
        continue;
      }
      timerDriven++;
      FirstVerdict v = first.get(cr.reconcile());
      predicted += v.predicted() != null ? 1 : 0;
      hits += v.predictedHit() ? 1 : 0;
    }
    double share = (double) hits / timerDriven;
    System.out.printf(
        Locale.ROOT,
        "replay: %d timer-driven reconciles, %d with a prediction, %d inside its interval (%.4f)%n",
        timerDriven,
        predicted,
        hits,
        share);
    assertTrue(timerDriven > 500);
    assertTrue(share >= 0.95, "share of timer wake-ups predicted: " + share);
  }
}
