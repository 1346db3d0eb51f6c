package io.github.wakeupanalyze.analyze;

import java.util.ArrayList;
import java.util.List;

/**
 * The controller's timers from its objects' (docs/method.md, "Per-controller pooling"): timers of
 * the same source whose delay windows overlap are one controller timer, its figures the
 * reconcile-weighted means, its window the union, its queue and tier the majority's. Works from
 * per-object findings only.
 */
final class TimerMerge {
  private TimerMerge() {}

  /** Merged timers, grouped by source (in label order), each group by window. */
  static List<TimerFinding> merge(List<TimerFinding> timers) {
    List<TimerFinding> sorted = new ArrayList<>(timers);
    sorted.sort(
        (a, b) ->
            a.source() == b.source()
                ? Double.compare(a.windowLowSeconds(), b.windowLowSeconds())
                : a.source().label().compareTo(b.source().label()));
    List<TimerFinding> out = new ArrayList<>();
    List<TimerFinding> group = new ArrayList<>();
    double high = Double.NEGATIVE_INFINITY;
    for (TimerFinding t : sorted) {
      if (!group.isEmpty()
          && (t.windowLowSeconds() > high || t.source() != group.get(0).source())) {
        out.add(combine(group));
        group.clear();
        high = Double.NEGATIVE_INFINITY;
      }
      group.add(t);
      high = Math.max(high, t.windowHighSeconds());
    }
    if (!group.isEmpty()) {
      out.add(combine(group));
    }
    return out;
  }

  static TimerFinding combine(List<TimerFinding> g) {
    if (g.size() == 1) {
      return g.get(0);
    }
    double w = 0;
    double delay = 0;
    double period = 0;
    double jitter = 0;
    int reconciles = 0;
    int objects = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double p = 0;
    int earliest = 0;
    int sharp = 0;
    List<TimeRange> ranges = new ArrayList<>();
    for (TimerFinding t : g) {
      double wt = Math.max(1, t.reconciles());
      w += wt;
      delay += wt * t.delaySeconds();
      period += wt * (Double.isNaN(t.periodSeconds()) ? t.delaySeconds() : t.periodSeconds());
      jitter += wt * t.jitterSeconds();
      reconciles += t.reconciles();
      objects += t.objects();
      lo = Math.min(lo, t.windowLowSeconds());
      hi = Math.max(hi, t.windowHighSeconds());
      p = Math.max(p, Double.isNaN(t.pValue()) ? 0 : t.pValue());
      earliest += t.queue() == Queue.EARLIEST ? 1 : 0;
      sharp += t.tier() == Tier.SHARP ? 1 : 0;
      if (ranges.size() < TimerFinding.MAX_RANGES) {
        ranges.addAll(t.activeRanges());
      }
    }
    ranges.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    return new TimerFinding(
        delay / w,
        period / w,
        jitter / w,
        reconciles,
        objects,
        lo,
        hi,
        p,
        earliest * 2 > g.size() ? Queue.EARLIEST : Queue.RESET,
        sharp * 2 >= g.size() ? Tier.SHARP : Tier.WIDE,
        g.get(0).source(),
        ranges.subList(0, Math.min(TimerFinding.MAX_RANGES, ranges.size())));
  }

  /** By delay, NaN (a resync seen once) last; stable. */
  static void sortByDelay(List<TimerFinding> timers) {
    timers.sort(
        (a, b) ->
            Double.compare(
                Double.isNaN(a.delaySeconds()) ? Double.MAX_VALUE : a.delaySeconds(),
                Double.isNaN(b.delaySeconds()) ? Double.MAX_VALUE : b.delaySeconds()));
  }
}
