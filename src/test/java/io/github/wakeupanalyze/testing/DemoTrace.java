package io.github.wakeupanalyze.testing;

/**
 * A small, fixed operator trace whose answer is known, used by golden-file and CLI tests.
 *
 * <ul>
 *   <li>{@code demo-operator}/{@code demo-controller} on {@code shop/cart}: RequeueAfter 5 s after
 *       every reconcile (durations 100–190 ms), 24 reconciles, plus 2 external edits at 33.3 s and
 *       71.1 s; every 4th reconcile writes the status.
 *   <li>{@code demo-operator}/{@code demo-controller} on {@code shop/tiny}: 3 reconciles, too few
 *       to tell.
 *   <li>{@code event-operator}/{@code web}: 12 reconciles at irregular times, no timer.
 * </ul>
 */
public final class DemoTrace {
  private DemoTrace() {}

  public static OtlpJson build() {
    OtlpJson o = OtlpJson.service("demo-operator");
    int trace = 1;
    double t = 0;
    double[] edits = {33.3, 71.1};
    int e = 0;
    for (int i = 0; i < 24; i++) {
      double duration = 0.100 + 0.01 * (i % 10);
      int id = 10 * trace;
      o.span(
          trace,
          id,
          0,
          "Reconcile",
          t,
          t + duration,
          "controller",
          "demo-controller",
          "k8s.namespace.name",
          "shop",
          "k8s.object.name",
          "cart");
      o.span(
          trace,
          id + 1,
          id,
          "GET",
          t + 0.01,
          t + 0.02,
          "http.request.method",
          "GET",
          "url.full",
          "https://10.96.0.1/apis/demo.io/v1/namespaces/shop/carts/cart");
      if (i % 4 == 3) {
        o.span(
            trace,
            id + 2,
            id,
            "PATCH",
            t + 0.05,
            t + 0.06,
            "http.request.method",
            "PATCH",
            "url.full",
            "https://10.96.0.1/apis/demo.io/v1/namespaces/shop/carts/cart/status");
      }
      trace++;
      double next = t + duration + 5.0;
      if (e < edits.length && edits[e] < next) {
        next = edits[e++];
      }
      t = next;
    }
    for (double s : new double[] {2.0, 40.0, 95.5}) {
      o.span(
          trace,
          10 * trace,
          0,
          "Reconcile",
          s,
          s + 0.2,
          "controller",
          "demo-controller",
          "k8s.namespace.name",
          "shop",
          "k8s.object.name",
          "tiny");
      trace++;
    }
    o.and("event-operator");
    double[] starts = {1.0, 4.5, 13.2, 14.0, 29.9, 41.0, 47.7, 63.3, 70.0, 88.8, 101.0, 117.4};
    for (double s : starts) {
      o.span(
          trace,
          10 * trace,
          0,
          "reconcile",
          s,
          s + 0.05,
          "controller",
          "web",
          "namespace",
          "default",
          "name",
          "site");
      trace++;
    }
    return o;
  }
}
