package io.github.wakeupanalyze.live;

import java.util.List;

/**
 * What one analysis pass gave.
 *
 * @param view the window after the pass
 * @param firstVerdicts the reconciles new to the window since the previous pass, with their first
 *     verdict, in stream order
 */
public record Pass(LiveView view, List<FirstVerdict> firstVerdicts) {
  public Pass {
    firstVerdicts = List.copyOf(firstVerdicts);
  }
}
