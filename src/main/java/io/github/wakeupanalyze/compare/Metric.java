package io.github.wakeupanalyze.compare;

import java.util.List;
import java.util.Locale;

/**
 * What compare measures on each side. Operator- and controller-level metrics come first, then the
 * unload metrics (per operator and unload-after time). Every metric may be named in a {@code
 * --fail-on} rule; shares (in [0, 1]) also accept {@code pp} thresholds.
 */
public enum Metric {
  /** Reconciles per hour of the side's observed window. */
  WAKEUPS_PER_HOUR("wakeups-per-hour", false, false, "reconciles per hour"),
  /** Timer-driven reconciles per hour. */
  TIMER_WAKEUPS_PER_HOUR(
      "timer-wakeups-per-hour", false, false, "timer-driven reconciles per hour"),
  /** Timer-driven reconciles / reconciles. */
  TIMER_SHARE("timer-share", true, false, "share"),
  /** Timers found (delays), summed over controllers. */
  TIMERS("timers", false, false, "timers found, a count"),
  /** API writes / reconciles. */
  WRITES_PER_WAKEUP("writes-per-wakeup", false, false, "API writes per reconcile"),
  /** Reconciles that ended in error / reconciles. */
  ERROR_SHARE("error-share", true, false, "share"),
  /** Unload model, as observed: reloads per hour. */
  RELOADS_PER_HOUR("reloads-per-hour", false, true, "reloads per hour"),
  /** Unload model, as observed: unloaded time / window. */
  UNLOADED_SHARE("unloaded-share", true, true, "share"),
  /** Unload model without timer-driven reconciles: reloads per hour. */
  RELOADS_PER_HOUR_WITHOUT_TIMERS(
      "reloads-per-hour-without-timers", false, true, "reloads per hour"),
  /** Unload model without timer-driven reconciles: unloaded time / window. */
  UNLOADED_SHARE_WITHOUT_TIMERS("unloaded-share-without-timers", true, true, "share"),
  /** Reloads the timers cost per hour: observed minus without timers. */
  RELOADS_AVOIDABLE_PER_HOUR("reloads-avoidable-per-hour", false, true, "reloads per hour"),
  /** Unloaded share removing the timers would gain: without timers minus observed. */
  UNLOADED_SHARE_GAINABLE("unloaded-share-gainable", true, true, "share");

  /** The columns of the terminal table and of {@code compare.md}'s controller table. */
  static final List<Metric> CONTROLLER_COLUMNS =
      List.of(WAKEUPS_PER_HOUR, TIMER_SHARE, TIMERS, WRITES_PER_WAKEUP, ERROR_SHARE);

  private final String cliName;
  private final boolean share;
  private final boolean unload;
  private final String unit;

  Metric(String cliName, boolean share, boolean unload, String unit) {
    this.cliName = cliName;
    this.share = share;
    this.unload = unload;
    this.unit = unit;
  }

  /** The metric's unit in words, e.g. {@code reconciles per hour}, {@code share}. */
  public String unit() {
    return unit;
  }

  /** The name in rules and Markdown, e.g. {@code wakeups-per-hour}. */
  public String cliName() {
    return cliName;
  }

  /** The key in compare.json, e.g. {@code wakeups_per_hour}. */
  public String jsonName() {
    return cliName.replace('-', '_');
  }

  public boolean share() {
    return share;
  }

  public boolean unload() {
    return unload;
  }

  public static Metric fromCliName(String name) {
    for (Metric m : values()) {
      if (m.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    return null;
  }
}
