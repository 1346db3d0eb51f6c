package io.github.wakeupanalyze.model;

/**
 * What the record of a reconcile itself says started it, where the framework writes that down (the
 * Java Operator SDK's DEBUG log names the event source of each reconcile). Evidence for the
 * analysis, weighed like kube-rs {@code object.reason}; null on a reconcile when nothing says.
 */
public enum TriggerHint {
  /** A timer the operator asked for fired (JOSDK {@code TimerEventSource}, a requeue). */
  TIMER,
  /** A watched object changed (JOSDK {@code ControllerEventSource}, a watch event). */
  EVENT,
  /** A retry after a failed reconcile (JOSDK {@code retryInfo} not null). */
  RETRY
}
