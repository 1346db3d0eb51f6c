package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import org.junit.jupiter.api.Test;

class EvidenceExtractionTest {
  static Span span(
      String service,
      long trace,
      long id,
      long parent,
      String name,
      int kind,
      long start,
      long end,
      String... attrs) {
    Span.Builder b =
        Span.builder()
            .service(service)
            .traceId(0, trace)
            .spanId(id)
            .parentSpanId(parent)
            .name(name)
            .kind(kind)
            .startNanos(start)
            .endNanos(end);
    for (int i = 0; i < attrs.length; i += 2) {
      b.attribute(attrs[i], attrs[i + 1]);
    }
    return b.build();
  }

  @Test
  void writesOutsideReconciles_areEvidence_writesInside_areTheReconcilesOwn() {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "t");
    // the operator's reconcile with its own PATCH (child arrives first)
    x.accept(
        span(
            "op",
            1,
            11,
            10,
            "PATCH",
            3,
            110,
            120,
            "http.request.method",
            "PATCH",
            "url.full",
            "https://k/apis/example.com/v1/namespaces/ns/widgets/a/status"));
    x.accept(
        span(
            "op",
            1,
            10,
            0,
            "Reconcile",
            1,
            100,
            200,
            "k8s.namespace.name",
            "ns",
            "k8s.object.name",
            "a"));
    // kube-apiserver span of another client's write, in its own trace
    x.accept(
        span(
            "kube-apiserver",
            2,
            20,
            0,
            "PATCH",
            2,
            50,
            60,
            "http.request.method",
            "PATCH",
            "url.path",
            "/apis/example.com/v1/namespaces/ns/widgets/a",
            "user_agent.original",
            "kubectl/v1.31"));
    // a client span naming the object by attributes
    x.accept(
        span(
            "argocd",
            3,
            30,
            0,
            "PUT widget",
            3,
            70,
            80,
            "http.method",
            "PUT",
            "k8s.namespace.name",
            "ns",
            "k8s.object.name",
            "b"));
    // a read is no evidence
    x.accept(
        span(
            "kubectl",
            4,
            40,
            0,
            "GET",
            3,
            70,
            80,
            "http.request.method",
            "GET",
            "url.path",
            "/apis/example.com/v1/namespaces/ns/widgets/a"));
    // a reconcile triggered through a link
    x.accept(
        Span.builder()
            .service("op")
            .traceId(0, 5)
            .spanId(50)
            .name("Reconcile")
            .kind(1)
            .startNanos(300)
            .endNanos(310)
            .attribute("k8s.namespace.name", "ns")
            .attribute("k8s.object.name", "a")
            .link(new SpanLink(0, 2, 20))
            .build());
    ExtractResult r = x.finish();
    assertEquals(2, r.reconciles().size());
    assertEquals(1, r.reconciles().get(0).calls().writes());
    assertEquals(2, r.evidence().writes().size());
    ObjectWrite w = r.evidence().writes().get(0);
    assertEquals(60, w.timeNanos());
    assertEquals("ns", w.namespace());
    assertEquals("a", w.name());
    assertEquals("widgets", w.resource());
    assertEquals("kubectl/v1.31", w.client());
    assertEquals("b", r.evidence().writes().get(1).name());
    assertEquals(1, r.evidence().links().size());
    assertEquals(20, r.evidence().links().get(0).linked().spanId());
    assertEquals(50, r.evidence().links().get(0).reconcileSpanId());
  }

  @Test
  void anotherServicesClientSpan_javaStyleHttpPatch_isWriteEvidence_atItsStart() {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "t");
    // the writer's own root span, and its client call: "HTTP PATCH" with only url.full
    x.accept(span("external-writer", 7, 70, 0, "edit webpage", 1, 1_000, 9_000));
    x.accept(
        span(
            "external-writer",
            7,
            71,
            70,
            "HTTP PATCH",
            3,
            2_000,
            8_000,
            "url.full",
            "http://localhost:43251/apis/sample.javaoperatorsdk/v1/namespaces/default/webpages/"
                + "test1?fieldManager=fabric8"));
    // the operator saw the watch event and started before the writer had its response
    x.accept(
        span(
            "webpage-operator",
            8,
            80,
            0,
            "reconcile",
            1,
            5_000,
            6_000,
            "resource.namespace",
            "default",
            "resource.name",
            "test1"));
    ExtractResult r = x.finish();
    assertEquals(1, r.evidence().writes().size());
    ObjectWrite w = r.evidence().writes().get(0);
    assertEquals("PATCH", w.method());
    assertEquals("default", w.namespace());
    assertEquals("test1", w.name());
    assertEquals("webpages", w.resource());
    assertEquals("external-writer", w.service());
    assertEquals(2_000, w.timeNanos(), "the start: the change may be seen before the response");
    assertEquals("default/test1", r.reconciles().get(0).key().object(), "JOSDK's resource.* keys");
  }
}
