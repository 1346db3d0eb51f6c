package io.github.wakeupanalyze.model;

/** Why a reconcile ran, finely. Each cause belongs to one {@link Trigger}, except UNKNOWN. */
public enum Cause {
  /** A change to the watched object (or one it owns or watches) by another client. */
  EXTERNAL_EVENT("external-event"),
  /** The operator's own write to the object, returned by the watch. */
  SELF_WRITE("self-write"),
  /** A RequeueAfter / {@code Action::requeue} timer. */
  REQUEUE("requeue"),
  /** The informer's periodic resync (controller-runtime SyncPeriod). */
  RESYNC("resync"),
  /** Backoff after an error return. */
  ERROR_RETRY("error-retry"),
  /**
   * The Java Operator SDK's {@code maxReconciliationInterval}: a per-object timer armed after every
   * reconcile that asked for no reschedule, restarted by every event (not a resync: no burst).
   */
  MAX_INTERVAL("max-interval"),
  /** Nothing tells: e.g. the first reconcile of a stream. */
  UNKNOWN("unknown");

  private final String label;

  Cause(String label) {
    this.label = label;
  }

  /** The word used in CSV and JSON outputs, e.g. {@code external-event}. */
  public String label() {
    return label;
  }

  public static Cause fromLabel(String label) {
    for (Cause c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown cause \"" + label + "\"");
  }
}
