package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.testing.OtlpJson;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded operator traces for compare tests: event-driven reconciles at random times (never a
 * timer), optionally a RequeueAfter chain, pinned so the observed window is exactly {@code [0,
 * length]}.
 */
final class CompareTraces {
  private final OtlpJson json;
  private int next = 1;

  private CompareTraces(String operator) {
    json = OtlpJson.service(operator);
  }

  static CompareTraces operator(String name) {
    return new CompareTraces(name);
  }

  CompareTraces and(String operator) {
    json.and(operator);
    return this;
  }

  /**
   * {@code n} event-driven reconciles of 100 ms on {@code ns/web}: one at 0, one ending at {@code
   * length}, the rest uniform in between (seeded), optionally writing once each.
   */
  CompareTraces events(double length, int n, long seed, boolean write) {
    Random rnd = new Random(seed);
    double[] starts = new double[n];
    starts[0] = 0;
    starts[n - 1] = length - 0.1;
    for (int i = 1; i < n - 1; i++) {
      starts[i] = 0.5 + rnd.nextDouble() * (length - 1.5);
    }
    Arrays.sort(starts);
    for (double s : starts) {
      reconcile("ns/web", s, 0.1, write);
    }
    return this;
  }

  /** Extra event-driven reconciles at the given seeded random times, all inside the window. */
  CompareTraces moreEvents(double length, int n, long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < n; i++) {
      reconcile("ns/web", 0.5 + rnd.nextDouble() * (length - 1.5), 0.1, false);
    }
    return this;
  }

  /** A RequeueAfter chain on {@code ns/db}: 150 ms reconciles, {@code delay} after each end. */
  CompareTraces timer(double length, double delay) {
    for (double t = 0.2; t + 0.15 < length; t += 0.15 + delay) {
      reconcile("ns/db", t, 0.15, false);
    }
    return this;
  }

  private void reconcile(String object, double start, double duration, boolean write) {
    int trace = next++;
    String[] ns = object.split("/");
    json.span(
        trace,
        10 * trace,
        0,
        "Reconcile",
        start,
        start + duration,
        "controller",
        "app-controller",
        "k8s.namespace.name",
        ns[0],
        "k8s.object.name",
        ns[1]);
    if (write) {
      json.span(
          trace,
          10 * trace + 1,
          10 * trace,
          "PATCH",
          start + 0.01,
          start + 0.02,
          "http.request.method",
          "PATCH",
          "url.full",
          "https://k/apis/x/v1/namespaces/ns/apps/a");
    }
  }

  String toJson() {
    return json.toJson();
  }
}
