package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.SamplingEstimate;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import io.github.wakeupanalyze.testing.ThinnedRequeue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A head-sampled trace is marked as such in the console table, the Markdown report (and so the HTML
 * page made from it) and summary.json, each with what the kept reconciles say of all of them; a
 * complete one is not marked.
 */
class SamplingMarkTest {
  private static String console(Pipeline.Result r) {
    StringWriter w = new StringWriter();
    ConsoleTable.print(r.analysis(), new PrintWriter(w, true));
    return w.toString();
  }

  private static String markdown(Pipeline.Result r) throws Exception {
    StringWriter w = new StringWriter();
    MarkdownReport.write(OperatorView.of(r.analysis()).get(0), r.analysis(), w);
    return w.toString();
  }

  static final double FULL_RATE = ThinnedRequeue.FULL_RATE;

  private static JsonNode summary(Pipeline.Result r) throws Exception {
    StringWriter w = new StringWriter();
    SummaryJson.write("TEST", r.inputs(), r.extraction(), r.analysis(), w);
    return new ObjectMapper().readTree(w.toString());
  }

  @Test
  void sampledTrace_statesTheFullStreamsRateAndShare_withIntervalsThatCoverThem() throws Exception {
    Pipeline.Result r = DemoAnalysis.of(ThinnedRequeue.of(0.3, 11));
    Matcher m =
        Pattern.compile(
                "all reconciles, estimated: (\\d+) wake-ups/h \\(95 % interval (\\d+)–(\\d+)\\),"
                    + " ([\\d.]+) % timer-driven \\(([\\d.]+) %–([\\d.]+) %\\)")
            .matcher(console(r));
    assertTrue(m.find(), console(r));
    double estimate = Double.parseDouble(m.group(1));
    assertEquals(FULL_RATE, estimate, 0.15 * FULL_RATE, console(r));
    assertTrue(Double.parseDouble(m.group(2)) <= FULL_RATE, console(r));
    assertTrue(FULL_RATE <= Double.parseDouble(m.group(3)), console(r));
    assertTrue(Double.parseDouble(m.group(5)) <= Double.parseDouble(m.group(4)), console(r));
    String md = markdown(r);
    assertTrue(md.contains("| Wake-ups per hour (kept reconciles) |"), md);
    assertTrue(md.contains("; " + m.group() + " |"), md);

    JsonNode op = summary(r).get("operators").get(0);
    JsonNode s = op.get("sampling");
    assertTrue(s.get("sampled").asBoolean(), s.toString());
    assertEquals("inferred", s.get("source").asText());
    assertTrue(s.get("mark").asText().startsWith("sampled p≈0."), s.toString());
    assertTrue(s.get("probability_low").asDouble() <= s.get("probability").asDouble());
    JsonNode rate = s.get("estimated_wakeups_per_hour");
    assertEquals(estimate, rate.get("estimate").asDouble(), 0.5, s.toString());
    assertTrue(rate.get("low").asDouble() <= FULL_RATE && FULL_RATE <= rate.get("high").asDouble());
    assertEquals(s, op.get("controllers").get(0).get("sampling"), "one controller: the same");
  }

  @Test
  void completeTrace_statesItsOwnFiguresExactly_inSummaryJson() throws Exception {
    JsonNode op = summary(DemoAnalysis.of(ThinnedRequeue.of(1, 11))).get("operators").get(0);
    JsonNode s = op.get("sampling");
    assertFalse(s.get("sampled").asBoolean(), s.toString());
    assertEquals("", s.get("mark").asText());
    for (String f : new String[] {"estimate", "low", "high"}) {
      assertEquals(op.get("wakeups_per_hour"), s.get("estimated_wakeups_per_hour").get(f));
      assertEquals(op.get("timer_share"), s.get("estimated_timer_share").get(f));
    }
  }

  @Test
  void sampledTrace_isMarkedInTheConsoleTableAndTheReport() throws Exception {
    Pipeline.Result r = DemoAnalysis.of(ThinnedRequeue.of(0.3, 11));
    String console = console(r);
    assertTrue(console.contains("sampled-operator: sampled p≈0."), console);
    assertTrue(console.contains("(inferred)"), console);
    String md = markdown(r);
    assertTrue(md.contains("| Sampling | sampled p≈0."), md);
  }

  private static String index(Pipeline.Result r) {
    return IndexPage.markdown(r.analysis(), r.inputs(), Map.of());
  }

  private static String latex(Pipeline.Result r) throws Exception {
    StringWriter w = new StringWriter();
    LatexTable.write(r.analysis(), "TEST", w);
    return w.toString();
  }

  @Test
  void sampledTrace_isMarkedInTheIndexAndTheLatexTable_thatTypesetsItsSymbols() throws Exception {
    Pipeline.Result r = DemoAnalysis.of(ThinnedRequeue.of(0.3, 11));
    String sentence = OperatorView.of(r.analysis()).get(0).samplingSentence();
    assertTrue(sentence.startsWith("sampled p≈0."), sentence);
    String index = index(r);
    assertTrue(index.contains("Counts and rates above are of the kept reconciles."), index);
    assertTrue(index.contains("- sampled-operator: " + sentence + "\n"), index);
    String tex = latex(r);
    assertTrue(
        tex.contains(
            "counts and rates are of the kept reconciles, sampled p\\ensuremath{\\approx}0."),
        tex);
    assertTrue(tex.contains("interval "), tex);
    assertFalse(
        tex.contains("≈") || tex.contains("–") || tex.contains("∞"), "no raw symbol: " + tex);
  }

  /** Thinning shows but p is unresolved: no estimate is claimed, only the floor the kept give. */
  @Test
  void unresolvedSampling_saysSo_andClaimsOnlyTheKeptRateAsAFloor() {
    SamplingEstimate unresolved =
        new SamplingEstimate(Double.NaN, 0, 1, null, false, true, 12, Double.NaN);
    ControllerResult c =
        new ControllerResult(
            "op", "ctl", 1, 300, 30, 270, Map.of(), List.of(), 0, List.of(), unresolved);
    OperatorView op = new OperatorView("op", List.of(c), List.of(), 2);
    String sentence = op.samplingSentence();
    assertTrue(
        sentence.startsWith(
            "sampled? p unresolved; all reconciles: at least 150.0 wake-ups/h (the kept ones), 90.0"
                + " % timer-driven ("),
        sentence);
    assertFalse(sentence.contains("estimated"), sentence);
  }

  @Test
  void completeTrace_isNotMarked() throws Exception {
    Pipeline.Result r = DemoAnalysis.of(ThinnedRequeue.of(1, 11));
    assertFalse(console(r).contains("sampled p"), console(r));
    assertFalse(markdown(r).contains("| Sampling |"), markdown(r));
    assertFalse(index(r).contains("kept reconciles"), index(r));
    assertFalse(latex(r).contains("kept reconciles"), latex(r));
  }
}
