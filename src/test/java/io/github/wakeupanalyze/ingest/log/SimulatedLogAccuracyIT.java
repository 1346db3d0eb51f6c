package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.model.TriggerHint;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.SimSink;
import io.github.wakeupanalyze.simulate.SimSpan;
import io.github.wakeupanalyze.simulate.Simulator;
import io.github.wakeupanalyze.simulate.write.LogFormat;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.simulate.write.TraceWriter;
import io.github.wakeupanalyze.testing.Accuracy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Accuracy on a simulated operator's log against its trace: the bundled scenarios are simulated
 * once, written both as the operator's own OTLP JSON trace and as each of their framework's logs,
 * analyzed, and every reconcile after the first of its stream scored against the simulator's
 * labels. Prints the table.
 *
 * <p>A log holds the same reconciles as the trace (every one is found) but not their API calls, so
 * a self-triggered reconcile (the watch returning the operator's own status write) is not seen as
 * such from timing alone. What a log has instead is written down where its framework writes it:
 * kube-rs's {@code object.reason} (the classification uses it: accuracy at the trace's level),
 * JOSDK's trigger ({@code hints}: the share of reconciles whose named trigger is the true one) and
 * controller-runtime's requeue delay. For kube-rs and for an event-driven operator the log's
 * macro-F1 must be within 0.02 of the trace's; JOSDK's named triggers must all be right.
 */
class SimulatedLogAccuracyIT {

  /** One format's figures: [truth][predicted], 0 event, 1 timer. */
  record Score(String name, int labels, int matched, int[][] confusion, double hints) {
    double macroF1() {
      return Accuracy.macroF1(confusion);
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "%-34s %6d %7d %8.4f %6s  [[%d %d] [%d %d]]",
          name,
          labels,
          matched,
          macroF1(),
          Double.isNaN(hints) ? "-" : String.format(Locale.ROOT, "%.3f", hints),
          confusion[0][0],
          confusion[0][1],
          confusion[1][0],
          confusion[1][1]);
    }
  }

  private static Scenario load(String file) throws Exception {
    return ScenarioLoader.load(Path.of("sample-traces/scenarios", file))
        .withDuration(12L * 60 * 1_000_000_000L);
  }

  /** Simulates once into a trace writer and a log writer, and scores both. */
  private static Score[] measure(String name, Scenario sc, LogFormat log) throws IOException {
    ByteArrayOutputStream traceBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    List<Label> labels = new java.util.ArrayList<>();
    try (TraceWriter trace = OutputFormat.OTLP_JSON.open(traceBytes);
        TraceWriter logs = log.open(logBytes)) {
      Simulator.run(
          sc,
          new SimSink() {
            @Override
            public void reconcile(Label label, List<SimSpan> spans) throws IOException {
              labels.add(label);
              trace.reconcile(label, spans);
              logs.reconcile(label, spans);
            }

            @Override
            public void other(List<SimSpan> spans) throws IOException {
              // the API server's spans of other clients' writes: not in the operator's own trace
            }
          });
    }
    Map<String, Label> byId = new HashMap<>();
    Map<String, Label> byObjectStart = new HashMap<>();
    long res = log.resolutionNanos();
    for (Label l : labels) {
      byId.put(l.traceIdHex() + l.spanIdHex(), l);
      byObjectStart.put(
          objectOf(l) + "@" + (l.startNanos() - Math.floorMod(l.startNanos(), res)), l);
    }
    Pipeline.Result t = analyze(traceBytes.toByteArray());
    Pipeline.Result g = analyze(logBytes.toByteArray());
    Score traceScore =
        score(name + " trace", labels.size(), t, r -> byId.get(r.traceIdHex() + r.spanIdHex()));
    Score logScore =
        score(
            name + " " + log.name().toLowerCase(Locale.ROOT),
            labels.size(),
            g,
            r -> byObjectStart.get(r.key().object() + "@" + r.startNanos()));
    return new Score[] {traceScore, logScore};
  }

  /** The object as a log names it: {@code namespace/name}, or the kube-rs object ref. */
  private static String objectOf(Label l) {
    return l.object();
  }

  private static Pipeline.Result analyze(byte[] bytes) {
    Pipeline.Result r =
        Pipeline.run(
            new Pipeline.Request(
                List.of("-"),
                ReadOptions.AUTO,
                ExtractRules.defaults(),
                AnalysisParameters.defaults(),
                new long[0],
                new ByteArrayInputStream(bytes)));
    assertTrue(!r.anyFailed(), r.inputs().toString());
    return r;
  }

  private static Score score(
      String name,
      int labels,
      Pipeline.Result result,
      java.util.function.Function<io.github.wakeupanalyze.model.Reconcile, Label> truthOf) {
    int[][] confusion = new int[2][2];
    int matched = 0;
    int hinted = 0;
    int hintedRight = 0;
    Set<String> seen = new HashSet<>();
    for (ClassifiedReconcile cr : result.analysis().reconciles()) {
      Label truth = truthOf.apply(cr.reconcile());
      if (truth == null) {
        continue;
      }
      matched++;
      if (seen.add(cr.reconcile().key().toString())) {
        continue; // the first of a stream has no history
      }
      int tr = truth.truth() == Trigger.TIMER ? 1 : 0;
      int p = cr.classification().trigger() == Trigger.TIMER ? 1 : 0;
      confusion[tr][p]++;
      TriggerHint hint = cr.reconcile().hint();
      if (hint != null) {
        hinted++;
        hintedRight += (hint == TriggerHint.EVENT ? 0 : 1) == tr ? 1 : 0;
      }
    }
    return new Score(
        name, labels, matched, confusion, hinted == 0 ? Double.NaN : (double) hintedRight / hinted);
  }

  @Test
  void logs_classifyAsWellAsTheTrace() throws Exception {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-34s %6s %7s %8s %6s  %s%n",
                "scenario / input",
                "labels",
                "matched",
                "macroF1",
                "hints",
                "[[ee et] [te tt]]"));
    Map<String, LogFormat[]> plan = new java.util.LinkedHashMap<>();
    plan.put(
        "percona-mongodb.yaml",
        new LogFormat[] {
          LogFormat.ZAP_JSON,
          LogFormat.ZAP_CONSOLE,
          LogFormat.KLOG,
          LogFormat.JOSDK,
          LogFormat.JOSDK_LOGBACK,
          LogFormat.JOSDK_JSON
        });
    plan.put(
        "kube-rs.yaml",
        new LogFormat[] {
          LogFormat.KUBE_RS_FULL, LogFormat.KUBE_RS_COMPACT, LogFormat.KUBE_RS_JSON
        });
    plan.put("event-driven.yaml", new LogFormat[] {LogFormat.ZAP_JSON, LogFormat.JOSDK_JSON});
    StringBuilder failures = new StringBuilder();
    for (var e : plan.entrySet()) {
      Scenario sc = load(e.getKey());
      String name = e.getKey().replace(".yaml", "");
      boolean traceRow = true;
      for (LogFormat f : e.getValue()) {
        Score[] s = measure(name, sc, f);
        if (traceRow) {
          table.append(s[0].row()).append('\n');
          traceRow = false;
        }
        table.append(s[1].row()).append('\n');
        assertEquals(s[0].labels(), s[1].matched(), s[1].name() + ": every reconcile is found");
        boolean josdk = f.name().startsWith("JOSDK");
        if (josdk && s[1].hints() < 1.0) {
          failures.append(s[1].name()).append(" (hints) ");
        }
        boolean evidenceUsed = f.name().startsWith("KUBE_RS") || name.equals("event-driven");
        if (evidenceUsed && s[1].macroF1() < s[0].macroF1() - 0.02) {
          failures.append(s[1].name()).append(' ');
        }
      }
    }
    System.out.print(table);
    assertEquals("", failures.toString(), "below what the log can say:\n" + table);
  }
}
