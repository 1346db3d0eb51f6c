package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.StreamResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
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
import io.github.wakeupanalyze.simulate.write.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A simulated operator written as each framework's log gives the same reconciles and the same
 * timers as the same simulation written as a timestamp CSV (start, end), and the lines that state
 * something about a reconcile reach its {@link Reconcile}: the requeue delay of controller-runtime,
 * the trigger JOSDK names, kube-rs's {@code object.reason}.
 */
class SimulatedLogsTest {
  private static final String SCENARIO =
      """
      name: one-object
      seed: %d
      duration: 4m
      operators:
        - service: op
          scope: example.com/op
          framework: %s
          %s
          watchLatency: {median: 3ms, sigma: 0.5}
          controllers:
            - name: widget
              group: example.com
              version: v1
              kind: Widget
              resource: widgets
              objects: [default/w1]
              duration: {median: 40ms, sigma: 0.3}
              requeueAfter: 5s
              errors: {probability: %s, run: 2, at: [12, 30]}
              %s
              calls:
                - {method: GET, path: self}
              edits:
                - {type: poisson, meanInterval: 40s, visible: apiserver}
      """;

  static Scenario scenario(LogFormat f, long seed, double errors) throws Exception {
    boolean kubeRs = f.name().startsWith("KUBE_RS");
    String yaml =
        String.format(
            Locale.ROOT,
            SCENARIO,
            seed,
            kubeRs ? "kube-rs" : "controller-runtime",
            kubeRs ? "" : "queue: legacy",
            Double.toString(errors),
            kubeRs ? "errorPolicyRequeue: 2s" : "");
    return ScenarioLoader.parse(yaml, "one-object", "one-object", Path.of("."));
  }

  /** A simulation written as a log and as the equivalent timestamp CSV, with its labels. */
  record Written(byte[] log, byte[] csv, List<Label> labels) {}

  static Written write(Scenario sc, LogFormat f) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    StringBuilder csv = new StringBuilder("start,end\n");
    List<Label> labels = new ArrayList<>();
    long res = f.resolutionNanos();
    try (TraceWriter w = f.open(log)) {
      Simulator.run(
          sc,
          new SimSink() {
            @Override
            public void reconcile(Label label, List<SimSpan> spans) throws IOException {
              labels.add(label);
              w.reconcile(label, spans);
              long s = label.startNanos() - Math.floorMod(label.startNanos(), res);
              long e = label.endNanos() - Math.floorMod(label.endNanos(), res);
              csv.append(s).append(',').append(e).append('\n');
            }

            @Override
            public void other(List<SimSpan> spans) throws IOException {
              w.other(spans);
            }
          });
    }
    labels.sort(Comparator.comparingLong(Label::startNanos));
    return new Written(log.toByteArray(), csv.toString().getBytes(StandardCharsets.UTF_8), labels);
  }

  static Pipeline.Result analyze(byte[] input) {
    return Pipeline.run(
        new Pipeline.Request(
            List.of("-"),
            ReadOptions.AUTO,
            ExtractRules.defaults(),
            AnalysisParameters.defaults(),
            new long[0],
            new ByteArrayInputStream(input)));
  }

  private static List<String> times(Pipeline.Result r) {
    return r.extraction().reconciles().stream()
        .map(x -> x.startNanos() + ".." + x.endNanos())
        .toList();
  }

  private static List<String> timers(Pipeline.Result r) {
    List<String> out = new ArrayList<>();
    for (StreamResult s : r.analysis().streams()) {
      for (TimerFinding t : s.timers()) {
        out.add(String.format(Locale.ROOT, "%s %.3fs", t.source(), t.delaySeconds()));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(LogFormat.class)
  void simulatedLog_sameReconcilesAndTimersAsTheTimestampCsv(LogFormat f) throws Exception {
    Written w = write(scenario(f, 11, 0), f);
    Pipeline.Result log = analyze(w.log());
    Pipeline.Result csv = analyze(w.csv());
    InputReport in = log.inputs().get(0);
    assertNull(in.error(), in.error());
    assertEquals(TraceFormat.LOG, in.format(), f + " is sniffed as a log");
    assertEquals(TraceFormat.CSV, csv.inputs().get(0).format());
    assertEquals(w.labels().size(), log.extraction().reconciles().size(), f.toString());
    assertEquals(times(csv), times(log), f.toString());
    assertEquals(1, log.analysis().streams().size(), "one object, one stream: " + f);
    assertFalse(timers(csv).isEmpty(), "the 5 s requeue is found in the CSV");
    assertEquals(timers(csv), timers(log), f.toString());
  }

  @ParameterizedTest
  @EnumSource(LogFormat.class)
  void linesThatNameTheTrigger_reachEachReconcile(LogFormat f) throws Exception {
    Written w = write(scenario(f, 5, 0.03), f);
    Pipeline.Result log = analyze(w.log());
    List<Reconcile> rs = log.extraction().reconciles();
    List<Label> labels = w.labels();
    assertEquals(labels.size(), rs.size(), f.toString());
    assertTrue(labels.stream().anyMatch(Label::error), "the scenario has failures: " + f);
    int checked = 0;
    for (int i = 0; i < rs.size(); i++) {
      Reconcile r = rs.get(i);
      Label l = labels.get(i);
      Label next = i + 1 < labels.size() ? labels.get(i + 1) : null;
      assertEquals(l.error(), r.error(), f + " error of reconcile " + i);
      switch (f) {
        case ZAP_JSON, ZAP_CONSOLE, KLOG -> {
          boolean requeue =
              !l.error() && next != null && next.cause() == Cause.REQUEUE && next.periodNanos() > 0;
          assertEquals(
              requeue ? next.periodNanos() : -1, r.requeueAfterNanos(), f + " requeue of " + i);
          checked += requeue ? 1 : 0;
        }
        case JOSDK, JOSDK_LOGBACK, JOSDK_JSON -> {
          TriggerHint expected =
              l.cause() == Cause.ERROR_RETRY
                  ? TriggerHint.RETRY
                  : l.truth() == Trigger.TIMER ? TriggerHint.TIMER : TriggerHint.EVENT;
          assertEquals(expected, r.hint(), f + " trigger of " + i + " (" + l.cause() + ")");
          if (next != null && next.truth() == Trigger.TIMER && next.periodNanos() > 0) {
            assertEquals(next.periodNanos() / 1_000_000 * 1_000_000, r.requeueAfterNanos());
          }
          checked++;
        }
        default -> {
          assertEquals(LogWriterReason.of(l), r.reason(), f + " reason of " + i);
          checked++;
        }
      }
    }
    assertTrue(checked > 10, f + ": " + checked + " reconciles carried what their lines say");
    if (f.name().startsWith("KUBE_RS")) {
      // the classification uses what kube-rs's reasons say
      for (ClassifiedReconcile cr : log.analysis().reconciles()) {
        if ("reconciler requested retry".equals(cr.reconcile().reason())) {
          assertEquals(Cause.REQUEUE, cr.classification().cause(), cr.toString());
        }
      }
    }
  }

  /** What the kube-rs log says for a label: its reason, or the one its cause stands for. */
  private static final class LogWriterReason {
    static String of(Label l) {
      if (l.reason() != null) {
        return l.reason();
      }
      return l.cause() == Cause.ERROR_RETRY
          ? "error policy requested retry"
          : l.truth() == Trigger.TIMER ? "reconciler requested retry" : "object updated";
    }
  }
}
