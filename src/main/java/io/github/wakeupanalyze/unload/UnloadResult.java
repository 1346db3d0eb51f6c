package io.github.wakeupanalyze.unload;

/**
 * One run of the unload model over one timeline.
 *
 * @param unloadAfterNanos the idle time after which the runtime unloads the operator, e.g. 5 s
 * @param windowNanos length of the observed window the model ran over
 * @param reloads reconciles that found the operator unloaded (each one a reload)
 * @param unloadedNanos time spent unloaded within the window; loaded time is the rest
 */
public record UnloadResult(
    long unloadAfterNanos, long windowNanos, long reloads, long unloadedNanos) {
  public UnloadResult {
    if (unloadAfterNanos < 0
        || windowNanos < 0
        || reloads < 0
        || unloadedNanos < 0
        || unloadedNanos > windowNanos) {
      throw new IllegalArgumentException(
          "inconsistent unload result: after="
              + unloadAfterNanos
              + " window="
              + windowNanos
              + " reloads="
              + reloads
              + " unloaded="
              + unloadedNanos);
    }
  }

  public long loadedNanos() {
    return windowNanos - unloadedNanos;
  }

  /** Unloaded time as a share of the window, in [0, 1]; NaN for an empty window. */
  public double unloadedShare() {
    return windowNanos == 0 ? Double.NaN : (double) unloadedNanos / windowNanos;
  }

  /** Reloads per hour of the window; NaN for an empty window. */
  public double reloadsPerHour() {
    return windowNanos == 0 ? Double.NaN : reloads / (windowNanos / 3.6e12);
  }
}
