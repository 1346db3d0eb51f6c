package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.report.chart.ChartExport;
import io.github.wakeupanalyze.report.chart.ChartRenderer;
import io.github.wakeupanalyze.report.chart.ChartStyle;
import io.github.wakeupanalyze.report.chart.Figure;
import io.github.wakeupanalyze.report.chart.OperatorFigures;
import io.github.wakeupanalyze.report.chart.SeriesCsv;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGUnits;

/**
 * Figures for print, written by {@code wakeup-analyze figures} into an {@link OutputFolder}:
 *
 * <pre>
 * DIR/SLUG/ID.pdf             each chart as a one-page vector PDF of the requested size
 * DIR/SLUG/ID.svg             the same chart as SVG, sized in points
 * DIR/SLUG/series.csv         every plotted point of the operator's charts ({@link SeriesCsv})
 * DIR/headline.tex            booktabs table of the headline numbers ({@link LatexTable}); last,
 *                               so its presence means the run completed
 * </pre>
 *
 * <p>SLUG from {@link Names#slugs}, distinct per operator; past {@code --max-operators} only the
 * operators with the most reconciles get a folder. Deterministic: the same analysis and style give
 * the same bytes.
 */
public final class ThesisFigures {
  /** The file written last; see {@link OutputFolder}. */
  public static final String HEADLINE = "headline.tex";

  private ThesisFigures() {}

  /** Writes every file into {@code dir}, opened and committed here. */
  public static List<Path> writeAll(
      Path dir, String toolVersion, Analysis analysis, ChartStyle style) throws IOException {
    try (OutputFolder out = OutputFolder.open(dir, "figures", HEADLINE)) {
      return writeAll(out, toolVersion, analysis, style);
    } catch (OutputException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** As {@link #writeAll(OutputFolder, String, Analysis, ChartStyle, int)}, every operator. */
  public static List<Path> writeAll(
      OutputFolder out, String toolVersion, Analysis analysis, ChartStyle style)
      throws OutputException {
    return writeAll(out, toolVersion, analysis, style, Integer.MAX_VALUE);
  }

  /**
   * Writes every file and commits the folder; returns their paths in the order written.
   *
   * @param style sizes in points, no titles (see {@link ChartStyle#print})
   * @param maxOperators operators that get figures, the top ones by reconciles, as for the reports;
   *     {@code headline.tex} lists every operator
   */
  public static List<Path> writeAll(
      OutputFolder out, String toolVersion, Analysis analysis, ChartStyle style, int maxOperators)
      throws OutputException {
    List<Path> written = new ArrayList<>();
    List<OperatorView> ops = OperatorView.of(analysis);
    Map<String, String> slugs = ReportWriter.folders(ops, maxOperators);
    for (OperatorView op : ops) {
      String folder = slugs.get(op.operator());
      if (folder == null) {
        continue; // past maxOperators
      }
      List<Figure> figures = OperatorFigures.build(analysis, op.operator());
      for (Figure f : figures) {
        JFreeChart chart = ChartRenderer.render(f, style);
        double height = style.heightFor(f);
        byte[] pdf = ChartExport.pdf(chart, style.width(), height);
        written.add(out.write(folder + "/" + f.id() + ".pdf", o -> o.write(pdf)));
        String svg =
            ChartExport.svg(chart, style.width(), height, SVGUnits.PT, f.id() + "-").document();
        written.add(out.writeString(folder + "/" + f.id() + ".svg", svg));
      }
      written.add(out.writeText(folder + "/series.csv", w -> SeriesCsv.write(figures, w)));
    }
    written.add(out.commit(w -> LatexTable.write(analysis, toolVersion, w)));
    return written;
  }
}
