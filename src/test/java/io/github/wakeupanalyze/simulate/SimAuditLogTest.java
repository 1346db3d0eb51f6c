package io.github.wakeupanalyze.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code auditLog: true}: the API server's audit log holds every write of the run, whatever head
 * sampling kept of the trace, and writing it changes nothing else.
 */
class SimAuditLogTest {
  private static Scenario withAudit(Scenario s, Scenario.Sampling sampling) {
    return s.withProduction(new Scenario.Production(sampling, 0, Map.of(), true));
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void writingTheLog_changesNeitherTraceNorLabels() throws Exception {
    Scenario s = SimWritersTest.percona();
    Accuracy.Simulated plain = Accuracy.simulate(s, OutputFormat.OTLP_JSON);
    Accuracy.Simulated audited = Accuracy.simulate(withAudit(s, null), OutputFormat.OTLP_JSON);
    assertNull(plain.audit(), "no log unless asked for");
    assertArrayEquals(plain.trace(), audited.trace());
    assertEquals(plain.labels(), audited.labels());
    assertTrue(audited.audit().length > 0);
  }

  @Test
  void theLog_holdsEveryWrite_andSamplingLeavesItWhole() throws Exception {
    Scenario s = SimWritersTest.percona();
    String complete =
        new String(
            Accuracy.simulate(withAudit(s, null), OutputFormat.OTLP_JSON).audit(),
            StandardCharsets.UTF_8);
    Accuracy.Simulated sampled =
        Accuracy.simulate(
            withAudit(s, new Scenario.Sampling(0.1, true, Scenario.SamplingRecord.NONE, Map.of())),
            OutputFormat.OTLP_JSON);
    assertEquals(complete, new String(sampled.audit(), StandardCharsets.UTF_8));
    assertTrue(
        sampled.labels().stream().filter(Label::kept).count() < sampled.labels().size() / 2,
        "the trace itself is thinned");
    // every write CLIENT span of the operator in the complete trace is one line of the log
    String trace =
        new String(Accuracy.simulate(s, OutputFormat.OTLP_JSON).trace(), StandardCharsets.UTF_8);
    int writeSpans = count(trace, "\"name\":\"(PATCH|PUT|POST|DELETE)\"");
    int operatorLines = count(complete, "\"username\":\"system:serviceaccount:operators:");
    assertTrue(writeSpans > 0, "the sample writes");
    assertEquals(writeSpans, operatorLines, "one log line per write span of the operator");
    assertEquals(count(complete, "\n"), count(complete, "\"stage\":\"ResponseComplete\""));
  }
}
