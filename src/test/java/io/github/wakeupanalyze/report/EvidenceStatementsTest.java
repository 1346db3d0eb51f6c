package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerSource;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import io.github.wakeupanalyze.testing.OtlpJson;
import io.github.wakeupanalyze.testing.ThinnedRequeue;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every report states only what its input shows: a timestamp CSV (starts only) gives a start→start
 * period and no RequeueAfter delay; a trace without API calls says "not recorded", never "100 %
 * wrote nothing"; a periodic source outside the operator is named as external changes, never as a
 * timer — in the headline sentence, the Markdown tables, the console table and the LaTeX table.
 */
class EvidenceStatementsTest {
  @TempDir Path dir;

  /** Starts every 5 s with ±20 ms of seeded jitter, one per line, no end column. */
  private Pipeline.Result csvStartsOnly() throws Exception {
    Random rnd = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      double t = 1_714_564_800 + 5.0 * i + 0.02 * rnd.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.3f%n", t));
    }
    Path csv = dir.resolve("psmdb.csv");
    Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    return run(List.of(csv.toString()), new long[0], new byte[0]);
  }

  /** RequeueAfter 5 s on one object, 40 reconciles of 100 ms, no child spans at all. */
  private static OtlpJson requeueWithoutCalls() {
    return ThinnedRequeue.of("quiet-operator", "quiet", 40, 1, 0);
  }

  private static Pipeline.Result run(List<String> inputs, long[] events, byte[] stdin) {
    return Pipeline.run(
        new Pipeline.Request(
            inputs,
            null,
            ExtractRules.defaults(),
            AnalysisParameters.defaults(),
            events,
            new ByteArrayInputStream(stdin)));
  }

  private static String latex(Pipeline.Result r) throws Exception {
    StringWriter w = new StringWriter();
    LatexTable.write(r.analysis(), "TEST", w);
    return w.toString();
  }

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

  private static String sentence(Pipeline.Result r) {
    ControllerResult c = r.analysis().controllers().get(0);
    return MarkdownReport.sentence(c, r.analysis().reconciles());
  }

  @Test
  void csvWithoutEnds_headline_namesStartToStart_andClaimsNoDelayNorWrites() throws Exception {
    Pipeline.Result r = csvStartsOnly();
    String s = sentence(r);
    assertTrue(s.contains("wakes every 5 s from start to start"), s);
    assertTrue(s.contains("no RequeueAfter delay"), s);
    assertTrue(s.contains("whether they wrote anything is not recorded"), s);
    assertFalse(s.contains("wrote nothing"), s);
  }

  @Test
  void csvWithoutEnds_markdownTimersTable_hasNoDelay() throws Exception {
    String md = markdown(csvStartsOnly());
    assertTrue(md.contains("Delay: n/a, the input has start times only"), md);
    assertFalse(md.contains("the RequeueAfter itself"), md);
    assertTrue(md.contains("Not recorded: the input has no API calls."), md);
  }

  @Test
  void csvWithoutEnds_latexAndConsole_givePeriodsAndNoWriteShare() throws Exception {
    Pipeline.Result r = csvStartsOnly();
    String tex = latex(r);
    assertTrue(tex.contains("Timers (period $\\pm$ jitter)"), tex);
    assertTrue(tex.contains("timers are given by their start-to-start period"), tex);
    assertTrue(tex.contains("Wrote nothing: n/a, the input records no API calls."), tex);
    assertTrue(tex.contains("& 5\\,s $\\pm$ 35.6\\,ms & n/a \\\\"), tex);
    assertTrue(console(r).contains("5 s (start→start)"), console(r));
  }

  @Test
  void traceWithoutApiCalls_saysNotRecorded_never100PercentWroteNothing() throws Exception {
    Pipeline.Result r = DemoAnalysis.of(requeueWithoutCalls());
    String s = sentence(r);
    assertTrue(s.contains("wakes every 5 s after each reconcile"), s);
    assertTrue(s.contains("whether they wrote anything is not recorded"), s);
    assertFalse(s.contains("100.0 %"), s);
    String md = markdown(r);
    assertTrue(md.contains("| timer | 39 | 0 | 0 | n/a | 0 |"), md);
    assertFalse(latex(r).contains("100.0\\,\\%"), latex(r));
  }

  @Test
  void traceWithApiCalls_keepsTheWroteNothingShare() throws Exception {
    String s = sentence(DemoAnalysis.demo());
    assertTrue(s.matches(".*; [0-9.]+ % of those wrote nothing\\."), s);
  }

  /**
   * A sampled trace with the operator's log beside it: every reconcile is counted, but only those
   * the trace kept show their calls, so "wrote nothing" is their share, said so, and the others'
   * calls are unknown in reconciles.csv, not zero.
   */
  @Test
  void aLogBesideATrace_sharesWhatWakeUpsDidOverTheRecordedCallsOnly() throws Exception {
    io.github.wakeupanalyze.simulate.Scenario sc =
        io.github.wakeupanalyze.simulate.ScenarioLoader.load(
                Path.of("src/test/resources/scenarios/percona-sampled-10-tracestate.yaml"))
            .withDuration(java.util.concurrent.TimeUnit.MINUTES.toNanos(20));
    var trace =
        io.github.wakeupanalyze.simulate.run.SimulationRun.write(
            sc, io.github.wakeupanalyze.simulate.write.OutputFormat.OTLP_JSON, dir, "trace");
    var log =
        io.github.wakeupanalyze.simulate.run.SimulationRun.write(
            sc, io.github.wakeupanalyze.simulate.write.OutputFormat.LOG_ZAP_JSON, dir, "log");
    Pipeline.Result r =
        run(List.of(trace.trace().toString(), log.trace().toString()), new long[0], new byte[0]);
    int timer = 0;
    int recorded = 0;
    int recordedQuiet = 0;
    for (var cr : r.analysis().reconciles()) {
      if (cr.classification().trigger() == io.github.wakeupanalyze.model.Trigger.TIMER) {
        timer++;
        if (cr.reconcile().calls().recorded()) {
          recorded++;
          recordedQuiet += cr.reconcile().calls().writes() == 0 ? 1 : 0;
        }
      }
    }
    assertTrue(recorded > 0 && recorded * 4 < timer, recorded + " of " + timer);
    String s = sentence(r);
    String share = Format.percent(Format.share(recordedQuiet, recorded));
    assertTrue(
        s.endsWith(
            "; "
                + share
                + " of the "
                + recorded
                + " of those whose calls were recorded wrote"
                + " nothing."),
        s);
    assertTrue(markdown(r).contains(" recorded) | "), markdown(r));
    assertTrue(latex(r).contains("of those whose calls the input records (not a log's)."));
    StringWriter csv = new StringWriter();
    ReconcilesCsv.write(r.analysis(), csv);
    long unknown =
        csv.toString().lines().filter(l -> l.matches(".*,(true|false),[^,]*,,,.*")).count();
    assertEquals(r.analysis().reconciles().size() - trace.kept(), unknown, "the log's calls");
  }

  /** An external change every 5.01 s, each followed 30 ms later by a 50 ms reconcile. */
  private static Pipeline.Result externalPeriodic() {
    OtlpJson o = OtlpJson.service("watcher-operator");
    long[] events = new long[60];
    for (int i = 0; i < events.length; i++) {
      double at = 5.01 * i;
      events[i] = OtlpJson.at(at);
      o.span(
          i + 1,
          10 * (i + 1),
          0,
          "Reconcile",
          at + 0.03,
          at + 0.08,
          "controller",
          "watcher",
          "k8s.namespace.name",
          "ns",
          "k8s.object.name",
          "cm");
    }
    byte[] json = o.toJson().getBytes(StandardCharsets.UTF_8);
    return run(List.of("-"), events, json);
  }

  @Test
  void externalPeriodicSource_isNamedAsExternalChanges_neverAsATimer() throws Exception {
    Pipeline.Result r = externalPeriodic();
    ControllerResult c = r.analysis().controllers().get(0);
    assertEquals(0, c.timerDriven(), "every reconcile follows an external change");
    assertTrue(
        c.timers().stream().allMatch(t -> t.source() == TimerSource.EXTERNAL_PERIODIC),
        c.timers().toString());
    assertFalse(c.timers().isEmpty(), "the engine sees the periodic source");
    String s = sentence(r);
    assertTrue(s.contains("follows periodic external changes every"), s);
    assertTrue(s.contains("not a timer of its own"), s);
    assertFalse(s.contains("wakes every"), s);
    assertTrue(console(r).contains("external changes every"), console(r));
    assertTrue(latex(r).contains("external, every"), latex(r));
    assertTrue(markdown(r).contains("not a timer of its own"), markdown(r));
  }

  /** The {@code evidence} object of the first operator in summary.json. */
  private static JsonNode evidence(Pipeline.Result r) throws Exception {
    StringWriter w = new StringWriter();
    SummaryJson.write("TEST", r.inputs(), r.extraction(), r.analysis(), w);
    return new ObjectMapper().readTree(w.toString()).path("operators").path(0).path("evidence");
  }

  @Test
  void summaryJson_csvWithoutEnds_saysStartToStartAndNoApiCalls() throws Exception {
    JsonNode ev = evidence(csvStartsOnly());
    assertFalse(ev.path("end_times").asBoolean(true), ev.toString());
    assertEquals("start-to-start", ev.path("measured_interval").asText(), ev.toString());
    assertFalse(ev.path("api_calls").asBoolean(true), ev.toString());
    assertEquals(0, ev.path("external_periodic").asInt(-1), ev.toString());
  }

  @Test
  void summaryJson_traceWithoutApiCalls_hasEndsButNoApiCalls() throws Exception {
    JsonNode ev = evidence(DemoAnalysis.of(requeueWithoutCalls()));
    assertTrue(ev.path("end_times").asBoolean(false), ev.toString());
    assertEquals("end-to-start", ev.path("measured_interval").asText(), ev.toString());
    assertFalse(ev.path("api_calls").asBoolean(true), ev.toString());
  }

  @Test
  void summaryJson_traceWithApiCalls_hasEndsAndApiCalls() throws Exception {
    JsonNode ev = evidence(DemoAnalysis.demo());
    assertTrue(ev.path("end_times").asBoolean(false), ev.toString());
    assertTrue(ev.path("api_calls").asBoolean(false), ev.toString());
    assertEquals(0, ev.path("external_periodic").asInt(-1), ev.toString());
  }

  @Test
  void summaryJson_externalPeriodicSource_isCounted() throws Exception {
    Pipeline.Result r = externalPeriodic();
    JsonNode ev = evidence(r);
    long timers = r.analysis().controllers().get(0).timers().size();
    assertTrue(timers > 0, "the engine sees the periodic source");
    assertEquals(timers, ev.path("external_periodic").asLong(-1), ev.toString());
  }
}
