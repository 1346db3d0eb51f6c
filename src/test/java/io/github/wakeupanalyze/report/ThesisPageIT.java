package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.chart.ChartStyle;
import io.github.wakeupanalyze.report.chart.FontFiles;
import io.github.wakeupanalyze.text.Names;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compiles a sample thesis page (A4, 11 pt, 2.5 cm margins) holding the headline table, one PDF
 * figure and one pgfplots figure of the Percona-like sample with {@code pdflatex}: the log has no
 * overfull box, the PDF's text ({@code pdftotext}) has the arrows and no {@code ?}, and {@code
 * pdffonts} lists every font as embedded. Skipped with a message where pdflatex, pdftotext or
 * pdffonts is missing ({@code apt-get install texlive-latex-base texlive-latex-recommended
 * texlive-pictures poppler-utils}). The page is kept in {@code target/thesis-check/}.
 */
class ThesisPageIT {
  static final Path SAMPLE = Path.of("sample-traces", "percona-mongodb.otlp.json");
  static final Path OUT = Path.of("target", "thesis-check").toAbsolutePath();
  static final double CM = 72 / 2.54;

  static final String PAGE =
      """
      \\documentclass[11pt,a4paper]{article}
      \\usepackage[margin=2.5cm]{geometry}
      \\usepackage{graphicx}
      \\usepackage{booktabs}
      \\usepackage{tabularx}
      \\usepackage{pgfplots}
      \\pgfplotsset{compat=1.16}
      \\begin{document}
      Reconciles of the Percona operator, end$\\to$start gaps.
      \\begin{table}[h]\\centering\\input{figures/headline.tex}\\caption{Headline}\\end{table}
      \\begin{figure}[h]\\centering\\includegraphics{figures/OP/gaps.pdf}\\caption{Gaps}\\end{figure}
      \\begin{figure}[h]\\centering\\input{figures/OP/phase-1.tex}\\caption{Phase}\\end{figure}
      \\end{document}
      """;

  @Test
  void thesisPage_tablePdfFigureAndPgfFigure_compileCleanWithEmbeddedFonts() throws Exception {
    for (String tool : List.of("pdflatex", "pdftotext", "pdffonts")) {
      assumeTrue(
          onPath(tool),
          "skipped: no "
              + tool
              + " on the PATH; apt-get install texlive-latex-base texlive-latex-recommended"
              + " texlive-pictures poppler-utils to run this check");
    }
    assumeTrue(Files.exists(SAMPLE), "skipped: " + SAMPLE + " is missing");
    Pipeline.Result r =
        Pipeline.run(
            new Pipeline.Request(
                List.of(SAMPLE.toString()),
                null,
                ExtractRules.defaults(),
                AnalysisParameters.defaults(),
                new long[0],
                new ByteArrayInputStream(new byte[0])));
    Files.createDirectories(OUT);
    String family = FontFiles.physical(ChartStyle.resolveFont("SansSerif").family());
    ThesisFigures.writeAll(
        OUT.resolve("figures"), "TEST", r.analysis(), ChartStyle.print(family, 9, 12 * CM, 6 * CM));
    String op = Names.slug(OperatorView.of(r.analysis()).get(0).operator());
    Files.writeString(OUT.resolve("thesis.tex"), PAGE.replace("OP", op), StandardCharsets.UTF_8);

    run("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "thesis.tex");
    String log = Files.readString(OUT.resolve("thesis.log"), StandardCharsets.ISO_8859_1);
    assertFalse(log.contains("Overfull"), "overfull box in " + OUT.resolve("thesis.log"));

    String text = run("pdftotext", "-enc", "UTF-8", "thesis.pdf", "-");
    assertTrue(text.contains("end→start gap"), "the PDF figure's legend lost its arrow:\n" + text);
    assertTrue(text.contains("phase of end→start gap"), "the pgf figure lost its arrow:\n" + text);
    assertTrue(text.contains("Controller"), "no table in:\n" + text);
    assertFalse(text.contains("?"), "a glyph printed as '?':\n" + text);

    String fonts = run("pdffonts", "thesis.pdf");
    List<String> rows = fonts.lines().skip(2).toList();
    assertFalse(rows.isEmpty(), fonts);
    for (String row : rows) {
      // columns: name type encoding emb sub uni object ID; "emb" is the 4th from the end
      String[] cols = row.trim().split("\\s+");
      assertEquals("yes", cols[cols.length - 5], "not embedded: " + row);
    }
    assertTrue(fonts.contains(family.replace(" ", "")), "the figure's font is embedded:\n" + fonts);
  }

  /**
   * The headline table of a head-sampled trace carries the sampling sentence in its notes ({@code
   * p≈…}, an interval with a dash): it typesets without an overfull box, and the PDF shows the
   * symbols, not {@code ?}.
   */
  @Test
  void sampledHeadlineTable_typesetsItsSamplingNote() throws Exception {
    for (String tool : List.of("pdflatex", "pdftotext")) {
      assumeTrue(onPath(tool), "skipped: no " + tool + " on the PATH");
    }
    Pipeline.Result r =
        io.github.wakeupanalyze.testing.DemoAnalysis.of(
            io.github.wakeupanalyze.testing.ThinnedRequeue.of(0.3, 11));
    Files.createDirectories(OUT);
    try (var w = Files.newBufferedWriter(OUT.resolve("sampled-headline.tex"))) {
      LatexTable.write(r.analysis(), "TEST", w);
    }
    Files.writeString(
        OUT.resolve("sampled.tex"),
        PAGE.replaceAll("(?m)^\\\\begin\\{figure\\}.*\n", "")
            .replace("figures/headline.tex", "sampled-headline.tex"),
        StandardCharsets.UTF_8);
    run("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "sampled.tex");
    String log = Files.readString(OUT.resolve("sampled.log"), StandardCharsets.ISO_8859_1);
    assertFalse(log.contains("Overfull"), "overfull box in " + OUT.resolve("sampled.log"));
    String text = run("pdftotext", "-enc", "UTF-8", "sampled.pdf", "-").replaceAll("\\s+", " ");
    assertTrue(text.contains("counts and rates are of the kept reconciles, sampled p≈0."), text);
    assertTrue(text.contains("95 % interval"), text);
    assertFalse(text.contains("?"), "a glyph printed as '?':\n" + text);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of(cmd));
    Process p =
        new ProcessBuilder(c)
            .directory(OUT.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd[0] + " did not finish in 120 s");
    }
    String s = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), cmd[0] + " failed:\n" + s);
    return s;
  }
}
