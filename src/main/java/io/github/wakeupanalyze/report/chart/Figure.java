package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.text.Names;
import java.util.List;

/**
 * The data of one chart, exactly as plotted: renderers draw it, {@link SeriesCsv} writes it, so a
 * figure can be redrawn elsewhere (pgfplots, matplotlib) from the CSV.
 *
 * @param id file stem, e.g. {@code timeline}, {@code phase-1}
 * @param kind how the series are drawn
 * @param title one line, e.g. {@code Reconciles over time}; names from the trace may occur in it
 * @param xLabel x axis label with its unit, e.g. {@code gap (s)}
 * @param yLabel y axis label with its unit
 * @param xLog log scale on x
 * @param series in legend order
 * @param markers vertical or horizontal reference lines with a label
 * @param rowLabels for {@link Kind#TIMELINE}: the label of row {@code i} (y = i), else empty
 * @param note how to read the chart and what it leaves out or aggregates, e.g. {@code 30 of 45
 *     objects shown}; our own words, never a name from the trace (written into Markdown as is);
 *     empty when nothing
 */
public record Figure(
    String id,
    Kind kind,
    String title,
    String xLabel,
    String yLabel,
    boolean xLog,
    List<Series> series,
    List<Marker> markers,
    List<String> rowLabels,
    String note) {

  /** Names from the trace in the title and row labels are {@linkplain Names#shorten shortened}. */
  public Figure {
    title = Names.shorten(title);
    series = List.copyOf(series);
    markers = List.copyOf(markers);
    rowLabels = rowLabels.stream().map(Names::shorten).toList();
  }

  /** How a figure's series are drawn. */
  public enum Kind {
    /** Marks per row (object) over time; y is a row index. */
    TIMELINE,
    /** Bars from xLow to xHigh; the first series filled, the others as step outlines. */
    HISTOGRAM,
    /** Lines through the points. */
    LINE,
    /** Marks, no lines. */
    SCATTER,
    /** Bars from xLow to xHigh, series stacked. */
    STACKED_BARS
  }

  /**
   * One plotted series.
   *
   * @param name legend label, e.g. {@code timer: requeue}
   * @param style colour and shape key: {@code cause:<label>}, {@code trigger:<label>} or {@code
   *     line:<n>}
   * @param x x values
   * @param y y values
   * @param xLow bar lower edges, or null when not a bar series
   * @param xHigh bar upper edges, or null
   */
  public record Series(
      String name, String style, double[] x, double[] y, double[] xLow, double[] xHigh) {
    public Series {
      if (x.length != y.length
          || (xLow != null
              && (xLow.length != x.length || xHigh == null || xHigh.length != x.length))) {
        throw new IllegalArgumentException("series \"" + name + "\": arrays differ in length");
      }
    }

    public static Series points(String name, String style, double[] x, double[] y) {
      return new Series(name, style, x, y, null, null);
    }

    public int size() {
      return x.length;
    }
  }

  /**
   * A reference line.
   *
   * @param onX true for a vertical line at x = value, false for a horizontal one at y = value
   * @param label e.g. {@code 5 s timer}
   */
  public record Marker(boolean onX, double value, String label) {}
}
