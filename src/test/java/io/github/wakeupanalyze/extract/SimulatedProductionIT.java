package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.SamplingSource;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.SimSink;
import io.github.wakeupanalyze.simulate.SimSpan;
import io.github.wakeupanalyze.simulate.Simulator;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's production scenarios, extracted: span loss makes no phantom reconcile, sampling
 * probabilities are read as written, apiserver clock offsets are found and writes put back before
 * the reconciles they started, another service's client spans are write evidence, kube-rs bulk
 * reconciles keep their reasons.
 */
class SimulatedProductionIT {
  @TempDir Path dir;

  record Run(ExtractResult result, SimulationRun.Written written, List<Label> labels) {}

  Run run(String scenario, String format) throws Exception {
    Scenario sc = ScenarioLoader.load(Path.of("src/test/resources/scenarios", scenario + ".yaml"));
    SimulationRun.Written w =
        SimulationRun.write(sc, OutputFormat.fromCliName(format), dir, scenario);
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, w.trace().toString());
    TraceFormat f = format.startsWith("jaeger") ? TraceFormat.JAEGER_JSON : TraceFormat.OTLP_JSON;
    try (InputStream in = Files.newInputStream(w.trace())) {
      f.newReader().read(in, w.trace().toString(), x);
    }
    return new Run(x.finish(), w, labels(sc));
  }

  /** The ground truth of a scenario: the same seed simulates the same reconciles again. */
  static List<Label> labels(Scenario sc) throws Exception {
    List<Label> out = new ArrayList<>();
    Simulator.run(
        sc,
        new SimSink() {
          @Override
          public void reconcile(Label label, List<SimSpan> spans) {
            out.add(label);
          }

          @Override
          public void other(List<SimSpan> spans) {}
        });
    return out;
  }

  /**
   * External edits whose write by another service is in the evidence, at most {@code window} before
   * the reconcile it started, with each write's time moved by its service's shift (none: as
   * extracted).
   */
  static long matched(Run r, Map<String, Long> shiftByService, long window) {
    Map<String, TreeSet<Long>> byObject = new HashMap<>();
    for (ObjectWrite w : r.result().evidence().writes()) {
      if (r.labels().stream().anyMatch(l -> l.operator().equals(w.service()))) {
        continue; // the operator's own write, which the analysis tells apart by its service
      }
      long t = w.timeNanos() + shiftByService.getOrDefault(w.service(), 0L);
      byObject.computeIfAbsent(w.namespace() + "/" + w.name(), k -> new TreeSet<>()).add(t);
    }
    long n = 0;
    for (Label l : externalEdits(r)) {
      TreeSet<Long> ts = byObject.getOrDefault(l.object(), new TreeSet<>());
      Long before = ts.floor(l.startNanos());
      if (before != null && l.startNanos() - before <= window) {
        n++;
      }
    }
    return n;
  }

  /**
   * The kept reconciles started by another client's edit; not an object's first reconcile (the
   * informer's initial list, which no write precedes).
   */
  static List<Label> externalEdits(Run r) {
    Set<String> seen = new HashSet<>();
    List<Label> out = new ArrayList<>();
    List<Label> byStart = new ArrayList<>(r.labels());
    byStart.sort(Comparator.comparingLong(Label::startNanos));
    for (Label l : byStart) {
      if (seen.add(l.object())) {
        continue;
      }
      if (l.kept() && l.cause() == Cause.EXTERNAL_EVENT) {
        out.add(l);
      }
    }
    return out;
  }

  /** trace id and span id of each labelled reconcile whose span is in the trace. */
  static TreeSet<String> keptLabels(Path labels) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    List<String> lines = Files.readAllLines(labels);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[f.length - 1].equals("true")) {
        out.add(f[0] + "," + f[1]);
      }
    }
    return out;
  }

  @Test
  void spanLoss_extractsExactlyTheKeptReconciles_andMarksTheLostOnes() throws Exception {
    Run r = run("percona-span-loss-5", "otlp-json");
    TreeSet<String> extracted = new TreeSet<>();
    for (Reconcile rec : r.result().reconciles()) {
      extracted.add(rec.traceIdHex() + "," + rec.spanIdHex());
    }
    TreeSet<String> kept = keptLabels(r.written().labels());
    TreeSet<String> phantoms = new TreeSet<>(extracted);
    phantoms.removeAll(kept);
    assertEquals(Set.of(), phantoms, "phantom reconciles");
    assertEquals(kept, extracted);
    assertTrue(r.written().kept() < r.written().reconciles(), "some reconciles were lost");
    ExtractCounts c = r.result().counts();
    assertTrue(c.lostReconciles() > 0, c.toString());
    assertTrue(c.lostReconciles() <= r.written().reconciles() - r.written().kept(), c.toString());
    System.out.printf(
        "span loss 5 %%: %d of %d reconciles kept, %d extracted, %d lost ones marked, %d fragments%n",
        r.written().kept(),
        r.written().reconciles(),
        extracted.size(),
        c.lostReconciles(),
        c.fragments());
  }

  @Test
  void apiServerClockTwentyMillisecondsOff_everyExternalEditStillPrecedesItsReconcile()
      throws Exception {
    long second = 1_000_000_000L;
    for (String scenario : List.of("percona-skew-plus20", "percona-skew-minus20")) {
      Run r = run(scenario, "otlp-json");
      long edits = externalEdits(r).size();
      assertTrue(edits >= 20, scenario + ": " + edits + " external edits");
      assertEquals(edits, matched(r, Map.of(), second), scenario);
      ClockOffset o = r.result().clockOffsets().get(0);
      long raw = matched(r, Map.of(o.service(), o.offsetNanos()), second);
      if (o.offsetNanos() > 0) {
        // a write 20 ms late follows every reconcile that started within 20 ms of the edit
        assertTrue(raw < edits * 0.5, scenario + ": uncorrected, " + raw + " matched");
      }
      System.out.printf(
          "%s: %d of %d external edits matched by a preceding write (%d uncorrected)%n",
          scenario, matched(r, Map.of(), second), edits, raw);
    }
  }

  @Test
  void anotherServicesHttpPatchClientSpans_areTheWritesBehindExternalEdits() throws Exception {
    Run r = run("josdk-reschedule-2s", "otlp-json");
    long edits = externalEdits(r).size();
    assertTrue(edits >= 20, edits + " external edits");
    assertTrue(
        r.result().evidence().writes().stream().anyMatch(w -> w.service().equals("web-ui")),
        "the web-ui's client spans are writes");
    assertEquals(edits, matched(r, Map.of(), 1_000_000_000L));
    System.out.printf(
        "josdk-reschedule-2s: %d of %d external edits matched by a web-ui HTTP PATCH span%n",
        matched(r, Map.of(), 1_000_000_000L), edits);
  }

  @Test
  void kubeRsBulkReconciles_areExtractedOnceEach_withTheirReasons() throws Exception {
    Run r = run("kube-rs-bulk", "otlp-json");
    Map<String, String> reasons = new HashMap<>();
    for (Label l : r.labels()) {
      reasons.put(l.traceIdHex() + "," + l.spanIdHex(), l.reason());
    }
    assertEquals(r.labels().size(), r.result().reconciles().size(), "no phantom, none missed");
    long bulk = 0;
    for (Reconcile rec : r.result().reconciles()) {
      String key = rec.traceIdHex() + "," + rec.spanIdHex();
      assertTrue(reasons.containsKey(key), key);
      assertEquals(reasons.get(key), rec.reason(), key);
      bulk += "bulk reconcile requested".equals(rec.reason()) ? 1 : 0;
    }
    assertTrue(bulk >= 100, bulk + " bulk reconciles");
    assertEquals(0, r.result().counts().fragments());
    assertEquals(0, r.result().orphans());
  }

  @Test
  void apiServerClockOffsets_areFoundFromThePairs() throws Exception {
    for (String scenario : List.of("percona-skew-plus20", "percona-skew-minus20")) {
      Run r = run(scenario, "otlp-json");
      long expected = scenario.endsWith("plus20") ? 20_000_000L : -20_000_000L;
      ClockOffset o = r.result().clockOffsets().get(0);
      assertEquals("kube-apiserver", o.service(), scenario);
      assertEquals("percona-server-mongodb-operator", o.reference(), scenario);
      assertTrue(o.applied(), scenario);
      assertEquals(expected, o.offsetNanos(), 2_000_000, scenario + ": " + o);
      assertTrue(o.lowNanos() <= expected && expected <= o.highNanos(), scenario + ": " + o);
      System.out.printf("%s: %s%n", scenario, o);
    }
  }

  @Test
  void samplingProbabilities_areReadAsTheSamplerWroteThem() throws Exception {
    Run traceState = run("percona-sampled-10-tracestate", "otlp-json");
    for (Reconcile rec : traceState.result().reconciles()) {
      assertEquals(0.100006, rec.samplingProbability(), 1e-6);
    }
    assertEquals(SamplingSource.TRACESTATE, traceState.result().sampling().get(0).source());
    Run jaeger = run("percona-sampled-50-jaeger", "jaeger-json");
    for (Reconcile rec : jaeger.result().reconciles()) {
      assertEquals(0.5, rec.samplingProbability());
    }
    assertEquals(SamplingSource.TAG, jaeger.result().sampling().get(0).source());
  }
}
