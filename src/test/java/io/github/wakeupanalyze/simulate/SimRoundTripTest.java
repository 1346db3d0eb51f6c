package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.extract.ReconcileExtractor;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the simulator writes, the tool reads back: the extractor finds exactly the labelled
 * reconciles, with the same ids, starts and streams.
 */
class SimRoundTripTest {
  @TempDir Path dir;

  static Scenario scenario(String file) throws Exception {
    return ScenarioLoader.load(Path.of("sample-traces/scenarios/" + file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"otlp-json", "otlp-jsonl"})
  void perconaTrace_extractsExactlyTheLabelledReconciles(String format) throws Exception {
    roundTrip(scenario("percona-mongodb.yaml").withDuration(5L * 60 * 1_000_000_000L), format);
  }

  @ParameterizedTest
  @ValueSource(strings = {"otlp-json", "otlp-jsonl"})
  void kubeRsTrace_extractsExactlyTheLabelledReconciles(String format) throws Exception {
    roundTrip(scenario("kube-rs.yaml"), format);
  }

  /**
   * A JOSDK trace (reconcile spans named {@code WebPageReconciler.reconcile}, the framework's
   * status patches as root CLIENT spans, another service's CLIENT writes): the same reconciles come
   * back. The controller is not compared: the agent's span names it by its scope.
   */
  @ParameterizedTest
  @ValueSource(strings = {"otlp-json", "otlp-jsonl"})
  void josdkTrace_extractsExactlyTheLabelledReconciles(String format) throws Exception {
    Scenario s =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/josdk-reschedule-2s.yaml"))
            .withDuration(5L * 60 * 1_000_000_000L);
    roundTrip(s, format, false);
  }

  private void roundTrip(Scenario s, String format) throws Exception {
    roundTrip(s, format, true);
  }

  private void roundTrip(Scenario s, String format, boolean controller) throws Exception {
    SimulationRun.Written w = SimulationRun.write(s, OutputFormat.fromCliName(format), dir, null);
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    x.startSource(0, w.trace().toString());
    TraceFormat.OTLP_JSON
        .newReader()
        .read(new ByteArrayInputStream(Files.readAllBytes(w.trace())), w.trace().toString(), x);
    ExtractResult result = x.finish();

    TreeSet<String> extracted = new TreeSet<>();
    for (Reconcile r : result.reconciles()) {
      extracted.add(
          String.join(
              ",",
              r.traceIdHex(),
              r.spanIdHex(),
              Long.toString(r.startNanos()),
              r.key().operator(),
              controller ? r.key().controller() : "",
              r.key().object()));
    }
    TreeSet<String> labelled = new TreeSet<>();
    List<String> lines = Files.readAllLines(w.labels());
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      labelled.add(String.join(",", f[0], f[1], f[2], f[3], controller ? f[4] : "", f[5]));
    }
    assertTrue(labelled.size() > 100, "labels " + labelled.size());
    assertEquals(w.reconciles(), labelled.size());
    assertArrayEquals(labelled.toArray(), extracted.toArray());
    assertEquals(w.spans(), result.spans());
    assertEquals(0, result.duplicates());
    assertEquals(0, result.orphans());
  }
}
