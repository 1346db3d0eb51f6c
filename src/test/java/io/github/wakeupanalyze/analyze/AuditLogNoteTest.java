package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sampled controller says when its events among lost reconciles rest on timing alone, and stops
 * saying it once a complete record is given beside the trace (the API server's audit log here; the
 * operator's own log reads the stream as complete, so it is not sampled at all); a complete trace
 * never says it.
 */
class AuditLogNoteTest {
  private static final String NOTE = "sampled trace, no complete record beside it";

  private static Accuracy.Simulated simulate(Scenario.Sampling sampling) throws Exception {
    Scenario s =
        ScenarioLoader.load(Path.of("sample-traces/scenarios/percona-mongodb.yaml"))
            .withDuration(10L * 60 * 1_000_000_000L);
    return Accuracy.simulate(
        s.withProduction(new Scenario.Production(sampling, 0, Map.of(), true)),
        OutputFormat.OTLP_JSON);
  }

  private static long notesSaying(Analysis a) {
    return a.controllers().stream()
        .flatMap(c -> c.notes().stream())
        .filter(n -> n.startsWith(NOTE))
        .count();
  }

  @Test
  void aSampledTrace_withoutItsLog_saysSo_andWithItsLog_doesNot() throws Exception {
    Accuracy.Simulated sim =
        simulate(new Scenario.Sampling(0.25, true, Scenario.SamplingRecord.TRACESTATE, Map.of()));
    Analysis alone = DemoAnalysis.of(sim.trace(), null, AnalysisParameters.defaults()).analysis();
    List<ControllerResult> sampled =
        alone.controllers().stream().filter(c -> c.sampling().sampled()).toList();
    assertTrue(!sampled.isEmpty(), "the stated probability marks the controllers sampled");
    assertEquals(sampled.size(), notesSaying(alone), "one note per sampled controller");
    Analysis withLog =
        DemoAnalysis.of(sim.trace(), sim.audit(), AnalysisParameters.defaults()).analysis();
    assertEquals(0, notesSaying(withLog));
    assertTrue(
        withLog.controllers().stream().anyMatch(c -> c.sampling().sampled()),
        "still sampled, but the log is given");
  }

  @Test
  void aCompleteTrace_neverSaysSo() throws Exception {
    Accuracy.Simulated sim = simulate(null);
    Analysis a = DemoAnalysis.of(sim.trace(), null, AnalysisParameters.defaults()).analysis();
    assertTrue(a.controllers().size() > 0);
    assertEquals(0, notesSaying(a));
  }
}
