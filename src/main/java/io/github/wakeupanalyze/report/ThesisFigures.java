package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.report.chart.ChartExport;
import io.github.wakeupanalyze.report.chart.ChartRenderer;
import io.github.wakeupanalyze.report.chart.ChartStyle;
import io.github.wakeupanalyze.report.chart.Figure;
import io.github.wakeupanalyze.report.chart.OperatorFigures;
import io.github.wakeupanalyze.report.chart.PgfPlots;
import io.github.wakeupanalyze.report.chart.SeriesCsv;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGUnits;

/**
 * Figures for print, written by {@code wakeup-analyze figures}:
 *
 * <pre>
 * DIR/headline.tex            booktabs/tabularx table of the headline numbers ({@link LatexTable})
 * DIR/SLUG/ID.pdf             each chart as a one-page vector PDF of the requested size
 * DIR/SLUG/ID.svg             the same chart as SVG, sized in points
 * DIR/SLUG/ID.tex             the same chart as a pgfplots picture, data inline ({@link PgfPlots})
 * DIR/SLUG/series.csv         every plotted point of the operator's charts ({@link SeriesCsv})
 * </pre>
 *
 * <p>Deterministic: the same analysis and style give the same bytes.
 */
public final class ThesisFigures {
  private ThesisFigures() {}

  /**
   * Writes every file and returns their paths in the order written.
   *
   * @param style sizes in points, no titles (see {@link ChartStyle#print})
   */
  public static List<Path> writeAll(
      Path dir, String toolVersion, Analysis analysis, ChartStyle style) throws IOException {
    List<Path> written = new ArrayList<>();
    Files.createDirectories(dir);
    Path tex = dir.resolve("headline.tex");
    try (Writer w = Files.newBufferedWriter(tex, StandardCharsets.UTF_8)) {
      LatexTable.write(analysis, toolVersion, w);
    }
    written.add(tex);
    for (OperatorView op : OperatorView.of(analysis)) {
      Path opDir = dir.resolve(Names.slug(op.operator()));
      Files.createDirectories(opDir);
      List<Figure> figures = OperatorFigures.build(analysis, op.operator());
      for (Figure f : figures) {
        JFreeChart chart = ChartRenderer.render(f, style);
        double height = style.heightFor(f);
        Path pdf = opDir.resolve(f.id() + ".pdf");
        Files.write(pdf, ChartExport.pdf(chart, style.width(), height, style.fonts()));
        written.add(pdf);
        Path svg = opDir.resolve(f.id() + ".svg");
        Files.writeString(
            svg,
            ChartExport.svg(chart, style.width(), height, SVGUnits.PT, f.id() + "-").document(),
            StandardCharsets.UTF_8);
        written.add(svg);
        Path pgf = opDir.resolve(f.id() + ".tex");
        Files.writeString(
            pgf, PgfPlots.tikz(f, style.width(), height, style.fontSize()), StandardCharsets.UTF_8);
        written.add(pgf);
      }
      Path csv = opDir.resolve("series.csv");
      try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        SeriesCsv.write(figures, w);
      }
      written.add(csv);
    }
    return written;
  }
}
