package io.github.wakeupanalyze.analyze;

/**
 * What the API server's audit log says about one stream (docs/method.md, "Audit logs"): the audited
 * writes of other clients and of the operator itself, each reconcile's lag to them, and the fitted
 * lag mixtures ({@link AuditLags}). Null for a stream the log says nothing about.
 */
final class AuditEvidence {
  /** Other clients' audited writes to the object or to an object the stream writes, epoch ns. */
  final long[] others;

  /** The operator's own audited writes to the object, epoch ns. */
  final long[] own;

  /** How many of {@link #own} fall inside a kept reconcile: the kept writers. */
  final int keptWriters;

  final double[] otherLag;
  final double[] ownLag;
  final AuditLags.Fit otherFit;
  final AuditLags.Fit ownFit;

  private AuditEvidence(long[] others, long[] own, StreamTimes t, long window, double seconds) {
    this.others = others;
    this.own = own;
    keptWriters = inside(t, own);
    otherLag = AuditLags.lags(t, others, window);
    ownLag = AuditLags.lags(t, own, window);
    otherFit = AuditLags.fit(otherLag, seconds);
    ownFit = AuditLags.fit(ownLag, seconds);
  }

  /** The stream's audit evidence, or null when the log holds no write that concerns it. */
  static AuditEvidence of(StreamTimes t, EvidenceIndex ev, AnalysisParameters p) {
    if (!ev.auditLog()) {
      return null; // no log given: nothing to look up for any stream
    }
    long[] others = ev.writeTimes(t, true);
    long[] own = ev.ownAuditedTimes(t);
    if (others.length == 0 && own.length == 0) {
      return null;
    }
    long window = Math.round(p.eventWindowSeconds() * 1e9);
    return new AuditEvidence(others, own, t, window, p.eventWindowSeconds());
  }

  /**
   * True when the log settles whether the operator's own writes start reconciles: their lags show a
   * cluster, or the trace keeps so many writers ({@value #DECIDING_WRITERS} or more) that their
   * events, if they came back, would show one. Every write's event is kept with the trace's
   * probability p, and the kept writers number about p times the writes, so about that many lags
   * would be expected; fewer than {@link AuditLags#MIN_LAGS} of a Poisson count with mean 10 has
   * chance 0.03. Then an own write's event that the log does not show did not happen, whatever the
   * timing suggests.
   */
  boolean ownWritesDecided() {
    return ownFit.found() || keptWriters >= DECIDING_WRITERS;
  }

  /** Kept writers that settle whether own writes come back (see {@link #ownWritesDecided}). */
  static final int DECIDING_WRITERS = 10;

  /** How many of the sorted times fall inside one of the stream's reconciles. */
  private static int inside(StreamTimes t, long[] times) {
    int n = 0;
    for (long time : times) {
      int j = t.lastStartAtOrBefore(time);
      n += j >= 0 && time <= t.get(j).endNanos() ? 1 : 0;
    }
    return n;
  }

  /**
   * The latest audited write that starts reconciles (another client's; the operator's own when its
   * events come back) after reconcile j − 1's start and before reconcile j's, in seconds from the
   * stream's origin; NaN when there is none.
   */
  double latestWriteBefore(StreamTimes t, int j) {
    long lo = t.get(j - 1).startNanos();
    long hi = t.get(j).startNanos();
    long best =
        Math.max(latest(others, lo, hi), ownFit.found() ? latest(own, lo, hi) : Long.MIN_VALUE);
    return best == Long.MIN_VALUE ? Double.NaN : (best - t.origin) / 1e9;
  }

  /** The latest of the sorted times in (lo, hi), or Long.MIN_VALUE. */
  private static long latest(long[] times, long lo, long hi) {
    int at = EvidenceIndex.lastAtOrBefore(times, hi - 1);
    return at >= 0 && times[at] > lo ? times[at] : Long.MIN_VALUE;
  }
}
