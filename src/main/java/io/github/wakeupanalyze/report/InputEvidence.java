package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.analyze.TimerSource;
import java.util.List;

/**
 * What the input can show, so that no report states more: a timestamp CSV has start times only (no
 * end, so no end→start gap and no RequeueAfter delay, only start→start intervals), a trace without
 * API-call spans cannot say whether a reconcile wrote anything.
 *
 * @param endTimes at least one reconcile ends after it starts (durations were recorded)
 * @param apiCalls at least one reconcile has an API call beneath it
 */
record InputEvidence(boolean endTimes, boolean apiCalls) {

  static InputEvidence of(List<ClassifiedReconcile> reconciles) {
    boolean ends = false;
    boolean calls = false;
    for (ClassifiedReconcile cr : reconciles) {
      ends |= cr.reconcile().endNanos() > cr.reconcile().startNanos();
      calls |= cr.reconcile().calls().total() > 0;
      if (ends && calls) {
        break;
      }
    }
    return new InputEvidence(ends, calls);
  }

  /** True for a periodic source outside the operator: reported as such, never as a timer. */
  static boolean external(TimerFinding t) {
    return t.source() == TimerSource.EXTERNAL_PERIODIC;
  }

  /** The interval the delay column measures: {@code end→start} or, without ends, start→start. */
  String gapName() {
    return endTimes ? "end→start" : "start→start";
  }

  /**
   * A timer's delay in words: {@code 5 s} when ends were recorded, else its start→start period
   * {@code 5.15 s (start→start)}; a periodic external source says so.
   */
  String timer(TimerFinding t) {
    String d =
        endTimes
            ? Format.duration(t.delaySeconds())
            : Format.duration(t.periodSeconds()) + " (start→start)";
    return external(t) ? "external changes every " + d : d;
  }
}
