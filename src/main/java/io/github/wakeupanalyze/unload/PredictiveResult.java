package io.github.wakeupanalyze.unload;

/**
 * One run of the predictive policy ({@link PredictiveModel}) over one operator's timeline.
 *
 * @param reloadLeadNanos how long before a predicted timer wake-up the runtime reloads, e.g. 1 s
 * @param windowNanos length of the observed window the model ran over
 * @param reloads reconciles that found the operator unloaded (each one pays the reload latency)
 * @param preloads loads started ahead of a predicted wake-up (loading work, no latency paid)
 * @param unloadedNanos time spent unloaded within the window; loaded time is the rest
 * @param timerWakeups timer-driven reconciles in the window
 * @param timerHidden timer-driven reconciles that found the operator already loaded: their reload
 *     latency is hidden
 * @param eventWakeups event-driven reconciles in the window
 * @param eventHidden event-driven reconciles that found the operator already loaded (another
 *     reconcile was running, or a preload for a timer happened to cover them)
 */
public record PredictiveResult(
    long reloadLeadNanos,
    long windowNanos,
    long reloads,
    long preloads,
    long unloadedNanos,
    int timerWakeups,
    int timerHidden,
    int eventWakeups,
    int eventHidden) {
  public PredictiveResult {
    if (reloadLeadNanos < 0
        || windowNanos < 0
        || reloads < 0
        || preloads < 0
        || unloadedNanos < 0
        || unloadedNanos > windowNanos
        || timerHidden < 0
        || timerHidden > timerWakeups
        || eventHidden < 0
        || eventHidden > eventWakeups
        || reloads != (long) timerWakeups - timerHidden + eventWakeups - eventHidden) {
      throw new IllegalArgumentException(
          "inconsistent predictive result: lead="
              + reloadLeadNanos
              + " window="
              + windowNanos
              + " reloads="
              + reloads
              + " unloaded="
              + unloadedNanos
              + " timer="
              + timerHidden
              + "/"
              + timerWakeups
              + " event="
              + eventHidden
              + "/"
              + eventWakeups);
    }
  }

  /** Timer-driven reconciles that paid the reload latency. */
  public int timerPaid() {
    return timerWakeups - timerHidden;
  }

  /** Share of timer-driven reconciles whose reload latency is hidden, in [0, 1]; NaN for none. */
  public double timerHiddenShare() {
    return timerWakeups == 0 ? Double.NaN : (double) timerHidden / timerWakeups;
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
