package io.github.wakeupanalyze.unload;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predictive unload policy: a runtime that unloads an operator as soon as no reconcile of it
 * runs, and reloads it a lead time {@code L} before each predicted timer wake-up, so the wake-up
 * finds it loaded and does not pay the reload latency.
 *
 * <p><b>Predictions.</b> After each reconcile of an object, its next timer wake-up is predicted by
 * {@link WakePredictor} (the same code the live server's predictions use) from the timers the
 * engine found on the object: an expected time and an interval {@code [earliest, latest]}. The
 * runtime reloads at {@code max(expected − L, end)} (it cannot act before the prediction exists, at
 * the reconcile's end) and keeps the operator loaded until the object's next reconcile starts or
 * the interval's high edge {@code latest} passes, whichever comes first: a new reconcile of the
 * object replaces the prediction (a planned reload not yet due is cancelled), and a wake-up that
 * has not come by {@code latest} is taken as not coming. Objects without a predictable timer
 * (events only, resync, error backoff, external periodic sources) get no preload.
 *
 * <p><b>Busy, loaded, hidden.</b> As in {@link UnloadModel}, the operator is busy over each
 * reconcile's closed interval {@code [start, end]}, all its controllers and objects merged. It is
 * loaded while busy or inside a preload; otherwise unloaded ({@code T = 0}). A reconcile that
 * starts while the operator is loaded (inside a preload, or while another reconcile runs) has its
 * reload latency <em>hidden</em>; one that starts while unloaded pays a reload. At the window start
 * the operator counts as loaded with nothing running (the {@link UnloadModel} convention at {@code
 * T = 0}); the window clips everything.
 *
 * <p><b>Law.</b> Each preload interval only grows with {@code L} (its end does not depend on it),
 * so the loaded time grows and the set of hidden reconciles can only grow: the hidden share of
 * timer wake-ups is monotone non-decreasing in {@code L}, and so is loaded time (the price).
 *
 * <p>Assumes loading and unloading take no time (a reload's latency is counted, not simulated), the
 * engine's timers as known in advance (found on the whole trace, as a runtime would learn them over
 * time), and one worker per object. Cost O(n log n) in the operator's n reconciles per lead.
 */
public final class PredictiveModel {
  private enum Kind {
    PRELOAD,
    TIMER,
    EVENT
  }

  /** A closed time interval of one kind, epoch ns. */
  private record Stretch(long from, long to, Kind kind) {}

  /**
   * A predicted wake-up as the runtime acts on it.
   *
   * @param madeAtNanos the end of the reconcile the prediction follows, epoch ns
   * @param expectedNanos the predicted wake-up, epoch ns
   * @param untilNanos when the preload is dropped: the earlier of the interval's high edge and the
   *     object's next reconcile start, epoch ns
   */
  private record Preload(long madeAtNanos, long expectedNanos, long untilNanos) {}

  private final List<Stretch> busy;
  private final List<Preload> preloads;

  private PredictiveModel(List<Stretch> busy, List<Preload> preloads) {
    this.busy = busy;
    this.preloads = preloads;
  }

  /**
   * One operator's timeline with its predictions, ready to run at any lead.
   *
   * @param reconciles the operator's reconciles, sorted by stream then start (as {@code
   *     Analysis.reconciles()} holds them), with their classifications
   * @param timers each object's timers (its {@code StreamResult}'s), by stream; a stream missing
   *     here gets no prediction
   */
  public static PredictiveModel of(
      List<ClassifiedReconcile> reconciles, Map<StreamKey, List<TimerFinding>> timers) {
    Map<StreamKey, List<ClassifiedReconcile>> byStream = new LinkedHashMap<>();
    List<Stretch> busy = new ArrayList<>(reconciles.size());
    for (ClassifiedReconcile cr : reconciles) {
      byStream.computeIfAbsent(cr.reconcile().key(), k -> new ArrayList<>()).add(cr);
      busy.add(
          new Stretch(
              cr.reconcile().startNanos(),
              cr.reconcile().endNanos(),
              cr.classification().trigger() == Trigger.TIMER ? Kind.TIMER : Kind.EVENT));
    }
    List<Preload> preloads = new ArrayList<>();
    byStream.forEach(
        (key, rs) -> {
          List<TimerFinding> ts = timers.get(key);
          if (ts == null || ts.isEmpty()) {
            return;
          }
          WakePrediction[] after = WakePredictor.after(rs, ts);
          for (int i = 0; i < after.length; i++) {
            WakePrediction p = after[i];
            if (p == null) {
              continue;
            }
            long until =
                i + 1 < rs.size()
                    ? Math.min(p.latestNanos(), rs.get(i + 1).reconcile().startNanos())
                    : p.latestNanos();
            preloads.add(new Preload(rs.get(i).reconcile().endNanos(), p.expectedNanos(), until));
          }
        });
    return new PredictiveModel(List.copyOf(busy), List.copyOf(preloads));
  }

  /**
   * Runs the policy at one lead over {@code [windowStart, windowEnd]}.
   *
   * @param reloadLeadNanos how long before a predicted wake-up to reload, at least 0, e.g. 1 s
   */
  public PredictiveResult run(long windowStart, long windowEnd, long reloadLeadNanos) {
    if (windowEnd < windowStart || reloadLeadNanos < 0) {
      throw new IllegalArgumentException("bad window or reload lead");
    }
    List<Stretch> all = new ArrayList<>(busy.size() + preloads.size());
    for (Stretch s : busy) {
      all.add(
          new Stretch(
              clip(s.from(), windowStart, windowEnd),
              clip(s.to(), windowStart, windowEnd),
              s.kind()));
    }
    for (Preload p : preloads) {
      long from = Math.max(p.expectedNanos() - reloadLeadNanos, p.madeAtNanos());
      if (from <= p.untilNanos() && from < windowEnd && p.untilNanos() >= windowStart) {
        all.add(
            new Stretch(
                clip(from, windowStart, windowEnd),
                clip(p.untilNanos(), windowStart, windowEnd),
                Kind.PRELOAD));
      }
    }
    all.sort(
        Comparator.comparingLong(Stretch::from)
            .thenComparing(Stretch::kind)
            .thenComparingLong(Stretch::to));
    long loadedUntil = windowStart;
    long unloaded = 0;
    long preloadsDone = 0;
    int[] wakeups = new int[Kind.values().length];
    int[] hidden = new int[Kind.values().length];
    for (Stretch s : all) {
      boolean loaded = s.from() <= loadedUntil;
      if (!loaded) {
        unloaded += s.from() - loadedUntil;
      }
      if (s.kind() == Kind.PRELOAD) {
        preloadsDone += loaded ? 0 : 1;
      } else {
        wakeups[s.kind().ordinal()]++;
        hidden[s.kind().ordinal()] += loaded ? 1 : 0;
      }
      loadedUntil = Math.max(loadedUntil, s.to());
    }
    unloaded += windowEnd - loadedUntil;
    int t = Kind.TIMER.ordinal();
    int e = Kind.EVENT.ordinal();
    return new PredictiveResult(
        reloadLeadNanos,
        windowEnd - windowStart,
        (long) wakeups[t] - hidden[t] + wakeups[e] - hidden[e],
        preloadsDone,
        unloaded,
        wakeups[t],
        hidden[t],
        wakeups[e],
        hidden[e]);
  }

  private static long clip(long t, long lo, long hi) {
    return Math.max(lo, Math.min(hi, t));
  }
}
