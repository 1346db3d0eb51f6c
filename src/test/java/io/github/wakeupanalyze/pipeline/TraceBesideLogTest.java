package io.github.wakeupanalyze.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A head-sampled trace with the operator's log of the same run beside it: the log holds every
 * reconcile, the trace one in ten with its spans. Read together, each reconcile counts once and the
 * stream is complete (the accuracy this gives is in {@code analyze.TraceBesideLogAccuracyIT}).
 */
class TraceBesideLogTest {
  static SimulationRun.Written trace;
  static SimulationRun.Written log;

  @BeforeAll
  static void simulate(@TempDir Path dir) throws Exception {
    Scenario s =
        ScenarioLoader.load(
                Path.of("src/test/resources/scenarios/percona-sampled-10-tracestate.yaml"))
            .withDuration(TimeUnit.MINUTES.toNanos(20));
    trace = SimulationRun.write(s, OutputFormat.OTLP_PROTO, dir, "trace");
    log = SimulationRun.write(s, OutputFormat.LOG_ZAP_JSON, dir, "log");
  }

  private static Pipeline.Result analyze(String operator, Path... inputs) {
    return Pipeline.run(
        new Pipeline.Request(
            java.util.Arrays.stream(inputs).map(Path::toString).toList(),
            new ReadOptions(null, operator, null),
            ExtractRules.defaults(),
            AnalysisParameters.defaults(),
            new long[0],
            null));
  }

  private static String operators(Pipeline.Result r) {
    return r.analysis().controllers().stream()
        .map(c -> c.operator())
        .distinct()
        .collect(Collectors.joining(","));
  }

  @Test
  void theRunIsTheSimulationsRun() {
    assertEquals(trace.reconciles(), log.reconciles(), "one run, two records");
    assertEquals(log.reconciles(), log.kept(), "the log has every reconcile");
    assertTrue(trace.kept() * 4 < trace.reconciles(), trace.kept() + " kept by the sampler");
  }

  @Test
  void eachReconcileCountsOnce_andTheStreamIsComplete() {
    Pipeline.Result r = Replay.analyze(trace.trace(), log.trace());
    assertEquals(log.reconciles(), r.extraction().reconciles().size());
    assertEquals(trace.kept(), r.extraction().counts().mergedReconciles());
    assertEquals("percona-server-mongodb-operator", operators(r));
    for (ControllerResult c : r.analysis().controllers()) {
      assertFalse(c.sampling().sampled(), c.sampling().mark());
    }
    assertTrue(
        r.extraction().warnings().stream()
            .anyMatch(w -> w.contains("both in a trace and in an operator's log")),
        r.extraction().warnings()::toString);
  }

  @Test
  void withoutTheLog_theTraceIsReadAsTheSampleItIs() {
    Pipeline.Result r = Replay.analyze(trace.trace());
    assertEquals(trace.kept(), r.extraction().reconciles().size());
    assertTrue(r.analysis().controllers().get(0).sampling().sampled());
  }

  @Test
  void aLogOfPartOfTheTracesTime_isAnalyzedOverItsTime_theTracesOtherReconcilesLeftOutAndCounted(
      @TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(log.trace());
    Path lastHalf =
        Files.write(dir.resolve("last-half.log"), lines.subList(lines.size() / 2, lines.size()));
    Pipeline.Result whole = Replay.analyze(trace.trace(), log.trace());
    Pipeline.Result half = Replay.analyze(trace.trace(), lastHalf);
    long logged = Replay.analyze(lastHalf).extraction().reconciles().size();
    assertEquals(logged, half.extraction().reconciles().size(), "the log's time, complete");
    long merged = half.extraction().counts().mergedReconciles();
    assertTrue(merged > 0 && merged < trace.kept(), merged + " of " + trace.kept());
    String left = String.valueOf(trace.kept() - merged);
    assertTrue(
        half.extraction().warnings().stream()
            .anyMatch(
                w ->
                    w.startsWith(
                            "left out: "
                                + left
                                + " reconciles of percona-server-mongodb-operator in a trace,"
                                + " outside the time its log covers")
                        && w.contains("analyze the trace alone")),
        half.extraction().warnings()::toString);
    String op = "percona-server-mongodb-operator";
    ControllerResult c = half.analysis().controllers().get(0);
    assertFalse(c.sampling().sampled(), "one record of every reconcile: " + c.sampling().mark());
    double rate = c.reconciles() / half.analysis().hours(op);
    double truth = whole.analysis().controllers().get(0).reconciles() / whole.analysis().hours(op);
    assertEquals(truth, rate, 0.05 * truth, "wake-ups/h over the logged time");
    assertTrue(half.analysis().hours(op) < 0.6 * whole.analysis().hours(op));
  }

  @Test
  void theTracesSpansStayWithTheirReconciles() {
    Pipeline.Result alone = Replay.analyze(trace.trace());
    Pipeline.Result both = Replay.analyze(trace.trace(), log.trace());
    long writesAlone =
        alone.extraction().reconciles().stream().mapToLong(r -> r.calls().writes()).sum();
    long writesBoth =
        both.extraction().reconciles().stream().mapToLong(r -> r.calls().writes()).sum();
    assertTrue(writesAlone > 0, "the sampled trace has status writes");
    assertEquals(writesAlone, writesBoth, "the log adds reconciles, not calls");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "percona-mongodb.yaml, LOG_KLOG, percona-server-mongodb-operator",
    "kube-rs.yaml, LOG_KUBE_RS, doc-operator",
    "kube-rs.yaml, LOG_KUBE_RS_JSON, doc-operator",
    "java-operator-sdk.yaml, LOG_JOSDK, webpage-operator",
    "java-operator-sdk.yaml, LOG_JOSDK_JSON, webpage-operator"
  })
  void everyFrameworksLog_meetsItsTrace_reconcileByReconcile(
      String scenario, OutputFormat format, String operator, @TempDir Path dir) throws Exception {
    Scenario s =
        ScenarioLoader.load(Path.of("sample-traces/scenarios", scenario))
            .withDuration(TimeUnit.MINUTES.toNanos(10));
    SimulationRun.Written t = SimulationRun.write(s, OutputFormat.OTLP_JSON, dir, "trace");
    SimulationRun.Written l = SimulationRun.write(s, format, dir, "log");
    Pipeline.Result r = analyze(operator, t.trace(), l.trace());
    assertEquals(
        t.reconciles(), r.extraction().reconciles().size(), r.extraction().warnings()::toString);
    assertEquals(t.reconciles(), r.extraction().counts().mergedReconciles());
    assertEquals(operator, operators(r));
    assertEquals(
        Replay.analyze(t.trace()).analysis().controllers().stream()
            .map(c -> c.controller() + "=" + c.reconciles())
            .toList(),
        r.analysis().controllers().stream()
            .map(c -> c.controller() + "=" + c.reconciles())
            .toList(),
        "the trace's controllers, each with its own reconciles");
  }

  @Test
  void aLogNamedAfterItsFile_isNamedForTheUser_andMeetsTheTraceWhenNamedAsIt(@TempDir Path dir)
      throws Exception {
    // kubectl logs without --prefix: the operator is the file's name
    Path plain = dir.resolve("operator.log");
    List<String> lines =
        Files.readAllLines(log.trace()).stream()
            .map(l -> l.replaceFirst("^\\[[^]]*] ", ""))
            .toList();
    Files.write(plain, lines);
    Pipeline.Result apart = analyze(null, trace.trace(), plain);
    assertEquals(trace.kept() + log.reconciles(), apart.extraction().reconciles().size());
    assertEquals(0, apart.extraction().counts().mergedReconciles());
    assertTrue(
        apart.extraction().warnings().stream()
            .anyMatch(
                w ->
                    w.startsWith(
                            "operator operator (from a log) and operator"
                                + " percona-server-mongodb-operator (from a trace) reconcile the same"
                                + " objects at the same times")
                        && w.contains("give --operator percona-server-mongodb-operator")),
        apart.extraction().warnings()::toString);
    Pipeline.Result named = analyze("percona-server-mongodb-operator", trace.trace(), plain);
    assertEquals(log.reconciles(), named.extraction().reconciles().size());
    assertEquals(trace.kept(), named.extraction().counts().mergedReconciles());
  }
}
