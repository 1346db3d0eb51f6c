package io.github.wakeupanalyze.compare;

import java.util.List;

/**
 * One side of a comparison, whatever it was read from.
 *
 * @param source the argument as the user gave it, e.g. {@code reports/v1/summary.json}
 * @param kind what it was read as
 * @param windowNanos length of its observed window; its rates are per hour of this window
 * @param operators sorted by name
 */
public record Snapshot(
    String source, Kind kind, long windowNanos, List<OperatorSnapshot> operators) {
  /** What a side was read as. */
  public enum Kind {
    TRACE("trace"),
    SUMMARY("summary.json");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Snapshot {
    operators = List.copyOf(operators);
  }

  public double hours() {
    return windowNanos / 3.6e12;
  }
}
