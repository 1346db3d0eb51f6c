package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-written reconcile streams for the engine's step tests: times in seconds. */
final class Streams {
  static final long ORIGIN = 1_700_000_000_000_000_000L;

  private Streams() {}

  /** A builder of one object's reconciles. */
  static final class Builder {
    private final StreamKey key;
    private final List<Reconcile> out = new ArrayList<>();

    Builder(String object) {
      key = new StreamKey("op", "ctl", object);
    }

    /** A reconcile [start, end] seconds from {@link #ORIGIN}, reading once. */
    Builder at(double start, double end) {
      return add(start, end, false, null, 0);
    }

    /** A reconcile that wrote {@code writes} times. */
    Builder writing(double start, double end, int writes) {
      return add(start, end, false, null, writes);
    }

    /** A reconcile that failed. */
    Builder failing(double start, double end) {
      return add(start, end, true, null, 0);
    }

    /** A kube-rs reconcile with {@code object.reason}. */
    Builder reason(double start, double end, String reason) {
      return add(start, end, false, reason, 0);
    }

    /** Reconciles at start = previous end + delay, each lasting {@code duration}, n of them. */
    Builder every(double delay, double duration, int n) {
      double s = out.isEmpty() ? 0 : (out.get(out.size() - 1).endNanos() - ORIGIN) / 1e9 + delay;
      for (int i = 0; i < n; i++) {
        at(s, s + duration);
        s += duration + delay;
      }
      return this;
    }

    private Builder add(double start, double end, boolean error, String reason, int writes) {
      TreeMap<String, Integer> calls = new TreeMap<>(Map.of("GET", 1));
      if (writes > 0) {
        calls.put("PATCH", writes);
      }
      long id = out.size() + 1L;
      out.add(
          new Reconcile(
              key,
              0,
              id,
              id,
              ORIGIN + Math.round(start * 1e9),
              ORIGIN + Math.round(end * 1e9),
              error,
              reason,
              new ApiCalls(
                  calls, writes > 0 ? List.of("/api/v1/namespaces/ns/widgets/x") : List.of()),
              0));
      return this;
    }

    List<Reconcile> build() {
      return List.copyOf(out);
    }

    StreamTimes times() {
      return new StreamTimes(build(), ORIGIN);
    }
  }

  static Builder of(String object) {
    return new Builder(object);
  }
}
