package io.github.wakeupanalyze.analyze;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The knobs of the analysis, repeated in every report so a reader can judge the result.
 *
 * @param minGapSeconds gaps (end of previous reconcile to start) shorter than this are never timer
 *     candidates: 0.05 s, below any RequeueAfter in practice and above watch latency
 * @param tolerance relative half-width of a timer's window around its delay, at least: 0.02
 * @param minTimerReconciles a timer must drive at least this many reconciles of a stream: 4
 * @param minTimerShare and at least this share of the stream's gaps: 0.2
 * @param eventWindowSeconds an external event at most this long before a reconcile's start
 *     caused it: 0.5 s
 * @param selfWriteWindowSeconds a reconcile starting within this after a previous reconcile that
 *     wrote is taken as triggered by that write (watch latency): 1 s
 */
public record AnalysisParameters(
    double minGapSeconds,
    double tolerance,
    int minTimerReconciles,
    double minTimerShare,
    double eventWindowSeconds,
    double selfWriteWindowSeconds) {

  public static AnalysisParameters defaults() {
    return new AnalysisParameters(0.05, 0.02, 4, 0.2, 0.5, 1.0);
  }

  /** The parameters as ordered name → value pairs, for reports. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", "gap-cluster (first version)");
    m.put("min_gap_s", minGapSeconds);
    m.put("tolerance", tolerance);
    m.put("min_timer_reconciles", minTimerReconciles);
    m.put("min_timer_share", minTimerShare);
    m.put("event_window_s", eventWindowSeconds);
    m.put("self_write_window_s", selfWriteWindowSeconds);
    return m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    asMap().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=')
        .append(v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : v));
    return sb.toString();
  }
}
