package io.github.wakeupanalyze.analyze;

/** How the work queue treats a pending timer when an event-driven reconcile comes in between. */
public enum Queue {
  /**
   * The timer restarts after every reconcile: controller-runtime's priority queue, the Java
   * Operator SDK.
   */
  RESET("reset"),
  /**
   * The earliest deadline is kept, so an event-driven reconcile does not move the timer:
   * client-go's delaying queue, the kube-rs scheduler.
   */
  EARLIEST("earliest"),
  /** Not a per-object timer (resync). */
  NOT_APPLICABLE("n/a");

  private final String label;

  Queue(String label) {
    this.label = label;
  }

  /** The word used in reports and {@code summary.json}, e.g. {@code reset}. */
  public String label() {
    return label;
  }
}
