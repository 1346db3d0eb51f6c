package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.report.chart.ChartExport;
import io.github.wakeupanalyze.report.chart.ChartRenderer;
import io.github.wakeupanalyze.report.chart.ChartStyle;
import io.github.wakeupanalyze.report.chart.Figure;
import java.util.Base64;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGUnits;

/**
 * One chart of an operator's report, drawn for the web: the SVG file, what {@code report.html}
 * shows in its place, and the PNG when one was drawn.
 *
 * @param figure the chart's data, e.g. the timeline
 * @param svgDocument the {@code ID.svg} file's text
 * @param inline the {@code <svg>} element for the page, or, when the SVG is larger than {@link
 *     ReportWriter#MAX_INLINE_SVG_CHARS}, an {@code <img>} holding a PNG of it
 * @param png the PNG's bytes when asked for, else null
 */
record WebChart(Figure figure, String svgDocument, String inline, byte[] png) {
  /** Draws the chart once as SVG, and as PNG only if {@code png} or the page needs one. */
  static WebChart draw(Figure f, boolean png) {
    ChartStyle style = ChartStyle.web();
    JFreeChart chart = ChartRenderer.render(f, style);
    int width = (int) style.width();
    int height = (int) style.heightFor(f);
    ChartExport.Svg svg = ChartExport.svg(chart, width, height, SVGUnits.PX, f.id() + "-");
    byte[] pngBytes = png ? ChartExport.png(chart, width, height) : null;
    String inline = svg.element();
    if (inline.length() > ReportWriter.MAX_INLINE_SVG_CHARS) {
      byte[] raster = pngBytes != null ? pngBytes : ChartExport.png(chart, width, height);
      inline =
          "<img width=\""
              + width
              + "\" height=\""
              + height
              + "\" alt=\"\" src=\"data:image/png;base64,"
              + Base64.getEncoder().encodeToString(raster)
              + "\">";
    }
    return new WebChart(f, svg.document(), inline, pngBytes);
  }
}
