package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Seeded controller-runtime-like traces: each reconcile is its own trace, {@code Reconcile} ⊃
 * {@code reconcileReplsets} ⊃ {@code GET pods}, and {@code Reconcile} ⊃ {@code PATCH status}; each
 * client call has the API server's SERVER span beneath it (1 ms network delay each way), on a clock
 * {@code apiserverSkewNanos} ahead. Spans of a trace come in end order, as exporters write them.
 */
final class SyntheticTraces {
  static final String OPERATOR = "percona-operator";
  static final String APISERVER = "kube-apiserver";
  static final long MS = 1_000_000L;

  private SyntheticTraces() {}

  /** One generated reconcile: its root span id and trace, and every span of it. */
  record Trace(long traceLow, long rootId, long start, List<Span> spans) {}

  /**
   * {@code n} reconciles of {@code objects} objects, one every {@code stepNanos}, from {@code
   * start}.
   */
  static List<Trace> generate(
      long seed, int n, int objects, long start, long stepNanos, long apiserverSkewNanos) {
    Random rnd = new Random(seed);
    List<Trace> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long s = start + i * stepNanos + rnd.nextInt(1000);
      long trace = rnd.nextLong() | 1;
      long root = rnd.nextLong() | 1;
      long helper = rnd.nextLong() | 1;
      long get = rnd.nextLong() | 1;
      long patch = rnd.nextLong() | 1;
      String obj = "cluster-" + (i % objects);
      List<Span> spans = new ArrayList<>(6);
      spans.add(
          span(OPERATOR, trace, root, 0, "Reconcile", 1, s, s + 20 * MS)
              .attribute("controller", "psmdb-controller")
              .attribute("k8s.namespace.name", "mongodb")
              .attribute("k8s.object.name", obj)
              .build());
      spans.add(
          span(OPERATOR, trace, helper, root, "reconcileReplsets", 1, s + MS, s + 10 * MS).build());
      spans.add(
          client(trace, get, helper, "GET", s + 2 * MS, "/api/v1/namespaces/mongodb/pods").build());
      spans.add(server(trace, rnd.nextLong() | 1, get, "GET", s + 2 * MS, apiserverSkewNanos));
      String status =
          "/apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/" + obj + "/status";
      spans.add(client(trace, patch, root, "PATCH", s + 12 * MS, status).build());
      spans.add(server(trace, rnd.nextLong() | 1, patch, "PATCH", s + 12 * MS, apiserverSkewNanos));
      spans.sort(Comparator.comparingLong(Span::endNanos));
      out.add(new Trace(trace, root, s, spans));
    }
    return out;
  }

  /** Every span of the traces, trace after trace. */
  static List<Span> spans(List<Trace> traces) {
    List<Span> out = new ArrayList<>();
    for (Trace t : traces) {
      out.addAll(t.spans());
    }
    return out;
  }

  static Span.Builder span(
      String service, long trace, long id, long parent, String name, int kind, long s, long e) {
    return Span.builder()
        .service(service)
        .scope("scope")
        .traceId(0, trace)
        .spanId(id)
        .parentSpanId(parent)
        .name(name)
        .kind(kind)
        .startNanos(s)
        .endNanos(e);
  }

  /** A 4 ms client call starting at {@code s}. */
  private static Span.Builder client(
      long trace, long id, long parent, String method, long s, String path) {
    return span(OPERATOR, trace, id, parent, method, 3, s, s + 4 * MS)
        .attribute("http.request.method", method)
        .attribute("url.full", "https://10.96.0.1:443" + path);
  }

  /** The API server's 2 ms of a 4 ms call that started at {@code clientStart} (true time). */
  private static Span server(
      long trace, long id, long parent, String method, long clientStart, long skew) {
    long s = clientStart + MS + skew;
    return span(APISERVER, trace, id, parent, method, 2, s, s + 2 * MS)
        .attribute("http.request.method", method)
        .build();
  }
}
