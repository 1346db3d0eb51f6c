package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.TriggerHint;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 0 (docs/method.md, "Evidence"): labels the reconciles of one stream from what the trace
 * says, before any timing. These labels beat timing.
 *
 * <p>In order, the first that applies: kube-rs {@code object.reason}; the trigger the record names
 * (a timer or an event); a span link to a write (a link into a trace an earlier reconcile of the
 * stream started is its own write); a write in the API server's audit log whose lag falls in the
 * stream's learned watch-latency cluster ({@link AuditLags}; another client's, then the operator's
 * own); a write to the object, or to an object the stream itself writes, by another client within
 * {@code eventWindowSeconds} before the start (audit-log writes too when their lags show no
 * cluster), or during the previous reconcile when the gap is that short (a dirty requeue); a retry
 * the record names; the previous reconcile's stated requeue delay, met to the millisecond; an error
 * status on the previous reconcile (controller-runtime {@code AddRateLimited}); an {@code --events}
 * time like a write; a geometric run of gaps (ratios in [1.6, 2.5], at least 4 in a row, starting
 * below 50 ms as client-go's 5 ms·2^k does) when the trace records no error status at all.
 * Everything else is left to timing (null).
 */
final class EvidenceLabels {
  private EvidenceLabels() {}

  /**
   * Labels one stream.
   *
   * @return one label per reconcile, null where the evidence says nothing (and for duplicates)
   */
  static Classification[] label(StreamTimes t, EvidenceIndex ev, AnalysisParameters p) {
    return label(t, ev, AuditEvidence.of(t, ev, p), p);
  }

  /**
   * Labels one stream, with its audit evidence (null for none).
   *
   * @return one label per reconcile, null where the evidence says nothing (and for duplicates)
   */
  static Classification[] label(
      StreamTimes t, EvidenceIndex ev, AuditEvidence audit, AnalysisParameters p) {
    Classification[] label = new Classification[t.n];
    long[] writes = ev.writeTimes(t, false);
    long window = Math.round(p.eventWindowSeconds() * 1e9);
    if (audit != null && !audit.otherFit.found() && audit.others.length > 0) {
      // too few lags to learn from, or no cluster: the window rule reads them
      writes = merge(writes, audit.others);
    }
    boolean[] backoff = backoffRuns(t);
    boolean links = ev.hasLinks();
    Set<TraceId> traces = links ? new HashSet<>() : Set.of(); // earlier traces, for links only
    for (int j = 0; j < t.n; j++) {
      if (t.duplicate[j]) {
        continue;
      }
      Reconcile r = t.get(j);
      Reconcile prev = j > 0 ? t.get(j - 1) : null;
      double gap = j == 0 ? Double.NaN : t.gap[j];
      Classification c = fromReason(r.reason(), gap, prev, p);
      if (c == null) {
        c = fromHint(r.hint(), gap, prev, p);
      }
      if (c == null && links) {
        c = fromLinks(ev, r, traces);
      }
      if (c == null && audit != null && audit.otherFit.found()) {
        c = fromAudit(audit.otherFit, audit.otherLag[j], Cause.EXTERNAL_EVENT, "audited write");
      }
      if (c == null && audit != null && audit.ownFit.found()) {
        c = fromAudit(audit.ownFit, audit.ownLag[j], Cause.SELF_WRITE, "audited own write");
      }
      if (c == null && j > 0 && evidenceBefore(t, writes, j, window)) {
        c = Classification.event(Cause.EXTERNAL_EVENT, 0.97, "visible write");
      }
      if (c == null && r.hint() == TriggerHint.RETRY) {
        c = Classification.timer(Cause.ERROR_RETRY, 0.95, gap, "log trigger");
      }
      if (c == null && prev != null && statedDelay(prev, gap)) {
        c = Classification.timer(Cause.REQUEUE, 0.97, gap, "stated requeue");
      }
      if (c == null && prev != null && prev.error()) {
        c = Classification.timer(Cause.ERROR_RETRY, 0.95, t.gap[j], "error status");
      }
      if (c == null && evidenceBefore(t, ev.events(), j, window)) {
        c = Classification.event(Cause.EXTERNAL_EVENT, 0.9, "events file");
      }
      if (c == null && backoff[j]) {
        c = Classification.timer(Cause.ERROR_RETRY, 0.8, t.gap[j], "backoff run");
      }
      label[j] = c;
      if (links) {
        traces.add(new TraceId(r.traceIdHigh(), r.traceIdLow()));
      }
    }
    return label;
  }

  private record TraceId(long high, long low) {}

  /** kube-rs {@code ReconcileReason} display strings, which say why the reconcile ran. */
  static Classification fromReason(
      String reason, double gap, Reconcile prev, AnalysisParameters p) {
    if (reason == null || reason.isEmpty()) {
      return null;
    }
    if (reason.equals("reconciler requested retry")) {
      return Classification.timer(Cause.REQUEUE, 0.99, gap, "object.reason");
    }
    if (reason.equals("error policy requested retry")) {
      return Classification.timer(Cause.ERROR_RETRY, 0.99, gap, "object.reason");
    }
    if (reason.equals("object updated") || reason.startsWith("related object updated")) {
      boolean own = prev != null && prev.calls().writes() > 0 && gap <= p.selfWriteWindowSeconds();
      return Classification.event(
          own ? Cause.SELF_WRITE : Cause.EXTERNAL_EVENT, 0.97, "object.reason");
    }
    // "bulk reconcile requested" (reconcile_all_on) says nothing of what drove the bulk run: a
    // periodic stream makes it a timer, an ad-hoc trigger an event; timing and resync decide
    return null;
  }

  /**
   * What the reconcile's own record says started it (the Java Operator SDK's DEBUG log names the
   * event source): a timer or an event, weighed like {@code object.reason}. A timer after a
   * reconcile that stated it asked for no requeue is the SDK's {@code maxReconciliationInterval}. A
   * retry is not decided here: an edit during a backoff runs the object at once with the retry
   * state still attached, so a visible write is looked for first.
   */
  static Classification fromHint(
      TriggerHint hint, double gap, Reconcile prev, AnalysisParameters p) {
    if (hint == TriggerHint.TIMER) {
      Cause cause =
          prev != null && prev.requeueAfterNanos() == 0 ? Cause.MAX_INTERVAL : Cause.REQUEUE;
      return Classification.timer(cause, 0.98, gap, "log trigger");
    }
    if (hint == TriggerHint.EVENT) {
      boolean own = prev != null && prev.calls().writes() > 0 && gap <= p.selfWriteWindowSeconds();
      return Classification.event(
          own ? Cause.SELF_WRITE : Cause.EXTERNAL_EVENT, 0.97, "log trigger");
    }
    return null;
  }

  /**
   * The previous reconcile stated the delay it asked for (a log's {@code requeueing after 5s}) and
   * this one started that delay after its end, within 1 ms early (timer resolution) to 5 ms late
   * (queue latency): the timer it armed.
   */
  static boolean statedDelay(Reconcile prev, double gap) {
    if (prev.requeueAfterNanos() <= 0 || Double.isNaN(gap)) {
      return false;
    }
    double delay = prev.requeueAfterNanos() / 1e9;
    return gap >= delay - 0.001 && gap <= delay + 0.005 + 0.001 * delay;
  }

  /** An event when the lag falls in the write-started part of the fit ({@link AuditLags}). */
  private static Classification fromAudit(
      AuditLags.Fit fit, double lag, Cause cause, String basis) {
    if (Double.isNaN(lag)) {
      return null;
    }
    double posterior = fit.posterior(lag);
    return posterior >= 0.5 ? Classification.event(cause, Math.min(0.97, posterior), basis) : null;
  }

  private static long[] merge(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    Arrays.sort(out);
    return out;
  }

  /** An evidence time in (start[j−1], start[j]], within the window of the start or dirty. */
  static boolean evidenceBefore(StreamTimes t, long[] times, int j, long window) {
    if (times.length == 0) {
      return false;
    }
    long start = t.get(j).startNanos();
    int at = EvidenceIndex.lastAtOrBefore(times, start);
    if (at < 0) {
      return false;
    }
    long time = times[at];
    long prevStart = j > 0 ? t.get(j - 1).startNanos() : Long.MIN_VALUE;
    if (time <= prevStart) {
      return false;
    }
    return start - time <= window || (j > 0 && t.gap[j] * 1e9 <= window);
  }

  private static Classification fromLinks(
      EvidenceIndex ev, Reconcile r, Set<TraceId> earlierTraces) {
    List<ReconcileLink> links = ev.links(r.spanId());
    if (links == null) {
      return null;
    }
    for (ReconcileLink l : links) {
      if (l.reconcileTraceIdLow() != r.traceIdLow()
          || l.reconcileTraceIdHigh() != r.traceIdHigh()) {
        continue;
      }
      if (earlierTraces.contains(new TraceId(l.linked().traceIdHigh(), l.linked().traceIdLow()))) {
        return Classification.event(Cause.SELF_WRITE, 0.95, "span link");
      }
      ObjectWrite w = ev.write(l.linked().spanId());
      if (w != null && w.service().equals(r.key().operator())) {
        return Classification.event(Cause.SELF_WRITE, 0.95, "span link");
      }
      return Classification.event(Cause.EXTERNAL_EVENT, w != null ? 0.98 : 0.9, "span link");
    }
    return null;
  }

  /** Gaps in geometric runs (≥ 4 ratios in [1.6, 2.5]), used only when no error status exists. */
  static boolean[] backoffRuns(StreamTimes t) {
    boolean[] mark = new boolean[t.n];
    if (t.errorsRecorded || t.n < 6) {
      return mark;
    }
    double[] g = t.gap;
    int run = 0;
    for (int j = 2; j < t.n; j++) {
      double r = g[j] / g[j - 1];
      boolean ok = g[j - 1] > 0 && r >= 1.6 && r <= 2.5;
      run = ok ? run + 1 : 0;
      if (run >= 4 && g[j - run] < 0.05) { // client-go: 5 ms · 2^k starts far below 50 ms
        for (int k = j - run; k <= j; k++) {
          mark[k] = true;
        }
      }
    }
    return mark;
  }
}
