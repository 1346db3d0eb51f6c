package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A verdict's confidence does not claim more than the verdicts it labels bear out: over the
 * production scenarios (sampled, lossy, skewed, short, the Java Operator SDK's, each from its trace
 * alone), the reconciles whose event/timer verdict was given with a confidence in a band are right
 * at least as often as their mean confidence says, within two binomial standard errors; pooled over
 * every scenario for each band, and per scenario for a band of at least {@value #MIN_PER_SCENARIO}
 * reconciles. Prints the reliability table (docs/method.md, "What a confidence means").
 */
class ConfidenceCalibrationIT {
  static final double[] BANDS = {0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001};
  static final int MIN_PER_SCENARIO = 50;

  /** Right, given and sum of confidences per band. */
  private static final class Bands {
    final long[] right = new long[BANDS.length - 1];
    final long[] given = new long[BANDS.length - 1];
    final double[] confidence = new double[BANDS.length - 1];

    void add(double c, boolean ok) {
      for (int b = 0; b + 1 < BANDS.length; b++) {
        if (c >= BANDS[b] && c < BANDS[b + 1]) {
          right[b] += ok ? 1 : 0;
          given[b]++;
          confidence[b] += c;
        }
      }
    }

    /** The bands whose accuracy is below their mean confidence by more than two errors. */
    List<String> overconfident(String name, int minGiven) {
      List<String> out = new ArrayList<>();
      for (int b = 0; b < given.length; b++) {
        if (given[b] < minGiven || given[b] == 0) {
          continue;
        }
        double mean = confidence[b] / given[b];
        double accuracy = (double) right[b] / given[b];
        double se = Math.sqrt(mean * (1 - mean) / given[b]);
        if (accuracy < mean - 2 * se) {
          out.add(name + " " + row(b));
        }
      }
      return out;
    }

    String row(int b) {
      return String.format(
          Locale.ROOT,
          "[%.2f, %.2f): %d/%d right = %.3f, mean confidence %.3f",
          BANDS[b],
          Math.min(1, BANDS[b + 1]),
          right[b],
          given[b],
          (double) right[b] / given[b],
          confidence[b] / given[b]);
    }
  }

  @Test
  void confidences_doNotOverstateHowOftenVerdictsAreRight() throws Exception {
    List<Path> scenarios;
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/scenarios"))) {
      scenarios =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> !p.getFileName().toString().contains("-audit")) // traces alone
              .sorted()
              .toList();
    }
    assertTrue(scenarios.size() >= 15, "the production scenarios: " + scenarios);
    Bands pooled = new Bands();
    List<String> overconfident = new ArrayList<>();
    for (Path p : scenarios) {
      String name = p.getFileName().toString().replace(".yaml", "");
      Accuracy.Simulated sim = Accuracy.simulate(ScenarioLoader.load(p), OutputFormat.OTLP_JSON);
      Map<String, Label> labels = sim.byId(false);
      Pipeline.Result r = DemoAnalysis.of(sim.trace(), AnalysisParameters.defaults());
      Bands own = new Bands();
      for (ClassifiedReconcile cr : r.analysis().reconciles()) {
        Label truth = labels.get(cr.reconcile().traceIdHex() + cr.reconcile().spanIdHex());
        if (truth == null) {
          continue; // a phantom of lost spans: the loss scenarios' own figures count those
        }
        boolean ok =
            (truth.truth() == Trigger.TIMER) == (cr.classification().trigger() == Trigger.TIMER);
        own.add(cr.classification().confidence(), ok);
        pooled.add(cr.classification().confidence(), ok);
      }
      overconfident.addAll(own.overconfident(name, MIN_PER_SCENARIO));
    }
    StringBuilder table =
        new StringBuilder("confidence calibration, pooled over ")
            .append(scenarios.size())
            .append(" scenarios:");
    for (int b = 0; b < pooled.given.length; b++) {
      if (pooled.given[b] > 0) {
        table.append("\n  ").append(pooled.row(b));
      }
    }
    System.out.println(table);
    overconfident.addAll(pooled.overconfident("pooled", 1));
    assertTrue(overconfident.isEmpty(), "overconfident bands: " + overconfident);
  }
}
