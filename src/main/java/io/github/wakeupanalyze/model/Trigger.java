package io.github.wakeupanalyze.model;

import java.util.Locale;

/** Why a reconcile ran, coarsely: an event in the world, or a timer inside the operator. */
public enum Trigger {
  EVENT,
  TIMER;

  /** The word used in CSV and JSON outputs: {@code event} or {@code timer}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
