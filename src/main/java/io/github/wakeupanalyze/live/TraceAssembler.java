package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.extract.ReconcileExtractor;
import io.github.wakeupanalyze.ingest.log.LiveLog;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.WakeupAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds spans by trace until the trace is final, then extracts its reconciles with the batch
 * extractor: a trace is final once the watermark (the latest span end seen, trace time) is {@code
 * graceNanos} past the latest end among its spans, so children that end after their reconcile, or
 * arrive in a later export, are still inside it. Traces become final together and go through one
 * extractor per release, so writes by other clients (their own traces) come out as evidence.
 *
 * <p>Memory: the spans of the traces not yet final, about (span rate × grace); past {@code
 * maxHeldSpans} the traces that ended first are released early. A span arriving after its trace was
 * released is extracted with the next release (a reconcile seen twice is counted once by the
 * window; a child whose reconcile has gone is an orphan). Ids are 128-bit trace ids; spans of one
 * trace are extracted in arrival order.
 */
final class TraceAssembler {
  private record TraceId(long high, long low) {}

  private static final class Held {
    final List<Span> spans = new ArrayList<>();
    long lastEnd = Long.MIN_VALUE;
  }

  /** The input index of reconciles from traces. */
  static final int TRACE_SOURCE = 0;

  /** The input index of reconciles from the operators' logs, which record every reconcile. */
  static final int LOG_SOURCE = 1;

  private final ExtractRules rules;
  private final long graceNanos;
  private final int maxHeldSpans;
  private final LinkedHashMap<TraceId, Held> held = new LinkedHashMap<>();
  private int heldSpans;
  private long watermark = Long.MIN_VALUE;
  private long releasedAt = Long.MIN_VALUE;
  private long firstStart = Long.MAX_VALUE;
  private long spans;
  private long duplicates;
  private long nested;
  private long orphans;

  TraceAssembler(ExtractRules rules, long graceNanos, int maxHeldSpans) {
    this.rules = rules;
    this.graceNanos = graceNanos;
    this.maxHeldSpans = maxHeldSpans;
  }

  void accept(Span s) {
    spans++;
    watermark = Math.max(watermark, s.endNanos());
    firstStart = Math.min(firstStart, s.startNanos());
    Held h = held.computeIfAbsent(new TraceId(s.traceIdHigh(), s.traceIdLow()), k -> new Held());
    h.spans.add(s);
    h.lastEnd = Math.max(h.lastEnd, s.endNanos());
    heldSpans++;
  }

  /**
   * Extracts the traces that are final, and the oldest ones while too many spans are held. Runs at
   * most once per quarter of the grace period of watermark progress (each release starts an
   * extractor of its own), unless too many spans are held.
   */
  void releaseFinal(Finals out) {
    if (heldSpans <= maxHeldSpans
        && releasedAt != Long.MIN_VALUE
        && watermark - releasedAt < graceNanos / 4) {
      return;
    }
    releasedAt = watermark;
    List<Held> ready = new ArrayList<>();
    for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (h.lastEnd <= watermark - graceNanos) {
        ready.add(h);
        heldSpans -= h.spans.size();
        it.remove();
      }
    }
    if (heldSpans > maxHeldSpans) {
      List<Map.Entry<TraceId, Held>> oldest = new ArrayList<>(held.entrySet());
      oldest.sort(Comparator.comparingLong(e -> e.getValue().lastEnd));
      for (Map.Entry<TraceId, Held> e : oldest) {
        if (heldSpans <= maxHeldSpans * 3L / 4) {
          break;
        }
        ready.add(e.getValue());
        heldSpans -= e.getValue().spans.size();
        held.remove(e.getKey());
      }
    }
    extract(ready, out);
  }

  /** Extracts every trace held, final or not: the input has paused or ended. */
  void releaseAll(Finals out) {
    List<Held> all = new ArrayList<>(held.values());
    held.clear();
    heldSpans = 0;
    extract(all, out);
  }

  private void extract(List<Held> traces, Finals out) {
    List<Held> logged = new ArrayList<>();
    List<Held> traced = new ArrayList<>();
    for (Held h : traces) {
      (WakeupAttributes.complete(h.spans.get(0)) ? logged : traced).add(h);
    }
    extract(traced, TRACE_SOURCE, "live", out);
    extract(logged, LOG_SOURCE, LiveLog.SOURCE, out);
  }

  /**
   * Extracts {@code traces} as input {@code source}: the traces and the operators' logs each by an
   * extractor of their own, so the two records of one reconcile are joined by the window's pass
   * over every stream, not within one release.
   */
  private void extract(List<Held> traces, int source, String name, Finals out) {
    if (traces.isEmpty()) {
      return;
    }
    ReconcileExtractor x = new ReconcileExtractor(rules);
    x.startSource(source, name);
    for (Held h : traces) {
      for (Span s : h.spans) {
        x.accept(s);
      }
    }
    ExtractResult r = x.finish();
    duplicates += r.duplicates();
    nested += r.nestedReconcileSpans();
    orphans += r.orphans();
    for (ObjectWrite w : r.evidence().writes()) {
      out.write(w);
    }
    for (ReconcileLink l : r.evidence().links()) {
      out.link(l);
    }
    for (Reconcile rc : r.reconciles()) {
      out.reconcile(rc);
    }
  }

  /** The latest span end seen, epoch ns; {@link Long#MIN_VALUE} before the first span. */
  long watermark() {
    return watermark;
  }

  /** The earliest span start seen, epoch ns; {@link Long#MAX_VALUE} before the first span. */
  long firstStart() {
    return firstStart;
  }

  int heldSpans() {
    return heldSpans;
  }

  /** Spans received, duplicates (within a release), nested reconcile spans, orphans. */
  long[] counts() {
    return new long[] {spans, duplicates, nested, orphans};
  }
}
