package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A run that finds no reconcile says what it read instead, in one warning: the commonest root span
 * names and the option that names the reconcile span, or that an audit log alone holds no
 * reconcile.
 */
class NoReconcileTest {
  static ExtractResult extract(List<Span> spans, String pattern) {
    ReconcileExtractor x =
        new ReconcileExtractor(new ExtractRules(Pattern.compile(pattern), List.of()));
    x.startSource(0, "t.json");
    spans.forEach(x::accept);
    return x.finish();
  }

  static List<String> noReconcile(ExtractResult r) {
    return r.warnings().stream().filter(w -> w.startsWith("no reconcile found")).toList();
  }

  @Test
  void aPatternThatMatchesNothing_namesTheCommonestRootSpans_andTheOption() {
    List<Span> spans =
        SyntheticTraces.spans(SyntheticTraces.generate(3, 40, 1, 0, 5_000_000_000L, 0));
    ExtractResult found = extract(spans, ExtractRules.DEFAULT_PATTERN);
    assertEquals(40, found.reconciles().size());
    assertEquals(List.of(), noReconcile(found), "reconciles found: no such line");

    ExtractResult none = extract(spans, "^sync$");
    assertEquals(0, none.reconciles().size());
    assertEquals(
        List.of(
            String.format(
                "no reconcile found among %,d spans: no span name matches --reconcile-span ^sync$;"
                    + " the commonest names of root spans: \"Reconcile\" (40); give"
                    + " --reconcile-span REGEX matching the operator's reconcile span",
                spans.size())),
        noReconcile(none));
  }

  @Test
  void manyDistinctNames_showTheFiveCommonest_countedExactly_andNamesArePrintable() {
    List<Span> spans = new ArrayList<>();
    long id = 1;
    for (int i = 0; i < 500; i++) { // 500 names that carry an id
      spans.add(SyntheticTraces.span("op", id, id++, 0, "GET /pods/p-" + i, 2, i, i + 1).build());
    }
    for (int i = 0; i < 30; i++) {
      spans.add(SyntheticTraces.span("op", id, id++, 0, "sync\u001b[31m", 1, i, i + 1).build());
    }
    for (int i = 0; i < 7; i++) {
      spans.add(SyntheticTraces.span("op", id, id++, 0, "GET /pods/p-3", 2, i, i + 1).build());
    }
    String w = noReconcile(extract(spans, ExtractRules.DEFAULT_PATTERN)).get(0);
    assertTrue(w.startsWith("no reconcile found among 537 spans"), w);
    // 500 names seen once fill the 64 counters and keep replacing each other; the frequent ones,
    // after them, are kept, each with the count it took over shown as a bound
    assertTrue(w.contains("root spans: \"sync?[31m\" (≤"), w);
    assertTrue(w.matches(".*\"sync.*\" \\(≤(\\d+)\\), \"GET /pods/p-3\" \\(≤\\d+\\), .*"), w);
    assertTrue(w.chars().noneMatch(c -> c < 0x20), "no control bytes: " + w);
  }

  @Test
  void anAuditLogAlone_isSaidToBeEvidenceBesideATrace() {
    List<Span> writes = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      writes.add(
          SyntheticTraces.span("kube-apiserver", i, i, 0, "PATCH", 2, i, i + 1)
              .scope(ObjectWrite.AUDIT_SCOPE)
              .attribute("http.request.method", "PATCH")
              .attribute("k8s.object.name", "a")
              .build());
    }
    assertEquals(
        List.of(
            "no reconcile found: only an audit log was read (9 writes); its writes are evidence"
                + " for the reconciles of a trace or an operator log given beside it, e.g."
                + " wakeup-analyze trace.json audit.log"),
        noReconcile(extract(writes, ExtractRules.DEFAULT_PATTERN)));
    String one = noReconcile(extract(writes.subList(0, 1), ExtractRules.DEFAULT_PATTERN)).get(0);
    assertTrue(one.contains("(1 write);"), one);
  }

  /**
   * The law of the space-saving counters: every name kept has its true count within [count −
   * overestimate, count], and every name seen in more than one of {@value RootNames#MAX_NAMES} root
   * spans is kept.
   */
  @Test
  void theCounters_boundEveryTrueCount_andKeepEveryFrequentName() {
    for (long seed = 1; seed <= 20; seed++) {
      java.util.Random r = new java.util.Random(seed);
      RootNames names = new RootNames();
      java.util.Map<String, Long> truth = new java.util.HashMap<>();
      int n = 2_000 + r.nextInt(3_000);
      for (int i = 0; i < n; i++) {
        // a skewed choice among 400 names: a few frequent, many rare
        String name = "n" + (int) Math.floor(400 * Math.pow(r.nextDouble(), 3));
        truth.merge(name, 1L, Long::sum);
        names.observe(
            SyntheticTraces.span("op", i + 1, i + 1, 0, name, 1, i, i + 1).build(), false, true);
      }
      java.util.Map<String, long[]> kept = new java.util.HashMap<>();
      names.commonest().forEach(e -> kept.put(e.getKey(), e.getValue()));
      assertTrue(kept.size() <= RootNames.MAX_NAMES);
      for (var e : kept.entrySet()) {
        long t = truth.get(e.getKey());
        long[] c = e.getValue();
        assertTrue(c[0] - c[1] <= t && t <= c[0], "seed " + seed + " " + e.getKey());
      }
      for (var e : truth.entrySet()) {
        if (e.getValue() * RootNames.MAX_NAMES > n) {
          assertTrue(kept.containsKey(e.getKey()), "seed " + seed + ": " + e);
        }
      }
    }
  }
}
