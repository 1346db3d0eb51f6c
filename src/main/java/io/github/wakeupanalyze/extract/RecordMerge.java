package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.Reconcile;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * One run recorded twice: a trace and the operator's log of the same reconciles. A sampled trace
 * keeps one reconcile in ten, the log every one; given together, each reconcile is counted once,
 * and the stream is as complete as the log.
 *
 * <p>Within one stream (operator, controller, object) reconciles never overlap: every framework
 * runs one reconcile of an object at a time. So a reconcile of a complete record (a span carrying
 * {@link io.github.wakeupanalyze.model.WakeupAttributes#COMPLETE}) and one of a trace are the same
 * when each is the other's nearest by start and their starts are at most {@link #TOLERANCE_NANOS}
 * apart (a log line is written a few microseconds after the span starts and read to the
 * millisecond, or placed by the kubelet's time of the line). The pair becomes one reconcile: the
 * trace's, with its finer times, ids and calls, completed by what only the log states (the trigger,
 * the requeue delay, {@code object.reason}, an error), and recorded with probability 1. The log's
 * other reconciles are recorded with probability 1 too: whatever sampling the trace states, the log
 * lost none of them. So is a trace reconcile that no log line matches (a line the log lost, or one
 * that names its object otherwise): within the time the log covers, the two records together hold
 * every reconcile. {@link TwoRecords} hands over only that time.
 */
final class RecordMerge {
  /** Starts of one reconcile in the two records are at most this far apart. */
  static final long TOLERANCE_NANOS = 50_000_000L;

  /**
   * One stream after merging.
   *
   * @param reconciles in stream order ({@link Reconcile#IN_STREAM})
   * @param merged reconciles found in both records, now one each
   * @param traceOnly reconciles of a trace that no complete record has
   */
  record Stream(List<Reconcile> reconciles, int merged, int traceOnly) {}

  private RecordMerge() {}

  /**
   * @param stream one stream's reconciles, in stream order
   * @param complete the sources (input indexes) that record every reconcile
   * @return the stream with each reconcile of both records once; {@code stream} itself when only
   *     one kind of record has reconciles in it
   */
  static Stream of(List<Reconcile> stream, BitSet complete) {
    return of(stream, complete, null);
  }

  /**
   * As {@link #of(List, BitSet)}, each joined reconcile put in {@code logParts} (when not null)
   * with the log's reconcile it was made with.
   */
  static Stream of(List<Reconcile> stream, BitSet complete, Map<Reconcile, Reconcile> logParts) {
    List<Reconcile> logged = new ArrayList<>();
    List<Reconcile> traced = new ArrayList<>();
    for (Reconcile r : stream) {
      (complete.get(r.source()) ? logged : traced).add(r);
    }
    if (logged.isEmpty() || traced.isEmpty()) {
      return new Stream(stream, 0, 0);
    }
    int[] logOfTrace = nearest(traced, logged);
    int[] traceOfLog = nearest(logged, traced);
    List<Reconcile> out = new ArrayList<>(logged.size() + traced.size());
    boolean[] taken = new boolean[logged.size()];
    int merged = 0;
    int traceOnly = 0;
    for (int i = 0; i < traced.size(); i++) {
      Reconcile t = traced.get(i);
      int j = logOfTrace[i];
      if (traceOfLog[j] == i
          && Math.abs(logged.get(j).startNanos() - t.startNanos()) <= TOLERANCE_NANOS) {
        Reconcile m = merged(t, logged.get(j));
        out.add(m);
        if (logParts != null) {
          logParts.put(m, logged.get(j));
        }
        taken[j] = true;
        merged++;
      } else {
        out.add(t.withSamplingProbability(1));
        traceOnly++;
      }
    }
    for (int j = 0; j < logged.size(); j++) {
      if (!taken[j]) {
        out.add(logged.get(j).withSamplingProbability(1));
      }
    }
    out.sort(Reconcile.IN_STREAM);
    return new Stream(out, merged, traceOnly);
  }

  /** For each of {@code from}, the index in {@code to} with the nearest start (both sorted). */
  private static int[] nearest(List<Reconcile> from, List<Reconcile> to) {
    int[] out = new int[from.size()];
    int j = 0;
    for (int i = 0; i < from.size(); i++) {
      long s = from.get(i).startNanos();
      while (j + 1 < to.size() && to.get(j + 1).startNanos() <= s) {
        j++;
      }
      int best = j;
      if (j + 1 < to.size()
          && Math.abs(to.get(j + 1).startNanos() - s) < Math.abs(to.get(j).startNanos() - s)) {
        best = j + 1;
      }
      out[i] = best;
    }
    return out;
  }

  /** The trace's reconcile, completed by what only the log states. */
  private static Reconcile merged(Reconcile traced, Reconcile logged) {
    return new Reconcile(
        traced.key(),
        traced.traceIdHigh(),
        traced.traceIdLow(),
        traced.spanId(),
        traced.startNanos(),
        traced.endNanos(),
        traced.error() || logged.error(),
        traced.reason() != null ? traced.reason() : logged.reason(),
        traced.calls(),
        traced.source(),
        traced.hint() != null ? traced.hint() : logged.hint(),
        traced.requeueAfterNanos() >= 0 ? traced.requeueAfterNanos() : logged.requeueAfterNanos(),
        1);
  }
}
