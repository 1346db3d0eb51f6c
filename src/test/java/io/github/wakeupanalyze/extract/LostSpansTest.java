package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spans lost on the way never make phantom reconciles; lost reconciles are marked. */
class LostSpansTest {
  static ExtractResult extract(List<Span> spans) {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "t");
    spans.forEach(x::accept);
    return x.finish();
  }

  /** Drops each span with probability {@code q}, seeded. */
  static List<Span> drop(List<Span> spans, double q, long seed) {
    Random rnd = new Random(seed);
    List<Span> kept = new ArrayList<>();
    for (Span s : spans) {
      if (rnd.nextDouble() >= q) {
        kept.add(s);
      }
    }
    return kept;
  }

  @Test
  void randomSpanLoss_neverMakesAPhantomReconcile_andMarksEachLostOne() {
    List<SyntheticTraces.Trace> traces =
        SyntheticTraces.generate(7, 1000, 5, 1_000_000_000_000L, 5_000_000_000L, 0);
    for (long seed = 1; seed <= 3; seed++) {
      List<Span> kept = drop(SyntheticTraces.spans(traces), 0.05, seed);
      Set<Long> keptIds = new HashSet<>();
      kept.forEach(s -> keptIds.add(s.spanId()));
      int roots = 0;
      int lostWithHelper = 0;
      for (SyntheticTraces.Trace t : traces) {
        boolean root = keptIds.contains(t.rootId());
        roots += root ? 1 : 0;
        boolean helper = t.spans().stream().anyMatch(s -> s.name().equals("reconcileReplsets"));
        boolean helperKept =
            t.spans().stream()
                .anyMatch(
                    s -> s.name().equals("reconcileReplsets") && keptIds.contains(s.spanId()));
        if (!root && helper && helperKept) {
          lostWithHelper++;
        }
      }
      ExtractResult r = extract(kept);
      Set<Long> rootIds = new HashSet<>();
      traces.forEach(t -> rootIds.add(t.rootId()));
      for (Reconcile rec : r.reconciles()) {
        assertTrue(rootIds.contains(rec.spanId()), "a phantom reconcile " + rec.spanIdHex());
      }
      assertEquals(roots, r.reconciles().size(), "seed " + seed);
      assertEquals(lostWithHelper, r.lostReconciles().size(), "seed " + seed);
      assertEquals(lostWithHelper, r.counts().fragments(), "seed " + seed);
      for (LostReconcile l : r.lostReconciles()) {
        assertEquals(SyntheticTraces.OPERATOR, l.key().operator());
        assertEquals("psmdb-controller", l.key().controller(), "learned from the nesting");
      }
    }
  }

  @Test
  void lostRoot_objectOfTheLostReconcile_comesFromWhatItWrote() {
    List<SyntheticTraces.Trace> traces = SyntheticTraces.generate(3, 50, 1, 0, 5_000_000_000L, 0);
    List<Span> spans = SyntheticTraces.spans(traces);
    long lostRoot = traces.get(10).rootId();
    spans.removeIf(s -> s.spanId() == lostRoot);
    ExtractResult r = extract(spans);
    assertEquals(49, r.reconciles().size());
    assertEquals(1, r.lostReconciles().size());
    LostReconcile l = r.lostReconciles().get(0);
    assertEquals(
        new StreamKey(SyntheticTraces.OPERATOR, "psmdb-controller", "mongodb/cluster-0"), l.key());
    assertTrue(l.startNanos() >= traces.get(10).start(), "pieces start within it");
    assertEquals(5, l.pieces(), "helper, GET, PATCH and the two server spans");
    assertEquals(1, r.counts().lostParents());
    assertEquals(0, r.evidence().writes().size(), "its own PATCH is no external write");
  }

  @Test
  void lostHelper_itsChildrenBelongToTheReconcileOfTheirTrace() {
    List<SyntheticTraces.Trace> traces = SyntheticTraces.generate(3, 20, 1, 0, 5_000_000_000L, 0);
    List<Span> spans = SyntheticTraces.spans(traces);
    Set<Long> helpers = new HashSet<>();
    spans.stream()
        .filter(s -> s.name().equals("reconcileReplsets"))
        .forEach(s -> helpers.add(s.spanId()));
    long oneHelper = helpers.iterator().next();
    spans.removeIf(s -> s.spanId() == oneHelper);
    ExtractResult r = extract(spans);
    assertEquals(20, r.reconciles().size());
    assertEquals(0, r.lostReconciles().size());
    assertEquals(1, r.orphans(), "the GET, whose parent was lost");
    for (Reconcile rec : r.reconciles()) {
      assertEquals(1, rec.calls().reads(), "the orphaned GET is counted in its reconcile");
    }
  }

  @Test
  void orphanNamedLikeTheOutermostReconcile_isAReconcile() {
    List<SyntheticTraces.Trace> traces = SyntheticTraces.generate(3, 10, 1, 0, 5_000_000_000L, 0);
    List<Span> spans = new ArrayList<>(SyntheticTraces.spans(traces));
    // a reconcile whose parent (a queue span, say) was not exported
    spans.add(
        SyntheticTraces.span(SyntheticTraces.OPERATOR, 99, 5, 77, "Reconcile", 1, 1, 2).build());
    ExtractResult r = extract(spans);
    assertEquals(11, r.reconciles().size());
    assertEquals(1, r.counts().orphanReconciles());
    assertEquals(0, r.counts().fragments());
  }

  @Test
  void anotherOperatorsReconcile_beneathThisOne_isAReconcileOfItsOwn() {
    ExtractResult r =
        extract(
            List.of(
                SyntheticTraces.span("op-a", 1, 1, 0, "Reconcile", 1, 0, 100).build(),
                SyntheticTraces.span("op-b", 1, 2, 1, "Reconcile", 1, 10, 20).build(),
                SyntheticTraces.span("op-a", 1, 3, 1, "reconcileHelper", 1, 30, 40).build()));
    assertEquals(2, r.reconciles().size());
    assertEquals(1, r.nestedReconcileSpans());
  }
}
