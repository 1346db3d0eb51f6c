package io.github.wakeupanalyze.analyze;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The knobs of the analysis, repeated in every report so a reader can judge the result.
 *
 * @param minGapSeconds gaps (end of previous reconcile to start) shorter than this are never timer
 *     candidates: 0.05 s, below any RequeueAfter in practice and above watch latency
 * @param tolerance padding added below a timer's measured support, relative to its delay, on top of
 *     1 ms (timestamp resolution): 0.001
 * @param minTimerReconciles a spike must hold at least this many gaps: 5
 * @param minTimerShare a timer found only by pooling a controller's objects is reported on one
 *     object when it drives at least this share of that object's gaps, at least 2, and more than
 *     chance coincidences with its window would (E + 3√E + 2): 0.05
 * @param eventWindowSeconds an external event ({@code --events}, or a visible write) at most this
 *     long before a reconcile's start caused it: 0.5 s
 * @param selfWriteWindowSeconds a reconcile starting within this after a previous reconcile that
 *     wrote is taken as triggered by that write (watch latency): 1 s
 * @param significance family-wise false-alarm probability α of every timer test: 0.01
 * @param maxTimers most timers per stream: 4
 * @param sharpLimit a timer whose window half-width is at most this share of its delay is {@code
 *     sharp}, else {@code wide}: 0.10
 * @param minGapsForVerdict a stream with fewer gaps ≥ minGap and no timer is "insufficient data",
 *     not "no timer": 30
 * @param resyncMinObjects a resync burst must touch at least this many objects: 5
 */
public record AnalysisParameters(
    double minGapSeconds,
    double tolerance,
    int minTimerReconciles,
    double minTimerShare,
    double eventWindowSeconds,
    double selfWriteWindowSeconds,
    double significance,
    int maxTimers,
    double sharpLimit,
    int minGapsForVerdict,
    int resyncMinObjects) {

  public static AnalysisParameters defaults() {
    return new AnalysisParameters(0.05, 0.001, 5, 0.05, 0.5, 1.0, 0.01, 4, 0.10, 30, 5);
  }

  /** The first six knobs; the others at their defaults. */
  public AnalysisParameters(
      double minGapSeconds,
      double tolerance,
      int minTimerReconciles,
      double minTimerShare,
      double eventWindowSeconds,
      double selfWriteWindowSeconds) {
    this(
        minGapSeconds,
        tolerance,
        minTimerReconciles,
        minTimerShare,
        eventWindowSeconds,
        selfWriteWindowSeconds,
        0.01,
        4,
        0.10,
        30,
        5);
  }

  /** The parameters as ordered name → value pairs, for reports. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", "gap-hazard spike scan + all-anchor pair scan + resync bursts, evidence first");
    m.put("null_hypothesis", "locally flat end-to-start gap hazard (Poisson arrivals)");
    m.put("min_gap_s", minGapSeconds);
    m.put("tolerance", tolerance);
    m.put("min_timer_reconciles", minTimerReconciles);
    m.put("min_timer_share", minTimerShare);
    m.put("event_window_s", eventWindowSeconds);
    m.put("self_write_window_s", selfWriteWindowSeconds);
    m.put("significance", significance);
    m.put("max_timers", maxTimers);
    m.put("sharp_limit", sharpLimit);
    m.put("min_gaps_for_verdict", minGapsForVerdict);
    m.put("resync_min_objects", resyncMinObjects);
    return m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    asMap()
        .forEach(
            (k, v) ->
                sb.append(sb.length() == 0 ? "" : ", ")
                    .append(k)
                    .append('=')
                    .append(v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : v));
    return sb.toString();
  }
}
