package io.github.wakeupanalyze.compare;

import java.util.List;
import java.util.Map;

/**
 * Everything a comparison found, in a fixed order: operators by name, controllers by name, timers
 * by delay, unload rows by unload-after time, rule results in the order the rules were given.
 */
public record Comparison(
    Snapshot baseline,
    Snapshot candidate,
    Options options,
    List<OperatorDiff> operators,
    List<RuleResult> results) {
  public Comparison {
    operators = List.copyOf(operators);
    results = List.copyOf(results);
  }

  /**
   * What was asked.
   *
   * @param unloadAfterNanos the unload model's T values, e.g. 1 s, 5 s, 30 s
   * @param rules the {@code --fail-on} thresholds, possibly none
   * @param allowMissing when true, a rule that finds nothing to check (no operator on both sides,
   *     its metric n/a everywhere) is skipped; when false (the default) it fails the gate
   */
  public record Options(
      TimerTolerance tolerance,
      List<Long> unloadAfterNanos,
      List<Rule> rules,
      boolean allowMissing) {
    public Options {
      unloadAfterNanos = List.copyOf(unloadAfterNanos);
      rules = List.copyOf(rules);
    }

    /** Options where a rule that finds nothing to check fails the gate. */
    public Options(TimerTolerance tolerance, List<Long> unloadAfterNanos, List<Rule> rules) {
      this(tolerance, unloadAfterNanos, rules, false);
    }
  }

  /** Whether an operator, controller or timer is on both sides or one. */
  public enum Presence {
    MATCHED("matched"),
    ADDED("added"),
    REMOVED("removed");

    private final String label;

    Presence(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One operator; metrics in {@link Metric} order (operator-level ones).
   *
   * @param sampling how each side marked a sampled trace
   */
  public record OperatorDiff(
      String operator,
      Presence presence,
      Map<Metric, Change> metrics,
      List<ControllerDiff> controllers,
      List<UnloadDiff> unload,
      SamplingMarks sampling) {}

  /**
   * Each side's sampling mark ({@code sampled p≈0.10 (inferred)}, "" for a complete trace or an
   * operator absent from that side).
   */
  public record SamplingMarks(String baseline, String candidate) {
    /**
     * One sentence for the outputs when either side is sampled, "" otherwise: its counts and rates
     * are those of the kept reconciles.
     */
    public String note() {
      if (baseline.isEmpty() && candidate.isEmpty()) {
        return "";
      }
      return "baseline "
          + (baseline.isEmpty() ? "complete" : baseline)
          + ", candidate "
          + (candidate.isEmpty() ? "complete" : candidate)
          + ": counts and rates are of the kept reconciles"
          + (baseline.equals(candidate) ? "" : ", so they differ by the sampling as well");
    }
  }

  public record ControllerDiff(
      String controller, Presence presence, Map<Metric, Change> metrics, List<TimerDiff> timers) {}

  /**
   * A timer on one side or both.
   *
   * @param baseline null when added
   * @param candidate null when removed
   * @param changed true when matched but the delay or jitter moved by more than {@link
   *     Comparer#TIMER_CHANGE_FLOOR_S} and 1 % of the delay
   */
  public record TimerDiff(TimerSnapshot baseline, TimerSnapshot candidate, boolean changed) {
    public String status() {
      return baseline == null
          ? "added"
          : candidate == null ? "removed" : changed ? "changed" : "same";
    }
  }

  /** The unload model at one unload-after time; metrics are the {@link Metric#unload()} ones. */
  public record UnloadDiff(long unloadAfterNanos, Map<Metric, Change> metrics) {}

  /** How one rule fared on one subject. */
  public enum Status {
    PASS("pass"),
    FAIL("fail"),
    SKIPPED("skipped");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One rule on one subject.
   *
   * @param subject e.g. {@code demo-operator}, {@code demo-operator @ unload after 5 s}, or for
   *     new-timer {@code demo-operator / demo-controller}
   * @param change the metric's values, null for new-timer
   * @param detail one line in words, e.g. {@code new 5 s timer (21 reconciles)}
   */
  public record RuleResult(
      Rule rule, Status status, String subject, Change change, String detail) {}

  /** True when any rule failed: exit code 1. */
  public boolean regressed() {
    return results.stream().anyMatch(r -> r.status() == Status.FAIL);
  }
}
