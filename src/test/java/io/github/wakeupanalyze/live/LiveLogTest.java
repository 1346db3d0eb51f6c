package io.github.wakeupanalyze.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.ingest.log.LiveLog;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Replay;
import io.github.wakeupanalyze.testing.SimulatedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 % head-sampled Percona-like trace and the operator's own log of the same run (read by {@link
 * LiveLog}, as {@code serve} reads {@code POST /v1/logs}), streamed together through the online
 * engine as a Collector sends them (the log's lines in batches a few seconds behind the trace, in
 * order or out of it): the window's verdicts are those of {@code analyze trace op.log}, each
 * reconcile counted once, the stream read as complete, and each reconcile given one first verdict.
 */
class LiveLogTest {
  /** How far behind the trace's spans each batch of log lines arrives (trace time). */
  static final long LOG_DELAY_NANOS = TimeUnit.SECONDS.toNanos(7);

  /** A Collector's filelog receiver: a batch of lines per this much log time. */
  static final long LOG_BATCH_NANOS = TimeUnit.SECONDS.toNanos(1);

  @TempDir static Path dir;
  static SimulationRun.Written trace;
  static SimulationRun.Written log;
  static List<Span> spans;
  static List<String> lines;
  static List<Long> lineTimes;
  static Pipeline.Result batch;

  @BeforeAll
  static void simulate() throws Exception {
    Scenario s =
        ScenarioLoader.load(SimulatedLog.PERCONA_SAMPLED_10)
            .withDuration(TimeUnit.MINUTES.toNanos(20));
    trace = SimulationRun.write(s, OutputFormat.OTLP_PROTO, dir, "trace");
    log = SimulationRun.write(s, OutputFormat.LOG_ZAP_JSON, dir, "log");
    spans = Replay.spansByEnd(trace.trace());
    lines = new ArrayList<>();
    lineTimes = new ArrayList<>();
    for (String line : Files.readAllLines(log.trace())) {
      lines.add(SimulatedLog.served(line)); // as serve reads a Collector's OTLP log records
      lineTimes.add(SimulatedLog.parse(line).nanos());
    }
    batch = Replay.analyze(trace.trace(), log.trace());
  }

  private static LiveEngine engine() {
    return new LiveEngine(LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS));
  }

  /** Streams the trace in SDK batches and the log a second at a time, seven seconds behind. */
  private static List<FirstVerdict> replay(LiveEngine engine) {
    return replay(engine, false);
  }

  /**
   * As {@link #replay(LiveEngine)}; with {@code swapped}, each two consecutive log batches arrive
   * the later first, as a Collector's parallel senders (or a retried export) deliver them.
   */
  private static List<FirstVerdict> replay(LiveEngine engine, boolean swapped) {
    return replay(engine, swapped, 0);
  }

  /** As {@link #replay(LiveEngine, boolean)}, the log sent from line {@code firstLine} on. */
  private static List<FirstVerdict> replay(LiveEngine engine, boolean swapped, int firstLine) {
    LiveLog log = new LiveLog(engine.settings().graceNanos()); // as serve holds lines
    List<FirstVerdict> first = new ArrayList<>();
    List<String> waiting = List.of();
    int l = firstLine;
    long batchEnd = lineTimes.get(firstLine) + LOG_BATCH_NANOS;
    for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
      engine.accept(b);
      long now = b.get(b.size() - 1).endNanos();
      while (l < lines.size() && batchEnd + LOG_DELAY_NANOS <= now) {
        int from = l;
        while (l < lines.size() && lineTimes.get(l) < batchEnd) {
          l++;
        }
        if (l > from) {
          List<String> lineBatch = lines.subList(from, l);
          if (!swapped) {
            engine.accept(log.accept(lineBatch));
          } else if (waiting.isEmpty()) {
            waiting = lineBatch;
          } else {
            engine.accept(log.accept(lineBatch));
            engine.accept(log.accept(waiting));
            waiting = List.of();
          }
        }
        batchEnd += LOG_BATCH_NANOS;
      }
      first.addAll(engine.analyze().firstVerdicts());
    }
    engine.accept(log.accept(waiting));
    engine.accept(log.accept(lines.subList(l, lines.size())));
    engine.accept(log.close());
    engine.flush();
    first.addAll(engine.analyze().firstVerdicts());
    return first;
  }

  @Test
  void theWindowsVerdicts_areThoseOfAnalyzeOnTheTraceAndTheLog() {
    LiveEngine engine = engine();
    replay(engine);
    Analysis live = engine.analyze().view().analysis();
    assertEquals(batch.analysis().streams(), live.streams());
    assertEquals(verdicts(batch.analysis()), verdicts(live));
  }

  /**
   * Each reconcile's stream, times, what the log added and its classification: the ids of a log's
   * reconciles are made from the file's name, which the live log does not have.
   */
  private static List<String> verdicts(Analysis a) {
    return a.reconciles().stream()
        .map(
            cr -> {
              Reconcile r = cr.reconcile();
              return r.key()
                  + " "
                  + r.startNanos()
                  + "-"
                  + r.endNanos()
                  + " requeue "
                  + r.requeueAfterNanos()
                  + " calls "
                  + r.calls()
                  + " p "
                  + r.samplingProbability()
                  + ": "
                  + cr.classification();
            })
        .toList();
  }

  @Test
  void logBatchesThatArriveOutOfOrder_giveTheSameVerdicts() {
    LiveEngine engine = engine();
    List<FirstVerdict> first = replay(engine, true);
    Analysis live = engine.analyze().view().analysis();
    assertEquals(trace.reconciles(), live.reconciles().size(), "no reconcile split in two");
    assertEquals(verdicts(batch.analysis()), verdicts(live));
    assertEquals(trace.reconciles(), first.size(), "one first verdict each");
  }

  @Test
  void aLogStartedInsideTheWindow_isAnalysedOverTheTimeItCovers_asAnalyzeDoes() throws Exception {
    int from = 0;
    while (lineTimes.get(from) < lineTimes.get(0) + TimeUnit.MINUTES.toNanos(8)) {
      from++;
    }
    Path late = dir.resolve("late-start.log");
    List<String> fileLines = new ArrayList<>();
    for (String line : Files.readAllLines(log.trace()).subList(from, lines.size())) {
      fileLines.add(line);
    }
    Files.write(late, fileLines);
    Analysis batchLate = Replay.analyze(trace.trace(), late).analysis();
    LiveEngine engine = engine();
    replay(engine, false, from);
    Analysis live = engine.analyze().view().analysis();
    String op = live.controllers().get(0).operator();
    assertEquals(batchLate.window(op), live.window(op), "the time the log covers");
    assertTrue(
        live.window(op).endNanos() - live.window(op).startNanos()
            < (live.windowEndNanos() - live.windowStartNanos()) * 0.7,
        "twelve of twenty minutes");
    assertEquals(verdicts(batchLate), verdicts(live));
  }

  @Test
  void eachReconcileCountsOnce_andTheStreamIsComplete() {
    LiveEngine engine = engine();
    replay(engine);
    LiveView v = engine.analyze().view();
    assertEquals(trace.reconciles(), v.analysis().reconciles().size(), "every reconcile, once");
    assertEquals(trace.kept(), v.counts().joinedReconciles(), "each kept span met its line");
    for (ControllerResult c : v.analysis().controllers()) {
      assertFalse(c.sampling().sampled(), c.sampling().mark());
    }
  }

  @Test
  void eachReconcileGetsOneFirstVerdict_whicheverRecordCameFirst() {
    List<FirstVerdict> first = replay(engine());
    assertEquals(trace.reconciles(), first.size());
    long distinct =
        first.stream()
            .map(FirstVerdict::reconcile)
            .map(ClassifiedReconcile::reconcile)
            .map(r -> r.key() + "@" + r.startNanos())
            .distinct()
            .count();
    assertEquals(first.size(), distinct, "no reconcile twice");
  }

  @Test
  void theTraceAlone_isReadAsTheSampleItIs() {
    LiveEngine engine = engine();
    for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
      engine.accept(b);
    }
    engine.flush();
    LiveView v = engine.analyze().view();
    assertEquals(trace.kept(), v.analysis().reconciles().size());
    assertEquals(0, v.counts().joinedReconciles());
    assertTrue(v.analysis().controllers().get(0).sampling().sampled());
  }

  @Test
  void aLogThatStops_leavesTheWindowToTheTrace_onceItsReconcilesHaveLeftIt() {
    long window = TimeUnit.MINUTES.toNanos(5);
    long logEnd = lineTimes.get(0) + TimeUnit.MINUTES.toNanos(8);
    LiveEngine both = new LiveEngine(LiveSettings.defaults(window));
    LiveEngine alone = new LiveEngine(LiveSettings.defaults(window));
    LiveLog log = new LiveLog(both.settings().graceNanos());
    int l = 0;
    for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
      both.accept(b);
      alone.accept(b);
      long now = b.get(b.size() - 1).endNanos();
      int from = l;
      while (l < lines.size() && lineTimes.get(l) < Math.min(now, logEnd)) {
        l++;
      }
      if (l > from) {
        both.accept(log.accept(lines.subList(from, l)));
      }
      both.analyze();
      alone.analyze();
    }
    both.accept(log.close());
    both.flush();
    alone.flush();
    LiveView v = both.analyze().view();
    assertEquals(0, v.counts().joinedReconciles());
    assertEquals(verdicts(alone.analyze().view().analysis()), verdicts(v.analysis()));
    assertTrue(v.analysis().controllers().get(0).sampling().sampled());
  }
}
