package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's accuracy suite on the product simulator ({@code wakeup-analyze simulate}): each
 * scenario is simulated, written as OTLP JSON, read back through ingest and extract (so the
 * evidence is what a real trace would give), analyzed, and scored against the simulator's labels.
 * Prints the table of measured figures and asserts the targets.
 */
class SimulatedAccuracyTest {

  record Row(
      String name,
      boolean evidence,
      int scored,
      double macroF1,
      double causeAcc,
      int causeN,
      double delayErr,
      int falseTimerStreams,
      int streams,
      String timers,
      String confusion) {}

  static final String OP =
      """
      name: %s
      seed: %d
      duration: %s
      operators:
        - service: op
          scope: example.com/op
          framework: %s
          %s
          watchLatency: {median: 3ms, sigma: 0.5}
          controllers:
            - name: ctl
              group: example.com
              version: v1
              kind: Widget
              resource: widgets
              objects: %s
              duration: {median: %s, sigma: %s}
      %s
      """;

  static Scenario scenario(
      String name,
      long seed,
      String duration,
      String framework,
      String queue,
      String objects,
      String median,
      String sigma,
      String extra)
      throws Exception {
    String indented = extra.lines().map(l -> "        " + l).reduce("", (a, b) -> a + b + "\n");
    String q =
        framework.equals("kube-rs")
            ? "# the kube-rs scheduler keeps the earliest request"
            : "queue: " + queue;
    String yaml =
        String.format(
            Locale.ROOT, OP, name, seed, duration, framework, q, objects, median, sigma, indented);
    return ScenarioLoader.parse(yaml, name, name, Path.of("."));
  }

  static Row measure(String name, boolean evidence, Scenario sc) throws Exception {
    Accuracy.Simulated sim = Accuracy.simulate(sc, OutputFormat.OTLP_JSON);
    Map<String, Label> labels = sim.byId(false);
    Pipeline.Result result = DemoAnalysis.of(sim.trace(), AnalysisParameters.defaults());
    Analysis a =
        new Analyzer(AnalysisParameters.defaults())
            .analyze(
                result.extraction().reconciles(),
                new long[0],
                result.extraction().evidence(),
                result.extraction().windowStartNanos(),
                result.extraction().windowEndNanos());
    int[][] conf = new int[2][2];
    int causeOk = 0;
    int causeN = 0;
    Set<String> seen = new HashSet<>();
    List<Double> periods = new ArrayList<>();
    boolean anyTimerTruth = false;
    Reconcile prev = null;
    for (ClassifiedReconcile cr : a.reconciles()) {
      Reconcile r = cr.reconcile();
      Label truth = labels.get(r.traceIdHex() + r.spanIdHex());
      boolean first = seen.add(r.key().toString());
      Reconcile before = first ? null : prev;
      prev = r;
      if (truth == null || first) {
        continue;
      }
      int t = truth.truth() == Trigger.TIMER ? 1 : 0;
      anyTimerTruth |= t == 1;
      conf[t][cr.classification().trigger() == Trigger.TIMER ? 1 : 0]++;
      if (truth.periodNanos() > 0 && truth.cause() == Cause.REQUEUE) {
        periods.add(truth.periodNanos() / 1e9);
      }
      boolean ev =
          r.reason() != null
              || (truth.cause() == Cause.SELF_WRITE
                  && before != null
                  && before.calls().writes() > 0)
              || (truth.cause() == Cause.ERROR_RETRY && before != null && before.error())
              || (truth.cause() == Cause.EXTERNAL_EVENT
                  && !result.extraction().evidence().writes().isEmpty());
      if (ev) {
        causeN++;
        causeOk += truth.cause() == cr.classification().cause() ? 1 : 0;
      }
    }
    List<Double> errs = new ArrayList<>();
    int falseTimers = 0;
    for (StreamResult s : a.streams()) {
      for (TimerFinding f : s.timers()) {
        if (f.source() != TimerSource.REQUEUE) {
          continue;
        }
        if (!anyTimerTruth) {
          falseTimers++;
        }
        double best = Double.NaN;
        for (double p : periods) {
          if (Double.isNaN(best)
              || Math.abs(p - f.delaySeconds()) < Math.abs(best - f.delaySeconds())) {
            best = p;
          }
        }
        if (!Double.isNaN(best)) {
          errs.add(Math.abs(f.delaySeconds() - best) / best);
        }
      }
    }
    StringBuilder timers = new StringBuilder();
    for (ControllerResult c : a.controllers()) {
      for (TimerFinding f : c.timers()) {
        timers.append(
            String.format(
                Locale.ROOT,
                "%s %.3fs/%s ",
                f.source().label(),
                f.delaySeconds(),
                f.queue().label()));
      }
    }
    double[] e = errs.stream().mapToDouble(Double::doubleValue).toArray();
    double macro = Accuracy.macroF1(conf);
    return new Row(
        name,
        evidence,
        conf[0][0] + conf[0][1] + conf[1][0] + conf[1][1],
        macro,
        causeN == 0 ? Double.NaN : (double) causeOk / causeN,
        causeN,
        e.length == 0 ? Double.NaN : Robust.median(e),
        falseTimers,
        a.streams().size(),
        timers.toString().trim(),
        String.format("[[%d %d] [%d %d]]", conf[0][0], conf[0][1], conf[1][0], conf[1][1]));
  }

  @Test
  void accuracyOnSimulatedScenarios() throws Exception {
    List<Row> rows = new ArrayList<>();
    rows.add(
        measure(
            "sample percona-mongodb (legacy queue)",
            true,
            ScenarioLoader.load(Path.of("sample-traces", "scenarios", "percona-mongodb.yaml"))));
    rows.add(
        measure(
            "sample event-driven",
            true,
            ScenarioLoader.load(Path.of("sample-traces", "scenarios", "event-driven.yaml"))));
    rows.add(
        measure(
            "sample kube-rs (object.reason)",
            true,
            ScenarioLoader.load(Path.of("sample-traces", "scenarios", "kube-rs.yaml"))));
    String percona =
        """
        requeueAfter: 5s
        calls:
          - {method: GET, path: self}
          - {method: PATCH, path: status, probability: 0.1}
        edits:
          - {type: poisson, meanInterval: 5m, visible: %s}""";
    rows.add(
        measure(
            "Percona-like 5s, rare edits, self-writes, visible",
            true,
            scenario(
                "p1",
                1,
                "40m",
                "controller-runtime",
                "legacy",
                "[ns/a, ns/b, ns/c]",
                "150ms",
                "0.35",
                String.format(percona, "apiserver"))));
    rows.add(
        measure(
            "Percona-like 5s, rare edits, timing only",
            false,
            scenario(
                "p2",
                2,
                "40m",
                "controller-runtime",
                "legacy",
                "[ns/a, ns/b, ns/c]",
                "150ms",
                "0.35",
                String.format(percona, "none"))));
    String poisson =
        """
        calls:
          - {method: GET, path: self}
        edits:
          - {type: poisson, meanInterval: 4s, visible: none}""";
    rows.add(
        measure(
            "Poisson event-driven, 200 objects",
            false,
            scenario(
                "poisson",
                3,
                "20m",
                "controller-runtime",
                "priority",
                "200",
                "20ms",
                "0.5",
                poisson)));
    String bursty =
        """
        calls:
          - {method: GET, path: self}
        edits:
          - {type: burst, meanInterval: 30s, size: 5, spacing: {min: 20ms, max: 2s}, visible: none}""";
    rows.add(
        measure(
            "bursty event-driven, 200 objects",
            false,
            scenario(
                "bursty",
                4,
                "40m",
                "controller-runtime",
                "priority",
                "200",
                "20ms",
                "0.5",
                bursty)));
    String writer =
        """
        calls:
          - {method: GET, path: self}
        edits:
          - {type: periodic, period: 7s, jitter: 0.002, visible: %s}""";
    rows.add(
        measure(
            "periodic external writer 7s, visible writes",
            true,
            scenario(
                "w1",
                5,
                "20m",
                "controller-runtime",
                "priority",
                "[ns/a, ns/b]",
                "50ms",
                "0.6",
                String.format(writer, "apiserver"))));
    rows.add(
        measure(
            "periodic external writer 7s, no visible writes",
            false,
            scenario(
                "w2",
                6,
                "20m",
                "controller-runtime",
                "priority",
                "[ns/a, ns/b]",
                "50ms",
                "0.6",
                String.format(writer, "none"))));
    rows.add(
        measure(
            "error backoff + healthy 30s requeue",
            true,
            scenario(
                "err",
                7,
                "2h",
                "controller-runtime",
                "priority",
                "[ns/a, ns/b, ns/c]",
                "20ms",
                "0.5",
                """
        requeueAfter: 30s
        errors: {probability: 0.05, run: 6}
        calls:
          - {method: GET, path: self}
        edits:
          - {type: poisson, meanInterval: 10m, visible: apiserver}""")));
    rows.add(
        measure(
            "SyncPeriod resync 10m over 200 objects",
            false,
            scenario(
                "resync",
                8,
                "65m",
                "controller-runtime",
                "priority",
                "200",
                "20ms",
                "0.5",
                """
        syncPeriod: 10m
        calls:
          - {method: GET, path: self}
        edits:
          - {type: poisson, meanInterval: 15m, visible: none}""")));
    String kube =
        """
        requeueAfter: 5s
        omitReason: %s
        calls:
          - {method: GET, path: self}
        edits:
          - {type: poisson, meanInterval: 5s, visible: none}""";
    rows.add(
        measure(
            "kube-rs 5s requeue, object.reason",
            true,
            scenario(
                "k1",
                9,
                "30m",
                "kube-rs",
                "legacy",
                "[ns/a, ns/b]",
                "20ms",
                "0.5",
                String.format(kube, "false"))));
    rows.add(
        measure(
            "kube-rs 5s requeue, no object.reason",
            false,
            scenario(
                "k2",
                10,
                "30m",
                "kube-rs",
                "legacy",
                "[ns/a, ns/b]",
                "20ms",
                "0.5",
                String.format(kube, "true"))));
    rows.add(
        measure(
            "two timers 5s not ready / 60s ready, priority",
            false,
            scenario(
                "two",
                11,
                "2h",
                "controller-runtime",
                "priority",
                "[ns/a, ns/b]",
                "20ms",
                "0.5",
                """
        requeueAfter: 5s
        whenReady: {after: 3m, requeueAfter: 60s}
        calls:
          - {method: GET, path: self}
        edits:
          - {type: poisson, meanInterval: 15m, visible: none}""")));
    rows.add(
        measure(
            "heavy drift 2s requeue, reconciles 50ms-1.5s",
            false,
            scenario(
                "drift",
                12,
                "30m",
                "controller-runtime",
                "priority",
                "[ns/a, ns/b]",
                "270ms",
                "0.6",
                """
        requeueAfter: 2s
        calls:
          - {method: GET, path: self}
        edits:
          - {type: poisson, meanInterval: 20s, visible: none}""")));
    rows.add(
        measure(
            "self-trigger loops (status writes) + 10s requeue",
            true,
            scenario(
                "self",
                13,
                "30m",
                "controller-runtime",
                "priority",
                "[ns/a, ns/b]",
                "20ms",
                "0.5",
                """
        requeueAfter: 10s
        calls:
          - {method: GET, path: self}
          - {method: PATCH, path: status, probability: 0.6}
        edits:
          - {type: poisson, meanInterval: 2m, visible: none}""")));
    rows.add(
        measure(
            "event storms + 15s requeue",
            false,
            scenario(
                "storm",
                14,
                "1h",
                "controller-runtime",
                "priority",
                "[ns/a, ns/b]",
                "20ms",
                "0.5",
                """
        requeueAfter: 15s
        calls:
          - {method: GET, path: self}
        edits:
          - {type: burst, meanInterval: 2m, size: 20, spacing: {min: 10ms, max: 300ms}, visible: none}""")));

    StringBuilder sb = new StringBuilder("\nAccuracy on the simulator's labelled scenarios:\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%-50s %-7s %6s %8s %10s %9s %9s %-22s %s%n",
            "scenario",
            "evid.",
            "scored",
            "macroF1",
            "causeAcc",
            "delayErr",
            "falseTmr",
            "[[ee et] [te tt]]",
            "controller timers"));
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-50s %-7s %6d %8.4f %10s %9s %9s %-22s %s%n",
              r.name(),
              r.evidence() ? "yes" : "timing",
              r.scored(),
              r.macroF1(),
              Double.isNaN(r.causeAcc())
                  ? "-"
                  : String.format(Locale.ROOT, "%.3f(%d)", r.causeAcc(), r.causeN()),
              Double.isNaN(r.delayErr()) ? "-" : String.format(Locale.ROOT, "%.5f", r.delayErr()),
              r.falseTimerStreams() + "/" + r.streams(),
              r.confusion(),
              r.timers().length() > 60 ? r.timers().substring(0, 60) + "…" : r.timers()));
    }
    System.out.println(sb);
    for (Row r : rows) {
      if (r.name().contains("no visible writes")) {
        continue; // timing alone: reported, not asserted
      }
      assertTrue(
          r.macroF1() >= (r.evidence() ? 0.99 : 0.95), r.name() + " macro-F1 " + r.macroF1());
      assertEquals(0, r.falseTimerStreams(), r.name() + ": timers on a timer-free operator");
      if (!Double.isNaN(r.delayErr())) {
        assertTrue(r.delayErr() <= 0.01, r.name() + " delay error " + r.delayErr());
      }
      if (r.evidence() && !Double.isNaN(r.causeAcc())) {
        assertTrue(r.causeAcc() >= 0.95, r.name() + " cause accuracy " + r.causeAcc());
      }
    }
  }
}
