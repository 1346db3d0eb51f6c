package io.github.wakeupanalyze.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.testing.Replay;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 % head-sampled Percona-like trace and the API server's audit log of the same run, streamed
 * together through the online engine: the window's analysis is the batch analysis of {@code analyze
 * trace audit.jsonl}, whether the audit events arrive with the spans or in late batches, as the API
 * server's audit webhook sends them.
 */
class LiveAuditTest {
  /** The API server's webhook batches: at most this much trace time of events per request. */
  static final long AUDIT_BATCH_NANOS = 10_000_000_000L;

  /** How far behind the trace each audit batch arrives (the webhook's default batch wait: 30 s). */
  static final long AUDIT_DELAY_NANOS = 30_000_000_000L;

  static final long FORTY_MINUTES = 40 * 60_000_000_000L;

  @TempDir static Path dir;
  static List<Span> traceSpans;
  static List<Span> auditSpans;
  static Analysis withLog;
  static Analysis traceAlone;

  @BeforeAll
  static void simulateAndAnalyze() throws Exception {
    SimulationRun.Written w =
        Replay.simulateFiles(Replay.PERCONA_SAMPLED_AUDIT, FORTY_MINUTES, dir);
    traceSpans = Replay.spansByEnd(w.trace());
    auditSpans = new ArrayList<>();
    try (InputStream in = Files.newInputStream(w.audit())) {
      TraceFormat.K8S_AUDIT.newReader().read(in, w.audit().toString(), auditSpans::add);
    }
    auditSpans.sort(Comparator.comparingLong(Span::endNanos));
    withLog = Replay.analyze(w.trace(), w.audit()).analysis();
    traceAlone = Replay.analyze(w.trace()).analysis();
  }

  private static LiveEngine engine() {
    return new LiveEngine(LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS));
  }

  private static void assertBatchAnalysisWithTheLog(Analysis live) {
    assertEquals(withLog.controllers(), live.controllers());
    assertEquals(withLog.streams(), live.streams());
    assertEquals(withLog.reconciles(), live.reconciles());
  }

  @Test
  void theLogMatters_onThisTrace() {
    assertTrue(auditSpans.size() > 100, "audited writes: " + auditSpans.size());
    assertEquals(withLog.reconciles().size(), traceAlone.reconciles().size());
    assertNotEquals(traceAlone.reconciles(), withLog.reconciles(), "the log changes some verdicts");
    long audited =
        withLog.reconciles().stream()
            .map(ClassifiedReconcile::classification)
            .filter(c -> c.basis().startsWith("audited"))
            .count();
    assertTrue(audited > 10, "reconciles told by an audited write: " + audited);
  }

  @Test
  void auditEventsWithTheSpans_giveTheBatchAnalysisOfTraceAndLog() {
    List<Span> all = new ArrayList<>(traceSpans);
    all.addAll(auditSpans);
    all.sort(Comparator.comparingLong(Span::endNanos));
    LiveEngine engine = engine();
    for (List<Span> b : Replay.batches(all, Replay.SDK_BATCH)) {
      engine.accept(b);
      engine.analyze();
    }
    engine.flush();
    assertBatchAnalysisWithTheLog(engine.analyze().view().analysis());
  }

  @Test
  void auditBatchesHalfAMinuteLate_giveTheBatchAnalysisOfTraceAndLog() {
    LiveEngine engine = engine();
    replayWithLateAudit(engine);
    assertBatchAnalysisWithTheLog(engine.analyze().view().analysis());
  }

  /** Streams the trace, each 10 s of audit events half a minute of trace time behind it. */
  private static void replayWithLateAudit(LiveEngine engine) {
    int a = 0;
    long batchEnd = auditSpans.get(0).endNanos() + AUDIT_BATCH_NANOS;
    for (List<Span> b : Replay.batches(traceSpans, Replay.SDK_BATCH)) {
      engine.accept(b);
      long now = b.get(b.size() - 1).endNanos();
      while (a < auditSpans.size() && batchEnd + AUDIT_DELAY_NANOS <= now) {
        List<Span> events = new ArrayList<>();
        while (a < auditSpans.size() && auditSpans.get(a).endNanos() < batchEnd) {
          events.add(auditSpans.get(a++));
        }
        if (!events.isEmpty()) {
          engine.accept(events);
        }
        batchEnd += AUDIT_BATCH_NANOS;
      }
      engine.analyze();
    }
    engine.accept(auditSpans.subList(a, auditSpans.size()));
    engine.flush();
  }
}
