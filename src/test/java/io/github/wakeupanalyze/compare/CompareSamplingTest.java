package io.github.wakeupanalyze.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.SummaryJson;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import io.github.wakeupanalyze.testing.ThinnedRequeue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side whose trace is sampled is marked in every output of compare: its counts and rates are of
 * the kept reconciles, and a sampled side against a complete one differs by the sampling too.
 */
class CompareSamplingTest {
  private static final long HOUR = 3_600_000_000_000L;
  private static final String MARK = "sampled p≈0.1 (inferred)";

  static Snapshot side(String operator, String sampling) {
    return new Snapshot(
        "x",
        Snapshot.Kind.TRACE,
        HOUR,
        List.of(
            new OperatorSnapshot(
                operator,
                List.of(new ControllerSnapshot("c", 100, 90, 0, 0, List.of())),
                List.of(),
                sampling)));
  }

  static Comparison compare(Snapshot base, Snapshot cand) {
    return Comparer.compare(
        base, cand, new Comparison.Options(TimerTolerance.DEFAULT, List.of(), List.of()));
  }

  @Test
  void sampledBaseline_againstACompleteCandidate_isSaidInTheTableMarkdownAndJson()
      throws Exception {
    Comparison c = compare(side("op", MARK), side("op", ""));
    String note =
        "baseline sampled p≈0.1 (inferred), candidate complete: counts and rates are of the kept"
            + " reconciles, so they differ by the sampling as well";
    assertEquals(note, c.operators().get(0).sampling().note());

    StringWriter table = new StringWriter();
    CompareTable.print(c, new PrintWriter(table));
    assertTrue(table.toString().contains("\nop: " + note + "\n"), table.toString());

    StringWriter md = new StringWriter();
    CompareMarkdown.write(c, md);
    assertTrue(md.toString().contains("- op: " + note + "\n"), md.toString());

    StringWriter json = new StringWriter();
    CompareJson.write(c, "TEST", json);
    JsonNode s = new ObjectMapper().readTree(json.toString()).get("operators").get(0);
    assertEquals(MARK, s.get("sampling").get("baseline").asText());
    assertEquals("", s.get("sampling").get("candidate").asText());
  }

  @Test
  void bothSidesSampledAlike_noDifferenceBySampling_bothComplete_nothingSaid() throws Exception {
    assertEquals(
        "baseline "
            + MARK
            + ", candidate "
            + MARK
            + ": counts and rates are of the kept reconciles",
        compare(side("op", MARK), side("op", MARK)).operators().get(0).sampling().note());
    Comparison complete = compare(side("op", ""), side("op", ""));
    assertEquals("", complete.operators().get(0).sampling().note());
    StringWriter table = new StringWriter();
    CompareTable.print(complete, new PrintWriter(table));
    assertFalse(table.toString().contains("kept reconciles"), table.toString());
  }

  @Test
  void theMark_travelsThroughSummaryJson_andAnOlderSummaryHasNone(@TempDir Path dir)
      throws Exception {
    Pipeline.Result r = DemoAnalysis.of(ThinnedRequeue.of(0.3, 11));
    Snapshot fromTrace = Snapshots.of("trace", r.analysis(), List.of());
    String mark = fromTrace.operators().get(0).sampling();
    assertTrue(mark.startsWith("sampled p≈0."), mark);

    StringWriter w = new StringWriter();
    SummaryJson.write("TEST", r.inputs(), r.extraction(), r.analysis(), w);
    Path summary = dir.resolve("summary.json");
    Files.writeString(summary, w.toString());
    assertEquals(mark, SummaryReader.read("summary.json", summary).operators().get(0).sampling());

    ObjectMapper json = new ObjectMapper();
    JsonNode doc = json.readTree(w.toString());
    ((ObjectNode) doc.get("operators").get(0)).remove("sampling");
    Path older = dir.resolve("older.json");
    json.writeValue(older.toFile(), doc);
    assertEquals("", SummaryReader.read("older.json", older).operators().get(0).sampling());
  }
}
