package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code simulate} run in-process: outputs, and the exit-code contract. */
class SimulateCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new SimulateCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void simulate_writesTraceAndLabels() throws Exception {
    int code =
        run(
            "sample-traces/scenarios/kube-rs.yaml",
            "--out",
            dir.toString(),
            "--format",
            "zipkin-json",
            "--seed",
            "3",
            "--duration",
            "5m");
    assertEquals(0, code, err.toString());
    assertTrue(Files.size(dir.resolve("trace.zipkin.json")) > 0);
    assertTrue(Files.readString(dir.resolve("labels.csv")).startsWith("trace_id,span_id,"));
    assertTrue(out.toString().startsWith("wrote "), out.toString());
  }

  @Test
  void aLogOfASampledScenario_holdsEveryReconcile_andSaysThatSamplingIsForTraces()
      throws Exception {
    String scenario = "src/test/resources/scenarios/percona-sampled-10-tracestate.yaml";
    assertEquals(0, run(scenario, "--out", dir.toString(), "--duration", "5m"), err.toString());
    long traced = labels(dir.resolve("labels.csv")).filter(l -> l.endsWith(",true")).count();
    assertEquals(
        0,
        run(scenario, "--out", dir.toString(), "--duration", "5m", "--format", "log-zap-json"),
        err.toString());
    assertTrue(
        err.toString().contains("sampling and span loss apply to traces only"), err.toString());
    long reconciles = labels(dir.resolve("labels.csv")).count();
    long logged = labels(dir.resolve("labels.csv")).filter(l -> l.endsWith(",true")).count();
    assertEquals(reconciles, logged, "every reconcile is in the log");
    assertTrue(traced < reconciles / 3, traced + " of " + reconciles + " in the sampled trace");
    long starts =
        Files.readAllLines(dir.resolve("trace.zap.log")).stream()
            .filter(l -> l.contains("\"msg\":\"Reconciling\""))
            .count();
    assertEquals(reconciles, starts);
  }

  @Test
  void aLogFormatOfAnotherFramework_isNoted_perOperatorItDoesNotFit() throws Exception {
    String fleet = "src/test/resources/kafka/fleet.yaml";
    assertEquals(
        0,
        run(fleet, "--out", dir.toString(), "--duration", "1m", "--format", "log-zap-json"),
        err.toString());
    List<String> notes =
        err.toString().lines().filter(l -> l.startsWith("simulate: note: log-zap-json")).toList();
    assertEquals(
        List.of(
            "simulate: note: log-zap-json writes controller-runtime's lines, also for kube-rs"
                + " operator doc-operator, which logs otherwise: its lines name objects as"
                + " controller-runtime does, so they do not meet its trace's reconciles"),
        notes);
    err.getBuffer().setLength(0);
    assertEquals(
        0,
        run(fleet, "--out", dir.toString(), "--duration", "1m", "--format", "log-kube-rs"),
        err.toString());
    assertEquals(
        2,
        err.toString().lines().filter(l -> l.contains("which logs otherwise")).count(),
        err.toString());
  }

  private static java.util.stream.Stream<String> labels(Path file) throws java.io.IOException {
    return Files.readAllLines(file).stream().skip(1);
  }

  @Test
  void simulate_withName_writesNamedFiles() {
    assertEquals(
        0,
        run(
            "sample-traces/scenarios/event-driven.yaml",
            "--out",
            dir.toString(),
            "--name",
            "ed",
            "--duration",
            "1m"));
    assertTrue(Files.exists(dir.resolve("ed.otlp.json")));
    assertTrue(Files.exists(dir.resolve("ed.labels.csv")));
  }

  @Test
  void invalidScenario_exits3WithOneLine() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "operators: 3\n");
    assertEquals(3, run(bad.toString(), "--out", dir.toString()));
    assertEquals(bad + ": operators: expected a list, found \"3\"", err.toString().strip());
  }

  @Test
  void missingScenario_exits3() {
    assertEquals(3, run(dir.resolve("none.yaml").toString(), "--out", dir.toString()));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  @Test
  void unknownFormat_andBadDuration_exit2() {
    assertEquals(
        2, run("sample-traces/scenarios/kube-rs.yaml", "--out", dir.toString(), "--format", "xml"));
    assertTrue(err.toString().contains("unknown format \"xml\""), err.toString());
    assertEquals(
        2,
        run("sample-traces/scenarios/kube-rs.yaml", "--out", dir.toString(), "--duration", "soon"));
  }

  @Test
  void missingOut_isAUsageError() {
    assertEquals(2, run("sample-traces/scenarios/kube-rs.yaml"));
  }
}
