package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.testing.DemoTrace;
import io.github.wakeupanalyze.testing.Golden;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report texts for the demo trace, byte for byte (golden files in src/test/resources/golden). */
class ReportGoldenTest {
  @TempDir Path dir;
  Pipeline.Result result;

  @BeforeEach
  void analyzeDemo() throws Exception {
    byte[] json = DemoTrace.build().toJson().getBytes(StandardCharsets.UTF_8);
    result = Pipeline.run(new Pipeline.Request(List.of("-"), ReadOptions.AUTO, ExtractRules.defaults(),
        AnalysisParameters.defaults(), new long[0], new ByteArrayInputStream(json)));
  }

  @Test
  void reconcilesCsv_matchesGolden() throws Exception {
    StringWriter w = new StringWriter();
    ReconcilesCsv.write(result.analysis(), w);
    Golden.assertMatches("demo/reconciles.csv", w.toString());
  }

  @Test
  void summaryJson_matchesGolden() throws Exception {
    StringWriter w = new StringWriter();
    SummaryJson.write("TEST", result.inputs(), result.extraction(), result.analysis(), w);
    Golden.assertMatches("demo/summary.json", w.toString());
  }

  @Test
  void markdownReport_matchesGolden() throws Exception {
    for (OperatorView op : OperatorView.of(result.analysis())) {
      StringWriter w = new StringWriter();
      MarkdownReport.write(op, result.analysis(), w);
      Golden.assertMatches("demo/" + Names.slug(op.operator()) + ".md", w.toString());
    }
  }

  @Test
  void consoleTable_matchesGolden() throws Exception {
    StringWriter w = new StringWriter();
    ConsoleTable.print(result.analysis(), new java.io.PrintWriter(w));
    Golden.assertMatches("demo/table.txt", w.toString());
  }

  @Test
  void writeAll_writesOneReportPerOperator() throws Exception {
    List<Path> files = ReportWriter.writeAll(dir.resolve("out"), "TEST", result.inputs(),
        result.extraction(), result.analysis());
    assertEquals(List.of("summary.json", "reconciles.csv", "operators/demo-operator/report.md",
        "operators/event-operator/report.md"),
        files.stream().map(p -> dir.resolve("out").relativize(p).toString()).toList());
  }
}
