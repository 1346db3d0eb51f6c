package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The extraction's warnings, one line each, as the CLI prints them. */
final class ExtractWarnings {
  private ExtractWarnings() {}

  /**
   * @param collisions spans kept apart, by (their service, the service that had the ids first)
   * @param sampling lines about samplers that state no probability
   */
  static List<String> of(
      ExtractCounts c, Map<List<String>, Long> collisions, List<String> sampling) {
    List<String> out = new ArrayList<>();
    TreeMap<String, Long> lines = new TreeMap<>();
    collisions.forEach(
        (pair, n) ->
            lines.put(
                String.format(
                    Locale.ROOT,
                    "%,d spans of %s have the trace and span ids of spans of %s: kept apart as"
                        + " different spans (inputs made with the same ids, e.g. one simulation"
                        + " seed)",
                    n,
                    name(pair.get(0)),
                    name(pair.get(1))),
                n));
    out.addAll(lines.keySet());
    if (c.fragments() > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d spans arrived without the reconcile they normally nest in: pieces of %,d lost"
                  + " reconciles, not counted as reconciles",
              c.fragments(),
              c.lostReconciles()));
    }
    if (c.lateSpans() > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d spans arrived more than %s of trace time after spans of their time were"
                  + " forgotten to bound memory: not checked for duplicates (a larger heap keeps"
                  + " more in memory)",
              c.lateSpans(),
              Durations.human(c.horizonNanos() / 1e9)));
    }
    if (c.lateChildren() > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d spans arrived after their reconcile was complete: counted inside it, their calls"
                  + " not summed",
              c.lateChildren()));
    }
    out.addAll(sampling);
    return out;
  }

  private static String name(String s) {
    return Names.printable(Names.abbreviate(s));
  }
}
