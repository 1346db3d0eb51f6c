package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head-sampled rows of the production accuracy table, with the operator's log of the same run
 * beside the trace (controller-runtime's zap JSON, as {@code kubectl logs} prints it, read with
 * {@code --operator} naming the trace's operator). On the trace alone three p = 0.1 rows sit at
 * what timing allows ({@code TimingBoundTest}, {@code ResetQueueBoundTest}: 0.81, 0.78 and 0.69);
 * the log records every reconcile, so the kept ones are classified as in a complete trace, with the
 * trace's spans on the reconciles it kept. Scored, as in {@code ProductionAccuracyIT}, on the
 * reconciles the trace kept.
 */
class TraceBesideLogAccuracyIT {
  @TempDir Path dir;

  @Test
  void everySampledRow_reachesItsTarget_withTheOperatorsLogBesideTheTrace() throws Exception {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nSampled trace with the operator's log beside it:%n%-32s %6s %6s %8s %s%n",
                "scenario",
                "kept",
                "all",
                "macroF1",
                "[[ee et] [te tt]]"));
    for (String name : ProductionAccuracyIT.SAMPLED) {
      Scenario sc = ScenarioLoader.load(Path.of("src/test/resources/scenarios", name + ".yaml"));
      Accuracy.Simulated sim = Accuracy.simulate(sc, OutputFormat.OTLP_PROTO);
      Accuracy.Simulated logged =
          Accuracy.simulate(
              sc.withProduction(sc.production().unthinned()), OutputFormat.LOG_ZAP_JSON);
      assertEquals(sim.labels().size(), logged.labels().size(), name + ": one run");
      Path trace = Files.write(dir.resolve(name + ".otlp.pb"), sim.trace());
      Path log = Files.write(dir.resolve(name + ".log"), logged.trace());
      Pipeline.Result r = analyze(trace, log);
      Map<String, Label> kept = sim.byId(true);
      int[][] conf = confusion(r, kept);
      double f1 = Accuracy.macroF1(conf);
      table.append(
          String.format(
              Locale.ROOT,
              "%-32s %6d %6d %8.3f [[%d %d] [%d %d]]%n",
              name,
              kept.size(),
              sim.labels().size(),
              f1,
              conf[0][0],
              conf[0][1],
              conf[1][0],
              conf[1][1]));
      assertEquals(
          sim.labels().size(),
          r.extraction().reconciles().size(),
          name + ": each once " + r.extraction().warnings() + r.analysis().controllers());
      assertEquals(kept.size(), r.extraction().counts().mergedReconciles(), name);
      ControllerResult c = r.analysis().controllers().get(0);
      assertFalse(c.sampling().sampled(), name + ": complete with the log, " + c.sampling());
      assertTrue(
          c.timers().stream()
              .anyMatch(
                  t -> t.source() == TimerSource.REQUEUE && Math.abs(t.delaySeconds() - 5) < 0.1),
          name + ": the 5 s timer, " + c.timers());
      double target = name.contains("-sampled-50") ? 0.95 : 0.90;
      assertTrue(f1 >= target, name + " macro-F1 " + f1 + table);
    }
    System.out.print(table);
  }

  /**
   * The other two frameworks, head-sampled at 10 % (nothing recorded) with their own log beside the
   * trace: the Java Operator SDK's 2 s {@code rescheduleAfter} (its DEBUG log) and kube-rs's
   * periodic bulk reconciles (its tracing log, whose controller is the kind: joined by object).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "josdk-reschedule-2s, LOG_JOSDK, webpage-operator",
    "kube-rs-bulk, LOG_KUBE_RS, config-sync"
  })
  void theOtherFrameworks_sampledAtTenPercent_reachTheTargetWithTheirLog(
      String name, OutputFormat format, String operator) throws Exception {
    Scenario full = ScenarioLoader.load(Path.of("src/test/resources/scenarios", name + ".yaml"));
    Scenario sc =
        full.withProduction(
            new Scenario.Production(
                new Scenario.Sampling(0.1, true, Scenario.SamplingRecord.NONE, Map.of()),
                0,
                Map.of()));
    Accuracy.Simulated sim = Accuracy.simulate(sc, OutputFormat.OTLP_PROTO);
    Accuracy.Simulated logged = Accuracy.simulate(full, format);
    assertEquals(sim.labels().size(), logged.labels().size(), name + ": one run");
    Path trace = Files.write(dir.resolve(name + ".otlp.pb"), sim.trace());
    Path log = Files.write(dir.resolve(name + ".log"), logged.trace());
    Pipeline.Result r = analyze(trace, log, operator);
    Map<String, Label> kept = sim.byId(true);
    int[][] conf = confusion(r, kept);
    double f1 = Accuracy.macroF1(conf);
    int scored = conf[0][0] + conf[0][1] + conf[1][0] + conf[1][1];
    System.out.printf(
        Locale.ROOT,
        "%n%s sampled at 10 %%, with its log: %d kept scored, macro-F1 %.3f [[%d %d] [%d %d]]%n",
        name,
        scored,
        f1,
        conf[0][0],
        conf[0][1],
        conf[1][0],
        conf[1][1]);
    assertEquals(sim.labels().size(), r.extraction().reconciles().size(), name + ": each once");
    assertEquals(kept.size(), r.extraction().counts().mergedReconciles(), name);
    assertTrue(scored >= 20, name + ": " + scored + " kept reconciles scored");
    for (ControllerResult c : r.analysis().controllers()) {
      assertFalse(c.sampling().sampled(), name + ": " + c.sampling().mark());
    }
    assertTrue(f1 >= 0.90, name + " macro-F1 " + f1);
  }

  /** The log as kubectl logs prints it without --prefix, named as the trace's operator. */
  private static Pipeline.Result analyze(Path trace, Path log) {
    return analyze(trace, log, "percona-server-mongodb-operator");
  }

  private static Pipeline.Result analyze(Path trace, Path log, String operator) {
    return Pipeline.run(
        new Pipeline.Request(
            List.of(trace.toString(), log.toString()),
            new ReadOptions(null, operator, null),
            ExtractRules.defaults(),
            AnalysisParameters.defaults(),
            new long[0],
            null));
  }

  /** [truth][verdict] over the analyzed reconciles the trace kept, each stream's first left out. */
  private static int[][] confusion(Pipeline.Result r, Map<String, Label> kept) {
    int[][] conf = new int[2][2];
    Set<String> seen = new HashSet<>();
    for (ClassifiedReconcile cr : r.analysis().reconciles()) {
      Label truth = kept.get(cr.reconcile().traceIdHex() + cr.reconcile().spanIdHex());
      if (!seen.add(cr.reconcile().key().toString()) && truth != null) {
        conf[truth.truth() == Trigger.TIMER ? 1 : 0][
            cr.classification().trigger() == Trigger.TIMER ? 1 : 0]++;
      }
    }
    return conf;
  }

  /**
   * A log of the last hour beside a two-hour trace: analyzed over the logged hour, the kept
   * reconciles there reach the target (read as one stream under two samplings they fell to 0.53).
   */
  @Test
  void aLogOfTheLastHour_givesTheTargetOverThatHour() throws Exception {
    String name = "percona-sampled-10-tracestate";
    Scenario sc = ScenarioLoader.load(Path.of("src/test/resources/scenarios", name + ".yaml"));
    Accuracy.Simulated sim = Accuracy.simulate(sc, OutputFormat.OTLP_PROTO);
    Accuracy.Simulated logged =
        Accuracy.simulate(
            sc.withProduction(sc.production().unthinned()), OutputFormat.LOG_ZAP_JSON);
    Path trace = Files.write(dir.resolve("trace.otlp.pb"), sim.trace());
    List<String> lines =
        new String(logged.trace(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    Path log =
        Files.write(dir.resolve("last-hour.log"), lines.subList(lines.size() / 2, lines.size()));
    Pipeline.Result r = analyze(trace, log);
    int[][] conf = confusion(r, sim.byId(true));
    int scored = conf[0][0] + conf[0][1] + conf[1][0] + conf[1][1];
    double f1 = Accuracy.macroF1(conf);
    System.out.printf(
        Locale.ROOT,
        "%n%s, log of the last hour: %d kept scored, macro-F1 %.3f%n",
        name,
        scored,
        f1);
    assertTrue(scored > 150, scored + " kept reconciles in the logged hour");
    assertTrue(f1 >= 0.90, "macro-F1 " + f1);
    assertFalse(r.analysis().controllers().get(0).sampling().sampled());
  }
}
