package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.StreamResult;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.unload.WakePrediction;

/**
 * One object as the latest pass sees it.
 *
 * @param result its timers, verdict and notes over the window
 * @param last its latest reconcile and why it ran
 * @param next its next expected timer wake-up after {@code last}, or null when no timer predicts
 *     one (no RequeueAfter timer, or the last reconcile failed)
 */
public record ObjectView(StreamResult result, ClassifiedReconcile last, WakePrediction next) {
  public StreamKey key() {
    return result.key();
  }
}
