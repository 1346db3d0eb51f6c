package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The harness that scores the analyzer against simulated ground truth works end to end. The
 * accuracy targets themselves belong to the analysis engine's tests; here the figures are printed.
 */
class SimAccuracyHarnessTest {

  @Test
  void harness_matchesEveryLabelledReconcile_andPrintsFigures() throws Exception {
    System.out.println(Accuracy.Figures.header());
    for (String name : new String[] {"percona-mongodb", "event-driven", "kube-rs"}) {
      Scenario s = ScenarioLoader.load(Path.of("sample-traces", "scenarios", name + ".yaml"));
      for (OutputFormat f : new OutputFormat[] {OutputFormat.OTLP_JSON, OutputFormat.OTLP_JSONL}) {
        Accuracy.Figures fig = Accuracy.measure(name + "/" + f.cliName(), s, f);
        System.out.println(fig.row());
        assertEquals(fig.labels(), fig.matched(), "every labelled reconcile is found by id");
        assertEquals(fig.matched(), fig.scored() + fig.unscored());
        assertTrue(fig.macroF1() >= 0 && fig.macroF1() <= 1);
      }
    }
  }

  @Test
  void eventDrivenScenario_hasNoTimerTruth_soEveryTimerVerdictIsAFalsePositive() throws Exception {
    Scenario s = ScenarioLoader.load(Path.of("sample-traces", "scenarios", "event-driven.yaml"));
    Accuracy.Figures fig = Accuracy.measure("event-driven", s, OutputFormat.OTLP_JSON);
    assertEquals(0, fig.confusion()[1][0] + fig.confusion()[1][1], "no timer in the truth");
  }
}
