package io.github.wakeupanalyze.testing;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.ApiWrite;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.SimSink;
import io.github.wakeupanalyze.simulate.SimSpan;
import io.github.wakeupanalyze.simulate.Simulator;
import io.github.wakeupanalyze.simulate.write.AuditLogWriter;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.simulate.write.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The accuracy harness: simulates a scenario, writes the trace in a format, runs the whole pipeline
 * on it and scores every reconcile against the simulator's ground truth.
 *
 * <p>The first reconcile of each stream is not scored: it has no history, the analyzer says
 * "unknown" and the simulator "external-event" (the informer's initial list). It is counted in
 * {@link Figures#unscored()}.
 */
public final class Accuracy {
  private Accuracy() {}

  /**
   * Scores of one scenario.
   *
   * @param confusion [truth][predicted], index 0 event, 1 timer
   * @param causeCorrect scored reconciles whose cause matched the truth
   */
  public record Figures(
      String scenario, int labels, int matched, int unscored, int[][] confusion, int causeCorrect) {

    public int scored() {
      return confusion[0][0] + confusion[0][1] + confusion[1][0] + confusion[1][1];
    }

    /**
     * Mean of the F1 scores of the classes event and timer; a class absent from both is skipped.
     */
    public double macroF1() {
      return Accuracy.macroF1(confusion);
    }

    public double causeAccuracy() {
      return scored() == 0 ? Double.NaN : (double) causeCorrect / scored();
    }

    public String row() {
      return String.format(
          Locale.ROOT,
          "%-28s %7d %7d %7d %8.4f %8.4f  [[%d %d] [%d %d]]",
          scenario,
          labels,
          matched,
          scored(),
          macroF1(),
          causeAccuracy(),
          confusion[0][0],
          confusion[0][1],
          confusion[1][0],
          confusion[1][1]);
    }

    public static String header() {
      return String.format(
          Locale.ROOT,
          "%-28s %7s %7s %7s %8s %8s  %s",
          "scenario",
          "labels",
          "matched",
          "scored",
          "macroF1",
          "cause",
          "[[ee et] [te tt]]");
    }
  }

  /** Mean F1 of the classes event (0) and timer (1) of a [truth][predicted] matrix. */
  public static double macroF1(int[][] c) {
    double sum = 0;
    int classes = 0;
    for (int k = 0; k < 2; k++) {
      int tp = c[k][k];
      int fp = c[1 - k][k];
      int fn = c[k][1 - k];
      if (tp + fp + fn == 0) {
        continue;
      }
      sum += 2.0 * tp / (2.0 * tp + fp + fn);
      classes++;
    }
    return classes == 0 ? Double.NaN : sum / classes;
  }

  /** Simulates, writes as {@code format}, analyzes with default rules and parameters, scores. */
  public static Figures measure(String name, Scenario scenario, OutputFormat format)
      throws IOException {
    return measure(name, scenario, format, AnalysisParameters.defaults());
  }

  public static Figures measure(
      String name, Scenario scenario, OutputFormat format, AnalysisParameters parameters)
      throws IOException {
    Simulated sim = simulate(scenario, format);
    Map<String, Label> labels = sim.byId(false);
    Pipeline.Result result = DemoAnalysis.of(sim.trace(), parameters);
    if (result.anyFailed()) {
      throw new AssertionError("the simulated trace did not read: " + result.inputs());
    }
    int[][] confusion = new int[2][2];
    int matched = 0;
    int unscored = 0;
    int causeCorrect = 0;
    Set<String> seenStreams = new HashSet<>();
    for (ClassifiedReconcile cr : result.analysis().reconciles()) {
      Label truth = labels.get(cr.reconcile().traceIdHex() + cr.reconcile().spanIdHex());
      if (truth == null) {
        continue;
      }
      matched++;
      if (seenStreams.add(cr.reconcile().key().toString())) {
        unscored++;
        continue;
      }
      int t = truth.truth() == Trigger.TIMER ? 1 : 0;
      int p = cr.classification().trigger() == Trigger.TIMER ? 1 : 0;
      confusion[t][p]++;
      if (truth.cause() == cr.classification().cause()) {
        causeCorrect++;
      }
    }
    return new Figures(name, sim.labels().size(), matched, unscored, confusion, causeCorrect);
  }

  /**
   * A scenario simulated and written in one format.
   *
   * @param trace the trace as the format writes it
   * @param labels the simulator's ground truth of every reconcile, in the order they ran, also
   *     those head sampling left out of the trace
   * @param audit the API server's audit log (JSON lines) when the scenario keeps one, else null
   */
  public record Simulated(byte[] trace, List<Label> labels, byte[] audit) {
    public Simulated {
      labels = List.copyOf(labels);
    }

    public Simulated(byte[] trace, List<Label> labels) {
      this(trace, labels, null);
    }

    /**
     * The labels by trace id and span id in hex (as {@code traceIdHex() + spanIdHex()}); with
     * {@code keptOnly} only those of reconciles that reached the trace.
     */
    public Map<String, Label> byId(boolean keptOnly) {
      Map<String, Label> byId = new HashMap<>();
      for (Label l : labels) {
        if (!keptOnly || l.kept()) {
          byId.put(l.traceIdHex() + l.spanIdHex(), l);
        }
      }
      return byId;
    }
  }

  /** Simulates {@code scenario} and writes every span it makes as {@code format}, in memory. */
  public static Simulated simulate(Scenario scenario, OutputFormat format) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
    List<Label> labels = new ArrayList<>();
    try (TraceWriter writer = format.open(bytes);
        AuditLogWriter audit = new AuditLogWriter(auditBytes)) {
      Simulator.run(
          scenario,
          new SimSink() {
            @Override
            public void reconcile(Label label, List<SimSpan> spans) throws IOException {
              labels.add(label);
              writer.reconcile(label, spans);
            }

            @Override
            public void other(List<SimSpan> spans) throws IOException {
              writer.other(spans);
            }

            @Override
            public void apiWrite(ApiWrite write) throws IOException {
              audit.apiWrite(write);
            }

            @Override
            public long resolutionNanos() {
              return format.resolutionNanos();
            }
          });
    }
    return new Simulated(
        bytes.toByteArray(),
        labels,
        scenario.production().auditLog() ? auditBytes.toByteArray() : null);
  }
}
