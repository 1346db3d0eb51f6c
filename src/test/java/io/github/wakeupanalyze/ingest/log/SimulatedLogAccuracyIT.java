package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
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
import io.github.wakeupanalyze.testing.DemoAnalysis;
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
 * once, written as the operator's own OTLP JSON trace, as the same trace with only its reconcile
 * spans (the timestamps a log has, without API calls), and as each of their framework's logs;
 * analyzed, and every reconcile after the first of its stream scored against the simulator's
 * labels. Prints the table.
 *
 * <p>A log holds the same reconciles as the trace: every one is found, with the trace's start and
 * end (to the log's resolution) and object. It does not hold their API calls, so a self-triggered
 * reconcile (the watch returning the operator's own status write) is told from timing alone: the
 * log must score at least as well as the reconcile-only trace (within 0.02), which is what timing
 * can do with these timestamps. What a log has instead is written down where its framework writes
 * it: kube-rs's {@code object.reason} (the classification uses it: for kube-rs, and for an
 * event-driven operator, the log's macro-F1 must be within 0.02 of the full trace's), JOSDK's
 * trigger ({@code hints}: the share of reconciles whose named trigger is the true one; all must be
 * right) and controller-runtime's requeue delay (carried as {@code requeueAfterNanos}).
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
          "%-44s %6d %7d %8.4f %6s  [[%d %d] [%d %d]]",
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
    ByteArrayOutputStream bareBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    List<Label> labels = new java.util.ArrayList<>();
    try (TraceWriter trace = OutputFormat.OTLP_JSON.open(traceBytes);
        TraceWriter bare = OutputFormat.OTLP_JSON.open(bareBytes);
        TraceWriter logs = log.open(logBytes)) {
      Simulator.run(
          sc,
          new SimSink() {
            @Override
            public void reconcile(Label label, List<SimSpan> spans) throws IOException {
              labels.add(label);
              trace.reconcile(label, spans);
              bare.reconcile(label, spans.stream().filter(x -> x.parentSpanId() == 0).toList());
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
    Pipeline.Result b = analyze(bareBytes.toByteArray());
    Pipeline.Result g = analyze(logBytes.toByteArray());
    Score traceScore =
        score(name + " trace", labels.size(), t, r -> byId.get(r.traceIdHex() + r.spanIdHex()));
    Score bareScore =
        score(
            name + " trace, reconcile spans only",
            labels.size(),
            b,
            r -> byId.get(r.traceIdHex() + r.spanIdHex()));
    assertSameReconciles(name + " " + log.name(), t, g, res);
    Score logScore =
        score(
            name + " " + log.name().toLowerCase(Locale.ROOT),
            labels.size(),
            g,
            r -> byObjectStart.get(r.key().object() + "@" + r.startNanos()));
    return new Score[] {traceScore, bareScore, logScore};
  }

  /** The log's reconciles are the trace's: same object, start and end to the log's resolution. */
  private static void assertSameReconciles(
      String name, Pipeline.Result trace, Pipeline.Result log, long res) {
    Map<String, Long> ends = new HashMap<>();
    for (ClassifiedReconcile cr : trace.analysis().reconciles()) {
      var r = cr.reconcile();
      ends.put(key(r.key().object(), r.startNanos(), res), r.endNanos() - r.endNanos() % res);
    }
    int same = 0;
    StringBuilder first = new StringBuilder();
    for (ClassifiedReconcile cr : log.analysis().reconciles()) {
      var r = cr.reconcile();
      Long end = ends.get(key(r.key().object(), r.startNanos(), res));
      if (end != null && end == r.endNanos()) {
        same++;
      } else if (first.length() == 0) {
        first
            .append(r.key())
            .append(" at ")
            .append(r.startNanos())
            .append('-')
            .append(r.endNanos());
      }
    }
    assertEquals(ends.size(), same, name + ": reconciles as in the trace; first unlike: " + first);
  }

  private static String key(String object, long startNanos, long res) {
    return object + "@" + (startNanos - Math.floorMod(startNanos, res));
  }

  /** The object as a log names it: {@code namespace/name}, or the kube-rs object ref. */
  private static String objectOf(Label l) {
    return l.object();
  }

  private static Pipeline.Result analyze(byte[] bytes) {
    Pipeline.Result r = DemoAnalysis.of(bytes, AnalysisParameters.defaults());
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
                "%-44s %6s %7s %8s %6s  %s%n",
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
        Score log = s[2];
        if (traceRow) {
          table.append(s[0].row()).append('\n').append(s[1].row()).append('\n');
          traceRow = false;
        }
        table.append(log.row()).append('\n');
        assertEquals(s[0].labels(), log.matched(), log.name() + ": every reconcile is found");
        if (log.macroF1() < s[1].macroF1() - 0.02) {
          failures.append(log.name()).append(" (below timing of the same timestamps) ");
        }
        if (log.macroF1() < 0.95) {
          failures.append(log.name()).append(" (below 0.95) ");
        }
        boolean josdk = f.name().startsWith("JOSDK");
        if (josdk && log.hints() < 1.0) {
          failures.append(log.name()).append(" (hints) ");
        }
        // where the log names the trigger, the verdict is as certain as the full trace's
        boolean evidenceUsed =
            josdk || f.name().startsWith("KUBE_RS") || name.equals("event-driven");
        if (evidenceUsed && log.macroF1() < s[0].macroF1() - 0.02) {
          failures.append(log.name()).append(' ');
        }
      }
    }
    System.out.print(table);
    assertEquals("", failures.toString(), "below what the log can say:\n" + table);
  }
}
