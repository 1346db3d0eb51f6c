package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thinned timer whose reconciles are short keeps its teeth at k·P as sharp as its first tooth:
 * the fundamental must not lose its place to them (HazardScan's fundamental promotion).
 */
class SampledTeethTest {
  /**
   * The bundled Percona-like scenario for 2 h, head-sampled at 10 % with nothing written, as the
   * README shows it. Its backup controller (one object, 40 ms reconciles) reported timers at 20.1,
   * 30.2 and 50.4 s (its 4th, 6th and 10th teeth) before the promotion; both controllers now read
   * one 5 s timer and p near 0.1.
   */
  @Test
  void bundledSampleAtATenth_everyControllerReadsItsFiveSecondTimer_notItsTeeth(@TempDir Path dir)
      throws Exception {
    String yaml = Files.readString(Path.of("sample-traces/scenarios/percona-mongodb.yaml"));
    Path file = dir.resolve("sampled.yaml");
    Files.writeString(
        file,
        yaml.replaceFirst(
            "(?m)^duration: .*$", "duration: 2h\nsampling: {ratio: 0.1, record: none}"));
    Scenario sc = ScenarioLoader.load(file);
    Accuracy.Simulated sim = Accuracy.simulate(sc, OutputFormat.OTLP_JSON);
    Analysis a = DemoAnalysis.of(sim.trace(), AnalysisParameters.defaults()).analysis();
    assertEquals(2, a.controllers().size());
    for (ControllerResult c : a.controllers()) {
      assertEquals(1, c.timers().size(), c.controller() + ": " + c.timers());
      assertEquals(5.0, c.timers().get(0).delaySeconds(), 0.01, c.controller());
      assertTrue(c.sampling().sampled(), c.controller() + ": " + c.sampling());
      assertEquals(0.1, c.sampling().probability(), 0.03, c.controller() + ": " + c.sampling());
    }
  }
}
