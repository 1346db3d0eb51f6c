package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TriggerHint;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A trace and an operator's log of the same run: each reconcile once, as complete as the log. */
class RecordMergeTest {
  private static final StreamKey KEY = new StreamKey("op", "c", "ns/a");
  private static final int TRACE = 0;
  private static final int LOG = 1;
  private static final BitSet LOGS = BitSet.valueOf(new long[] {1L << LOG});
  private static final long MS = 1_000_000L;

  private static Reconcile traced(long id, long startMs, long endMs, double p) {
    return new Reconcile(
        KEY, 7, id, id, startMs * MS, endMs * MS, false, null, ApiCalls.NONE, TRACE, null, -1, p);
  }

  private static Reconcile logged(long id, long startNanos, long endNanos, TriggerHint hint) {
    return new Reconcile(
        KEY,
        9,
        id,
        id,
        startNanos,
        endNanos,
        false,
        null,
        ApiCalls.NONE,
        LOG,
        hint,
        5_000 * MS,
        Double.NaN);
  }

  private static List<Reconcile> sorted(List<Reconcile> a, List<Reconcile> b) {
    List<Reconcile> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(Reconcile.IN_STREAM);
    return all;
  }

  @Test
  void aTraceReconcileAndItsLogLines_areOneReconcile_withTheTracesIds_andTheLogsStatements() {
    Reconcile t = traced(1, 1_000, 1_150, 0.1);
    // the log's line is written just after the span starts, and read to the millisecond
    Reconcile l = logged(1, 1_000 * MS + 400_000, 1_149 * MS, TriggerHint.TIMER);
    RecordMerge.Stream m = RecordMerge.of(sorted(List.of(t), List.of(l)), LOGS);
    assertEquals(1, m.merged());
    assertEquals(0, m.traceOnly());
    Reconcile one = m.reconciles().get(0);
    assertEquals(1, m.reconciles().size());
    assertEquals(t.traceIdHex(), one.traceIdHex(), "the trace's ids: evidence hangs on them");
    assertEquals(t.startNanos(), one.startNanos(), "the trace's finer times");
    assertEquals(t.endNanos(), one.endNanos());
    assertEquals(TriggerHint.TIMER, one.hint(), "what only the log says");
    assertEquals(5_000 * MS, one.requeueAfterNanos());
    assertEquals(1.0, one.samplingProbability(), "the log lost none of them");
  }

  @Test
  void theLogsOtherReconciles_areRecordedWithProbabilityOne() {
    List<Reconcile> log = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      log.add(logged(i, i * 5_000 * MS, (i * 5_000 + 150) * MS, null));
    }
    RecordMerge.Stream m =
        RecordMerge.of(sorted(List.of(traced(3, 15_000, 15_150, 0.1)), log), LOGS);
    assertEquals(10, m.reconciles().size());
    assertEquals(1, m.merged());
    for (Reconcile r : m.reconciles()) {
      assertEquals(1.0, r.samplingProbability(), r.toString());
    }
  }

  @Test
  void aTraceReconcileTheLogLostALineOf_isKept_asRecordedWithinTheLogsTime() {
    List<Reconcile> log = List.of(logged(0, 0, 150 * MS, null));
    Reconcile later = traced(2, 60_000, 60_150, 0.1);
    RecordMerge.Stream m = RecordMerge.of(sorted(List.of(later), log), LOGS);
    assertEquals(0, m.merged());
    assertEquals(1, m.traceOnly());
    assertEquals(2, m.reconciles().size());
    assertEquals(1.0, m.reconciles().get(1).samplingProbability());
  }

  @Test
  void startsFurtherApartThanTheTolerance_areTwoReconciles() {
    long apart = RecordMerge.TOLERANCE_NANOS + 1;
    Reconcile t = traced(1, 1_000, 1_150, 0.1);
    Reconcile l = logged(1, t.startNanos() + apart, t.startNanos() + apart + 100 * MS, null);
    RecordMerge.Stream m = RecordMerge.of(sorted(List.of(t), List.of(l)), LOGS);
    assertEquals(0, m.merged());
    assertEquals(2, m.reconciles().size());
  }

  @Test
  void oneLogReconcile_mergesWithOneTraceReconcile_theNearest() {
    // an error retry 5 ms after the end: two trace reconciles near one log line
    Reconcile first = traced(1, 1_000, 1_010, 0.5);
    Reconcile retry = traced(2, 1_015, 1_030, 0.5);
    Reconcile l = logged(1, 1_015 * MS + 300_000, 1_030 * MS, null);
    RecordMerge.Stream m = RecordMerge.of(sorted(List.of(first, retry), List.of(l)), LOGS);
    assertEquals(1, m.merged());
    assertEquals(1, m.traceOnly());
    assertEquals(2, m.reconciles().size());
    assertEquals(retry.traceIdHex(), m.reconciles().get(1).traceIdHex());
    assertEquals(1.0, m.reconciles().get(1).samplingProbability());
    assertEquals(1.0, m.reconciles().get(0).samplingProbability());
  }

  @Test
  void aStreamWithOneRecordOnly_isLeftAsItIs() {
    List<Reconcile> trace = List.of(traced(1, 0, 10, 0.1), traced(2, 5_000, 5_010, 0.1));
    RecordMerge.Stream m = RecordMerge.of(trace, LOGS);
    assertSame(trace, m.reconciles());
    assertEquals(0, m.merged());
    List<Reconcile> log = List.of(logged(1, 0, 10 * MS, null));
    assertSame(log, RecordMerge.of(log, LOGS).reconciles());
  }

  /**
   * The law: a log of every reconcile of a run (each line up to 2 ms late and read to the
   * millisecond) beside any subset of the run's trace, with reconciles as close as a 5 ms retry,
   * gives the run back: as many reconciles as the log, each trace reconcile merged with its own
   * line, every one recorded with probability 1 (when the sample is not empty).
   */
  @Test
  void aCompleteLogBesideAnySampleOfTheTrace_givesTheRunBack() {
    SplittableRandom random = new SplittableRandom(11);
    for (int run = 0; run < 200; run++) {
      List<Reconcile> trace = new ArrayList<>();
      List<Reconcile> log = new ArrayList<>();
      double p = 0.05 + 0.95 * random.nextDouble();
      long t = random.nextLong(1_000_000) * MS;
      int n = 1 + random.nextInt(80);
      for (int i = 0; i < n; i++) {
        long duration = (1 + random.nextInt(400)) * MS;
        long late = random.nextLong(2 * MS);
        long lineStart = (t + late) / MS * MS;
        long lineEnd = Math.max(lineStart, (t + duration) / MS * MS);
        log.add(logged(i, lineStart, lineEnd, null));
        if (random.nextDouble() < p) {
          trace.add(
              new Reconcile(
                  KEY, 7, i, i, t, t + duration, false, null, ApiCalls.NONE, TRACE, null, -1, p));
        }
        t += duration + (random.nextBoolean() ? 5 * MS : (5 + random.nextInt(20_000)) * MS);
      }
      RecordMerge.Stream m = RecordMerge.of(sorted(trace, log), LOGS);
      String what = "run " + run + ": " + n + " reconciles, " + trace.size() + " traced";
      assertEquals(log.size(), m.reconciles().size(), what);
      assertEquals(trace.size(), m.merged(), what);
      assertEquals(0, m.traceOnly(), what);
      java.util.Set<Long> tracedIds = new java.util.HashSet<>();
      trace.forEach(r -> tracedIds.add(r.traceIdLow()));
      for (Reconcile r : m.reconciles()) {
        // a log alone is left as read (its sampling is inferred, as for any input)
        assertEquals(trace.isEmpty() ? Double.NaN : 1.0, r.samplingProbability(), what);
        // reconcile i is the trace's when traced, else its log line's: each met its own line
        assertEquals(tracedIds.contains(r.traceIdLow()) ? 7 : 9, r.traceIdHigh(), what);
      }
      assertEquals(
          n, m.reconciles().stream().mapToLong(Reconcile::traceIdLow).distinct().count(), what);
      for (int i = 1; i < m.reconciles().size(); i++) {
        assertTrue(
            Reconcile.IN_STREAM.compare(m.reconciles().get(i - 1), m.reconciles().get(i)) < 0,
            what);
      }
    }
  }
}
