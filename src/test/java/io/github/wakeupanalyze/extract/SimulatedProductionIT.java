package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.SamplingSource;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's production scenarios, extracted: span loss makes no phantom reconcile, sampling
 * probabilities are read as written, apiserver clock offsets are found.
 */
class SimulatedProductionIT {
  @TempDir Path dir;

  record Run(ExtractResult result, SimulationRun.Written written) {}

  Run run(String scenario, String format) throws Exception {
    SimulationRun.Written w =
        SimulationRun.write(
            ScenarioLoader.load(Path.of("src/test/resources/scenarios", scenario + ".yaml")),
            OutputFormat.fromCliName(format),
            dir,
            scenario);
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, w.trace().toString());
    TraceFormat f = format.startsWith("jaeger") ? TraceFormat.JAEGER_JSON : TraceFormat.OTLP_JSON;
    try (InputStream in = Files.newInputStream(w.trace())) {
      f.newReader().read(in, w.trace().toString(), x);
    }
    return new Run(x.finish(), w);
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
    assertEquals(keptLabels(r.written().labels()), extracted);
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
