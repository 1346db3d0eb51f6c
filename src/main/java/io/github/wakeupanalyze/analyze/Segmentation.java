package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step 6 and the stream's result (docs/method.md, "Segmentation"): when each timer was active, its
 * findings, the stream's verdict and its notes.
 *
 * <p>A timer is active from the end that armed one of its reconciles through the following ones as
 * long as no gap in between exceeds its window (or its last harmonic window) by 5σ̂ + 2 ms and no
 * reconcile of another timer comes in between (another state of the object, e.g. ready vs not
 * ready). A stream without a timer of its own and fewer than {@code minGapsForVerdict} testable
 * gaps is "insufficient data".
 */
final class Segmentation {
  private Segmentation() {}

  static StreamResult result(StreamWork w, AnalysisParameters p) {
    StreamTimes t = w.times;
    List<String> notes = new ArrayList<>();
    List<TimerFinding> findings = new ArrayList<>();
    int timerDriven = 0;
    for (Classification c : w.label) {
      timerDriven += c.trigger() == Trigger.TIMER ? 1 : 0;
    }
    for (int k = 0; k < w.timers.size(); k++) {
      Timer timer = w.timers.get(k);
      List<Double> periods = new ArrayList<>();
      int[] count = new int[1];
      List<TimeRange> ranges = activeRanges(w, k, periods, count);
      if (count[0] == 0 && (timer.pooled || resyncAbsorbed(w, timer))) {
        continue;
      }
      double[] per = periods.stream().mapToDouble(Double::doubleValue).toArray();
      Spike sp = timer.spike;
      findings.add(
          new TimerFinding(
              sp.delay(),
              per.length == 0 ? Double.NaN : Robust.median(per),
              sp.sigma(),
              count[0],
              1,
              timer.lo,
              timer.hi,
              sp.pValue(),
              timer.earliest ? Queue.EARLIEST : Queue.RESET,
              sp.sharp() ? Tier.SHARP : Tier.WIDE,
              timer.source,
              ranges.subList(0, Math.min(TimerFinding.MAX_RANGES, ranges.size()))));
      if (!sp.sharp()) {
        notes.add(
            String.format(
                Locale.ROOT,
                "the %.3f s timer is wide (±%.0f %%): it may be a"
                    + " quasi-periodic event source rather than a RequeueAfter",
                sp.delay(),
                50 * (sp.high() - sp.low()) / sp.delay()));
      }
      if (timer.pooled) {
        notes.add(
            String.format(
                Locale.ROOT,
                "the %.3f s timer was found by pooling the" + " controller's objects",
                sp.delay()));
      }
    }
    int testable = t.testableGaps(p.minGapSeconds());
    boolean insufficient = findings.isEmpty() && testable < p.minGapsForVerdict();
    boolean anyTimer = false;
    for (TimerFinding f : findings) {
      anyTimer |= f.source() != TimerSource.EXTERNAL_PERIODIC;
    }
    Verdict verdict =
        anyTimer ? Verdict.TIMER : insufficient ? Verdict.INSUFFICIENT_DATA : Verdict.NO_TIMER;
    if (insufficient) {
      notes.add(
          String.format(
              Locale.ROOT,
              "insufficient data: %d gaps of at least %.3f s, %d"
                  + " needed to tell a timer-free object",
              testable,
              p.minGapSeconds(),
              p.minGapsForVerdict()));
    } else if (!anyTimer && testable < 3000) {
      notes.add(
          "no timer found; an earliest-deadline timer with jitter ≥ 5 % and ≥ 90 %"
              + " event-driven reconciles would not be detectable at this sample size");
    }
    return new StreamResult(
        t.get(0).key(), t.n, timerDriven, findings, insufficient, verdict, notes);
  }

  /**
   * The active ranges of timer k (class comment); fills {@code periods} with the start→start
   * interval of each reconcile attributed to it (not the k·T intervals of a thinned stream) and
   * {@code count[0]} with their number.
   */
  static List<TimeRange> activeRanges(StreamWork w, int k, List<Double> periods, int[] count) {
    StreamTimes t = w.times;
    Timer timer = w.timers.get(k);
    List<TimeRange> ranges = new ArrayList<>();
    int first = -1;
    int last = -1;
    double maxGap = timer.hi + 5 * timer.spike.sigma() + 0.002;
    double gapSince = 0;
    boolean otherTimer = false;
    for (int j = 1; j < t.n; j++) {
      if (first >= 0) {
        gapSince = Math.max(gapSince, t.gap[j]);
      }
      if (w.timerOf[j] != k) {
        otherTimer |= w.timerOf[j] >= 0 && first >= 0;
        continue;
      }
      count[0]++;
      if (w.comb == null || w.comb.comb.tooth(t.gap[j]) <= 1) {
        periods.add(t.start[j] - t.start[j - 1]); // not across lost reconciles of a thinned stream
      }
      double reach = Math.max(timer.lastHarmonicHigh(), timer.combReach);
      if (first >= 0 && !otherTimer && gapSince <= Math.max(maxGap, reach)) {
        last = j;
      } else {
        if (first >= 0) {
          ranges.add(range(t, first, last));
        }
        first = j;
        last = j;
      }
      gapSince = 0;
      otherTimer = false;
    }
    if (first >= 0) {
      ranges.add(range(t, first, last));
    }
    return ranges;
  }

  private static TimeRange range(StreamTimes t, int first, int last) {
    long from = t.get(Math.max(0, first - 1)).endNanos();
    return new TimeRange(Math.min(from, t.get(first).startNanos()), t.get(last).startNanos());
  }

  /** A timer whose supported gaps are now mostly resync reconciles: resync itself. */
  private static boolean resyncAbsorbed(StreamWork w, Timer timer) {
    int in = 0;
    int resync = 0;
    for (int j = 1; j < w.times.n; j++) {
      if (timer.inSupport(w.times.gap[j])) {
        in++;
        resync += w.label[j].cause() == Cause.RESYNC ? 1 : 0;
      }
    }
    return in > 0 && resync * 2 >= in;
  }
}
