package io.github.wakeupanalyze.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one reconcile did, summarized from its descendant spans: API calls by HTTP method and the
 * targets (URL paths) of its writes.
 *
 * @param byMethod number of calls per upper-case method, e.g. {@code {GET=3, PATCH=1}}
 * @param writeTargets distinct URL paths written, in order of first write, at most {@link
 *     #MAX_TARGETS}
 * @param recorded false where the record cannot hold calls (a reconcile found in an operator's
 *     log): no call is then no evidence that it wrote nothing
 */
public record ApiCalls(
    SortedMap<String, Integer> byMethod, List<String> writeTargets, boolean recorded) {
  public static final int MAX_TARGETS = 8;

  /** A reconcile whose spans show no API call. */
  public static final ApiCalls NONE = new ApiCalls(new TreeMap<>(), List.of());

  /** A reconcile whose record cannot show its calls (an operator's log). */
  public static final ApiCalls UNRECORDED = new ApiCalls(new TreeMap<>(), List.of(), false);

  public ApiCalls {
    byMethod = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byMethod));
    writeTargets = List.copyOf(writeTargets);
  }

  /** Calls as a trace records them. */
  public ApiCalls(SortedMap<String, Integer> byMethod, List<String> writeTargets) {
    this(byMethod, writeTargets, true);
  }

  /** True for the methods that change state: POST, PUT, PATCH, DELETE. */
  public static boolean isWrite(String method) {
    return switch (method) {
      case "POST", "PUT", "PATCH", "DELETE" -> true;
      default -> false;
    };
  }

  public int total() {
    int n = 0;
    for (int v : byMethod.values()) {
      n += v;
    }
    return n;
  }

  public int writes() {
    int n = 0;
    for (var e : byMethod.entrySet()) {
      if (isWrite(e.getKey())) {
        n += e.getValue();
      }
    }
    return n;
  }

  public int reads() {
    return total() - writes();
  }

  // Written out (see RecordMethods): the same values as the generated ones.
  @Override
  public boolean equals(Object o) {
    return o instanceof ApiCalls c
        && Objects.equals(byMethod, c.byMethod)
        && Objects.equals(writeTargets, c.writeTargets)
        && recorded == c.recorded;
  }

  @Override
  public int hashCode() {
    return RecordMethods.hash(byMethod, writeTargets, recorded);
  }
}
