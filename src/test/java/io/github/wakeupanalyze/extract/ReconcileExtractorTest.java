package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReconcileExtractorTest {

  /** A span of trace {@code trace} with id {@code id} under {@code parent} (0 = root). */
  static Span span(
      int trace, int id, int parent, String name, long start, long end, String... attrs) {
    Span.Builder b =
        Span.builder()
            .service("op")
            .scope("scope")
            .traceId(0, trace)
            .spanId(id)
            .parentSpanId(parent)
            .name(name)
            .startNanos(start)
            .endNanos(end);
    for (int i = 0; i + 1 < attrs.length; i += 2) {
      b.attribute(attrs[i], attrs[i + 1]);
    }
    return b.build();
  }

  static ExtractResult extract(List<Span> spans) {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "t");
    spans.forEach(x::accept);
    return x.finish();
  }

  /** One operator reconcile: Reconcile ⊃ reconcileReplsets ⊃ GET; Reconcile ⊃ PATCH status. */
  static List<Span> oneReconcile(int trace) {
    return List.of(
        span(
            trace,
            1,
            0,
            "Reconcile",
            100,
            200,
            "controller",
            "psmdb-controller",
            "k8s.namespace.name",
            "mongodb",
            "k8s.object.name",
            "my-cluster"),
        span(trace, 2, 1, "reconcileReplsets", 110, 150),
        span(
            trace,
            3,
            2,
            "GET",
            111,
            112,
            "http.request.method",
            "GET",
            "url.full",
            "https://10.96.0.1:443/api/v1/namespaces/mongodb/pods?limit=500"),
        span(
            trace,
            4,
            1,
            "PATCH",
            160,
            170,
            "http.request.method",
            "PATCH",
            "url.full",
            "https://10.96.0.1:443/apis/psmdb.percona.com/v1/namespaces/mongodb/"
                + "perconaservermongodbs/my-cluster/status"));
  }

  @Test
  void outermostSpan_isTheReconcile_helperInsideIsFolded() {
    ExtractResult r = extract(oneReconcile(7));
    assertEquals(1, r.reconciles().size());
    Reconcile rec = r.reconciles().get(0);
    assertEquals(1, rec.spanId());
    assertEquals(new StreamKey("op", "psmdb-controller", "mongodb/my-cluster"), rec.key());
    assertEquals(1, r.nestedReconcileSpans());
    assertEquals(1, rec.calls().reads());
    assertEquals(1, rec.calls().writes());
    assertEquals(
        List.of(
            "/apis/psmdb.percona.com/v1/namespaces/mongodb/perconaservermongodbs/"
                + "my-cluster/status"),
        rec.calls().writeTargets());
  }

  @Test
  void anyArrivalOrder_givesTheSameReconciles() {
    List<Span> spans = new ArrayList<>();
    for (int t = 1; t <= 5; t++) {
      spans.addAll(oneReconcile(t));
    }
    ExtractResult inOrder = extract(spans);
    for (long seed = 0; seed < 20; seed++) {
      List<Span> shuffled = new ArrayList<>(spans);
      Collections.shuffle(shuffled, new Random(seed));
      ExtractResult r = extract(shuffled);
      assertEquals(inOrder.reconciles(), r.reconciles(), "seed " + seed);
      assertEquals(5, r.nestedReconcileSpans());
      assertEquals(0, r.orphans());
    }
  }

  @Test
  void childrenBeforeParent_areFoldedWhenTheParentArrives() {
    List<Span> spans = new ArrayList<>(oneReconcile(1));
    Collections.reverse(spans);
    Reconcile rec = extract(spans).reconciles().get(0);
    assertEquals(1, rec.spanId());
    assertEquals(2, rec.calls().total());
  }

  @Test
  void duplicates_areCountedOnce() {
    List<Span> spans = new ArrayList<>(oneReconcile(1));
    spans.addAll(oneReconcile(1));
    ExtractResult r = extract(spans);
    assertEquals(1, r.reconciles().size());
    assertEquals(4, r.duplicates());
    assertEquals(2, r.reconciles().get(0).calls().total());
  }

  @Test
  void reconcileUnderNonReconcileRoot_isStillAReconcile() {
    ExtractResult r =
        extract(
            List.of(span(1, 1, 0, "HTTP POST /webhook", 0, 10), span(1, 2, 1, "reconcile", 1, 5)));
    assertEquals(1, r.reconciles().size());
    assertEquals(2, r.reconciles().get(0).spanId());
  }

  @Test
  void missingParent_spanIsTreatedAsRoot() {
    ExtractResult r = extract(List.of(span(1, 5, 99, "Reconcile", 0, 10)));
    assertEquals(1, r.reconciles().size());
    assertEquals(1, r.orphans());
  }

  @Test
  void sameSpanIdInAnotherTrace_isAnotherSpan() {
    ExtractResult r =
        extract(List.of(span(1, 1, 0, "Reconcile", 0, 10), span(2, 1, 0, "Reconcile", 20, 30)));
    assertEquals(2, r.reconciles().size());
    assertEquals(0, r.duplicates());
  }

  @Test
  void reconcilesAreSortedByStreamThenStart_andCountedPerSource() {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "a");
    x.accept(span(1, 1, 0, "Reconcile", 50, 60, "object.ref", "b"));
    x.startSource(1, "b");
    x.accept(span(2, 1, 0, "Reconcile", 10, 20, "object.ref", "b"));
    x.accept(span(3, 1, 0, "Reconcile", 90, 95, "object.ref", "a"));
    ExtractResult r = x.finish();
    assertEquals(
        List.of("a", "b", "b"), r.reconciles().stream().map(c -> c.key().object()).toList());
    assertEquals(
        List.of(90L, 10L, 50L), r.reconciles().stream().map(Reconcile::startNanos).toList());
    assertEquals(List.of(1L, 2L), r.reconcilesPerSource());
    assertEquals(10, r.windowStartNanos());
    assertEquals(95, r.windowEndNanos());
  }

  @Test
  void kubeRsReason_isKept() {
    Reconcile r =
        extract(
                List.of(
                    span(
                        1,
                        1,
                        0,
                        "reconciling object",
                        0,
                        1,
                        "object.ref",
                        "Foo.v1.example.com/a.ns",
                        "object.reason",
                        "reconciler requested retry")))
            .reconciles()
            .get(0);
    assertEquals("reconciler requested retry", r.reason());
    assertEquals("Foo.v1.example.com/a.ns", r.key().object());
  }

  @Test
  void serverSpansOfAnotherService_areNotTheOperatorsCalls() {
    Span server =
        Span.builder()
            .service("kube-apiserver")
            .traceId(0, 1)
            .spanId(9)
            .parentSpanId(4)
            .name("PATCH")
            .kind(2)
            .attribute("http.request.method", "PATCH")
            .build();
    List<Span> spans = new ArrayList<>(oneReconcile(1));
    spans.add(server);
    assertEquals(2, extract(spans).reconciles().get(0).calls().total());
  }

  @Test
  void objectKey_rulesInOrder() {
    ExtractRules rules = ExtractRules.defaults();
    assertEquals(
        "Foo.v1.x/a.ns",
        rules.object(
            span(
                1, 1, 0, "r", 0, 0, "object.ref", "Foo.v1.x/a.ns", "namespace", "n", "name", "m")));
    assertEquals(
        "ns/obj",
        rules.object(
            span(
                1,
                1,
                0,
                "r",
                0,
                0,
                "k8s.namespace.name",
                "ns",
                "k8s.object.name",
                "obj",
                "namespace",
                "x",
                "name",
                "y")));
    assertEquals("x/y", rules.object(span(1, 1, 0, "r", 0, 0, "namespace", "x", "name", "y")));
    assertEquals(
        "ns/p",
        rules.object(span(1, 1, 0, "r", 0, 0, "k8s.namespace.name", "ns", "k8s.pod.name", "p")));
    assertEquals("*", rules.object(span(1, 1, 0, "r", 0, 0, "k8s.namespace.name", "ns")));
    assertEquals("*", rules.object(span(1, 1, 0, "r", 0, 0)));
  }

  @Test
  void objectKey_override() {
    ExtractRules rules =
        new ExtractRules(Pattern.compile(ExtractRules.DEFAULT_PATTERN), List.of("cluster", "name"));
    assertEquals(
        "c1/n",
        rules.object(
            span(1, 1, 0, "r", 0, 0, "cluster", "c1", "name", "n", "object.ref", "ignored")));
    assertEquals("*", rules.object(span(1, 1, 0, "r", 0, 0, "object.ref", "ignored")));
  }

  @Test
  void controller_fromAttributeElseScopeElseName() {
    ExtractRules rules = ExtractRules.defaults();
    assertEquals(
        "c", rules.streamKey(span(1, 1, 0, "Reconcile", 0, 0, "controller", "c")).controller());
    assertEquals("scope", rules.streamKey(span(1, 1, 0, "Reconcile", 0, 0)).controller());
    Span noScope = Span.builder().spanId(1).name("Reconcile").build();
    assertEquals("Reconcile", rules.streamKey(noScope).controller());
  }

  @Test
  void controller_ofAnAgentScope_isTheReconcilerClassLowerCased() {
    ExtractRules rules = ExtractRules.defaults();
    Span withSpan =
        Span.builder()
            .spanId(1)
            .name("WebPageReconciler.reconcile")
            .scope("io.opentelemetry.opentelemetry-instrumentation-annotations-1.16")
            .attribute("code.namespace", "org.acme.WebPageReconciler")
            .build();
    assertEquals("webpagereconciler", rules.streamKey(withSpan).controller());
    Span ownScope =
        Span.builder()
            .spanId(1)
            .name("reconcile")
            .scope("org.acme.WebPageReconciler")
            .attribute("code.namespace", "org.acme.WebPageReconciler")
            .build();
    assertEquals("org.acme.WebPageReconciler", rules.streamKey(ownScope).controller());
  }

  @Test
  void reconcilePattern_override() {
    ExtractRules rules = new ExtractRules(Pattern.compile("^sync$"), List.of());
    assertTrue(rules.isReconcile(span(1, 1, 0, "sync", 0, 0)));
    assertFalse(rules.isReconcile(span(1, 1, 0, "Reconcile", 0, 0)));
  }

  @Test
  void methodFromSpanName_whenNoAttribute() {
    assertEquals("GET", Call.methodFromName("HTTP GET"));
    assertEquals("PATCH", Call.methodFromName("patch /apis/x"));
    assertNull(Call.methodFromName("reconcileReplsets"));
    assertEquals("/a/b", Call.pathOf("https://h:1/a/b?x=1#f"));
  }
}
