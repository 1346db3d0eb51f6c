package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.chart.OperatorFigures;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import io.github.wakeupanalyze.testing.Golden;
import io.github.wakeupanalyze.text.Names;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report texts for the demo trace, byte for byte (golden files in src/test/resources/golden).
 */
class ReportGoldenTest {
  @TempDir Path dir;
  Pipeline.Result result;

  @BeforeEach
  void analyzeDemo() throws Exception {
    result = DemoAnalysis.demo();
  }

  @Test
  void goldenFolder_holdsOnlyWhatTheseTestsProduce() throws Exception {
    List<String> produced =
        new java.util.ArrayList<>(
            List.of("reconciles.csv", "summary.json", "index.html", "headline.tex", "table.txt"));
    for (OperatorView op : OperatorView.of(result.analysis())) {
      produced.add(Names.slug(op.operator()) + ".md");
      produced.add(Names.slug(op.operator()) + ".html");
    }
    Golden.assertNoStrays("demo", produced);
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
      MarkdownReport.write(
          op, result.analysis(), OperatorFigures.build(result.analysis(), op.operator()), w);
      Golden.assertMatches("demo/" + Names.slug(op.operator()) + ".md", w.toString());
    }
  }

  @Test
  void htmlReport_matchesGolden_svgNormalized() throws Exception {
    ReportWriter.writeAll(dir, "TEST", result.inputs(), result.extraction(), result.analysis());
    for (OperatorView op : OperatorView.of(result.analysis())) {
      String slug = Names.slug(op.operator());
      String html = Files.readString(dir.resolve("operators/" + slug + "/report.html"));
      Golden.assertMatches("demo/" + slug + ".html", normalizeSvg(html));
    }
    Golden.assertMatches("demo/index.html", Files.readString(dir.resolve("index.html")));
  }

  @Test
  void latexTable_matchesGolden() throws Exception {
    StringWriter w = new StringWriter();
    LatexTable.write(result.analysis(), "TEST", w);
    Golden.assertMatches("demo/headline.tex", w.toString());
  }

  /**
   * Inline charts depend on the fonts installed (text widths move the layout), so the golden HTML
   * keeps each {@code <svg>} element's opening tag and replaces its content with its text strings,
   * which do not depend on fonts.
   */
  static String normalizeSvg(String html) {
    Matcher m = Pattern.compile("(<svg[^>]*>)(.*?)</svg>", Pattern.DOTALL).matcher(html);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      List<String> texts = new java.util.ArrayList<>();
      Matcher t = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(m.group(2));
      while (t.find()) {
        texts.add(t.group(1));
      }
      m.appendReplacement(
          sb,
          Matcher.quoteReplacement(
              m.group(1)
                  + "<!-- text: "
                  + String.join(" | ", texts).replace("--", "- -")
                  + " --></svg>"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Test
  void consoleTable_matchesGolden() throws Exception {
    StringWriter w = new StringWriter();
    ConsoleTable.print(result.analysis(), new java.io.PrintWriter(w));
    Golden.assertMatches("demo/table.txt", w.toString());
  }

  @Test
  void writeAll_writesOneReportPerOperator_chartsAsSvgOnly() throws Exception {
    List<Path> files =
        ReportWriter.writeAll(
            dir.resolve("out"), "TEST", result.inputs(), result.extraction(), result.analysis());
    assertEquals(
        List.of(
            "reconciles.csv",
            "operators/demo-operator/report.md",
            "operators/demo-operator/report.html",
            "operators/demo-operator/timeline.svg",
            "operators/demo-operator/gaps.svg",
            "operators/demo-operator/periodogram.svg",
            "operators/demo-operator/phase-1.svg",
            "operators/demo-operator/per-minute.svg",
            "operators/event-operator/report.md",
            "operators/event-operator/report.html",
            "operators/event-operator/timeline.svg",
            "operators/event-operator/gaps.svg",
            "operators/event-operator/periodogram.svg",
            "operators/event-operator/per-minute.svg",
            "index.html",
            "summary.json"),
        files.stream().map(p -> dir.resolve("out").relativize(p).toString()).toList());
  }

  @Test
  void writeAll_withPng_writesEachChartAsPngBesideItsSvg() throws Exception {
    Path out = dir.resolve("png");
    List<Path> files;
    try (OutputFolder folder = OutputFolder.open(out, "analyze", ReportWriter.SUMMARY)) {
      files =
          ReportWriter.writeAll(
              folder,
              "TEST",
              result.inputs(),
              result.extraction(),
              result.analysis(),
              new ReportWriter.Options(
                  Integer.MAX_VALUE, SourceLinks.NONE, List.of(1_000_000_000L), true));
    }
    List<String> names = files.stream().map(p -> out.relativize(p).toString()).toList();
    List<String> svgs = names.stream().filter(n -> n.endsWith(".svg")).toList();
    List<String> pngs = names.stream().filter(n -> n.endsWith(".png")).toList();
    assertEquals(9, svgs.size(), names.toString());
    assertEquals(svgs.stream().map(n -> n.replace(".svg", ".png")).toList(), pngs);
    for (String png : pngs) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertEquals(900, img.getWidth(), png);
    }
  }
}
