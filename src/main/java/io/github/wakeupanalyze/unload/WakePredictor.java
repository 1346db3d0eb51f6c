package io.github.wakeupanalyze.unload;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.Queue;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.analyze.TimerSource;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import java.util.List;

/**
 * Predicts an object's next timer wake-up after each of its reconciles, from the timers the engine
 * found on it and the work queue's semantics (docs/method.md, step 3):
 *
 * <ul>
 *   <li><b>restarted</b> ({@link Queue#RESET}: controller-runtime's priority queue, the Java
 *       Operator SDK): every reconcile re-arms the timer, so the deadline is the last end plus the
 *       delay;
 *   <li><b>kept</b> ({@link Queue#EARLIEST}: client-go's delaying queue, the kube-rs scheduler):
 *       the earliest pending deadline wins, so an event-driven reconcile between two timer wake-ups
 *       does not move it. The pending deadline is the earliest {@code end + delay} among the
 *       reconciles since the last timer-driven one that has not yet passed when this reconcile
 *       started; one that passed while it ran wakes the object right after it (a dirty requeue).
 * </ul>
 *
 * <p>The timer is the object's RequeueAfter timer nearest in delay to the one that drove its last
 * timer-driven reconcile (the object's current state, for conditional timers), else the one that
 * drove most reconciles. Error-retry backoff, resync and external periodic sources are not
 * predicted, nor is the wake-up after a failed reconcile (the error backoff decides it).
 *
 * <p>Assumes a fixed delay (a delay computed per reconcile gives no timer to predict with) and one
 * worker per object. Cost O(n) for an object's n reconciles.
 */
public final class WakePredictor {
  /** A deadline that passed while the reconcile ran is served this soon after it ends, ns. */
  static final long DIRTY_REQUEUE_NANOS = 5_000_000L;

  private WakePredictor() {}

  /**
   * The prediction after each reconcile of one object.
   *
   * @param reconciles the object's reconciles, sorted by start, with their classifications
   * @param timers the object's timers (its {@code StreamResult}'s)
   * @return one entry per reconcile, null where nothing is predicted
   */
  public static WakePrediction[] after(
      List<ClassifiedReconcile> reconciles, List<TimerFinding> timers) {
    WakePrediction[] out = new WakePrediction[reconciles.size()];
    TimerFinding busiest = null;
    for (TimerFinding t : timers) {
      if (predictable(t) && (busiest == null || t.reconciles() > busiest.reconciles())) {
        busiest = t;
      }
    }
    if (busiest == null) {
      return out;
    }
    TimerFinding current = busiest;
    int lastFire = 0;
    int pending = 0;
    for (int i = 0; i < reconciles.size(); i++) {
      ClassifiedReconcile cr = reconciles.get(i);
      if (cr.classification().cause() == Cause.REQUEUE
          && !Double.isNaN(cr.classification().timerSeconds())) {
        TimerFinding t = nearest(timers, cr.classification().timerSeconds());
        if (t != null) {
          current = t;
          lastFire = i;
        }
      }
      Reconcile r = cr.reconcile();
      if (r.error()) {
        continue;
      }
      long delay = nanos(current.delaySeconds());
      int anchor = i;
      if (current.queue() == Queue.EARLIEST) {
        pending = Math.max(pending, lastFire);
        while (pending < i && endOf(reconciles, pending) + delay <= r.startNanos()) {
          pending++;
        }
        anchor = pending;
      }
      out[i] = at(endOf(reconciles, anchor), r.endNanos(), current);
    }
    return out;
  }

  /** The prediction for a deadline armed at {@code anchorEnd}, made once {@code end} is reached. */
  private static WakePrediction at(long anchorEnd, long end, TimerFinding t) {
    long expected = anchorEnd + nanos(t.delaySeconds());
    long earliest = anchorEnd + nanos(t.windowLowSeconds());
    long latest = anchorEnd + nanos(t.windowHighSeconds());
    if (expected < end) { // due while the reconcile ran: served right after it
      expected = end;
      earliest = Math.max(earliest, end);
      latest = Math.max(latest, end + DIRTY_REQUEUE_NANOS);
    }
    return new WakePrediction(
        anchorEnd, earliest, expected, latest, t.delaySeconds(), t.jitterSeconds(), t.queue());
  }

  /** Whether a timer drives one object at a fixed delay: a RequeueAfter with known semantics. */
  static boolean predictable(TimerFinding t) {
    return t.source() == TimerSource.REQUEUE
        && t.queue() != Queue.NOT_APPLICABLE
        && Double.isFinite(t.delaySeconds())
        && Double.isFinite(t.windowLowSeconds())
        && Double.isFinite(t.windowHighSeconds());
  }

  private static TimerFinding nearest(List<TimerFinding> timers, double delaySeconds) {
    TimerFinding best = null;
    for (TimerFinding t : timers) {
      if (predictable(t)
          && (best == null
              || Math.abs(t.delaySeconds() - delaySeconds)
                  < Math.abs(best.delaySeconds() - delaySeconds))) {
        best = t;
      }
    }
    return best;
  }

  private static long endOf(List<ClassifiedReconcile> rs, int i) {
    return rs.get(i).reconcile().endNanos();
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * 1e9);
  }
}
