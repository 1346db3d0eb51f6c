package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.unload.WakePrediction;

/**
 * A reconcile's verdict in the first pass that saw it: what a live consumer learns as it happens
 * (later passes, with more of the window, may classify it again; the window's current verdicts are
 * in {@link LiveView#analysis()}).
 *
 * @param predicted the object's predicted next timer wake-up after its previous reconcile, or null
 *     when there was none
 */
public record FirstVerdict(ClassifiedReconcile reconcile, WakePrediction predicted) {
  /** Whether a prediction was in force and this reconcile started inside its interval. */
  public boolean predictedHit() {
    return predicted != null && predicted.contains(reconcile.reconcile().startNanos());
  }
}
