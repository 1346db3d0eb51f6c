package io.github.wakeupanalyze.ingest.log;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells a log that lists its newest line first (logcli's default direction, a log view copied
 * newest first) from one in time order, by the steps between the times of consecutive records of
 * one operator. Read forwards, a newest-first log pairs each reconcile's end with the next one's
 * start: twice the reconciles, none of them timed right, and no sign of it in the report.
 *
 * <p>Only times the records carry whole count (their own date-time or the kubelet's); a time of day
 * completed by the reader's clock would read a step back as a day forward. Equal times are no step.
 * The decision is taken after {@value #STEPS} steps (backwards when at least three quarters of them
 * go back), or at the end of a shorter log (backwards when at least {@value #FEW} steps go back and
 * three times as many as forwards). Operators interleaved by {@code kubectl logs --prefix} are
 * stepped apart.
 */
final class LogOrder {
  static final int STEPS = 64;
  static final int FEW = 8;

  private final Map<String, long[]> last = new HashMap<>();
  private int back;
  private int forward;

  /** Counts the step from the operator's previous record to this one, at {@code t}. */
  void saw(String operator, long t) {
    long[] previous = last.computeIfAbsent(operator, k -> new long[] {Long.MIN_VALUE});
    if (previous[0] != Long.MIN_VALUE) {
      if (t < previous[0]) {
        back++;
      } else if (t > previous[0]) {
        forward++;
      }
    }
    previous[0] = t;
  }

  /** Takes the order as time order without looking (lines that arrive as they are written). */
  void assumeForward() {
    forward = Math.max(forward, STEPS);
  }

  /** Whether enough steps were seen to decide. */
  boolean decided() {
    return back + forward >= STEPS;
  }

  /** Whether the steps seen say the log runs backwards. */
  boolean backwards() {
    if (decided()) {
      return back * 4 >= (back + forward) * 3;
    }
    return back >= FEW && back >= 3 * forward;
  }

  /** The evidence, for the error line. */
  String steps() {
    return back + " of " + (back + forward) + " steps between records go back in time";
  }
}
