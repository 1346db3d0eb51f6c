package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ObservedWindow;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs merged into one analysis keep every span: identical ids in two services are two spans. */
class MergedInputsTest {
  /** The same generated traces, recorded by another operator (same seed, same ids). */
  static List<Span> renamed(List<Span> spans, String operator) {
    List<Span> out = new ArrayList<>();
    for (Span s : spans) {
      out.add(s.service().equals(SyntheticTraces.OPERATOR) ? s.withService(operator) : s);
    }
    return out;
  }

  static ExtractResult twoFiles(List<Span> a, List<Span> b) {
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, "a.json");
    a.forEach(x::accept);
    x.startSource(1, "b.json");
    b.forEach(x::accept);
    return x.finish();
  }

  @Test
  void sameIdsInAnotherService_areKeptApart_andCountedInAWarning() {
    List<Span> a = SyntheticTraces.spans(SyntheticTraces.generate(5, 300, 3, 0, 5_000_000_000L, 0));
    List<Span> b = renamed(a, "other-operator");
    ExtractResult r = twoFiles(a, b);
    assertEquals(600, r.reconciles().size());
    assertEquals(List.of(300L, 300L), r.reconcilesPerSource());
    assertEquals(600, r.duplicates(), "the API server's spans, in both files, are the same spans");
    for (Reconcile rec : r.reconciles()) {
      assertEquals(1, rec.calls().reads(), rec.key().toString());
      assertEquals(1, rec.calls().writes(), rec.key().toString());
    }
    assertEquals(4 * 300, r.counts().idCollisions(), "Reconcile, helper, GET, PATCH");
    assertEquals(0, r.orphans());
    assertTrue(
        r.warnings().stream()
            .anyMatch(
                w -> w.startsWith("1,200 spans of other-operator have the trace and span ids")),
        r.warnings()::toString);
  }

  @Test
  void theSameFileTwice_isDeDuplicated() {
    List<Span> a = SyntheticTraces.spans(SyntheticTraces.generate(5, 100, 3, 0, 5_000_000_000L, 0));
    ExtractResult r = twoFiles(a, a);
    assertEquals(100, r.reconciles().size());
    assertEquals(a.size(), r.duplicates());
    assertEquals(0, r.counts().idCollisions());
    assertTrue(r.warnings().isEmpty(), r.warnings()::toString);
  }

  @Test
  void eachOperator_hasItsOwnObservedWindow() {
    long hour = 3_600_000_000_000L;
    List<Span> early =
        SyntheticTraces.spans(SyntheticTraces.generate(1, 60, 1, 0, 60_000_000_000L, 0));
    List<Span> late =
        renamed(
            SyntheticTraces.spans(
                SyntheticTraces.generate(2, 10, 1, 10 * hour, 60_000_000_000L, 0)),
            "late-operator");
    ExtractResult r = twoFiles(early, late);
    Map<String, ObservedWindow> w = r.operatorWindows();
    assertEquals(2, w.size(), "the API server reconciles nothing: no window of its own");
    assertEquals(59 / 60.0, w.get(SyntheticTraces.OPERATOR).hours(), 0.001);
    assertEquals(9 / 60.0, w.get("late-operator").hours(), 0.001);
    assertTrue(r.window("unknown").hours() > 10, "the merged window for anyone else");
  }
}
