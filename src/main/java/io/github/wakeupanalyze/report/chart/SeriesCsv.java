package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.text.Csv;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Every plotted point of some figures as one CSV (RFC 4180), so a figure can be redrawn in pgfplots
 * or matplotlib: columns {@value #HEADER}. Bars carry their edges in {@code x_low} and {@code
 * x_high}; timeline points carry their object in {@code label}; a reference line is a row of series
 * {@code marker} with its position in {@code x} (vertical) or {@code y} (horizontal). Numbers have
 * at most 9 significant digits, plain notation; rows in figure, series, point order.
 */
public final class SeriesCsv {
  public static final String HEADER = "figure,series,x,y,x_low,x_high,label";

  private SeriesCsv() {}

  public static void write(List<Figure> figures, Writer w) throws IOException {
    w.write(HEADER);
    w.write('\n');
    StringBuilder row = new StringBuilder(128);
    for (Figure f : figures) {
      for (Figure.Series s : f.series()) {
        for (int i = 0; i < s.size(); i++) {
          row.setLength(0);
          Csv.text(row, f.id()).append(',');
          Csv.text(row, s.name()).append(',');
          row.append(number(s.x()[i])).append(',').append(number(s.y()[i])).append(',');
          row.append(s.xLow() == null ? "" : number(s.xLow()[i])).append(',');
          row.append(s.xHigh() == null ? "" : number(s.xHigh()[i])).append(',');
          String label = "";
          if (f.kind() == Figure.Kind.TIMELINE) {
            int idx = (int) s.y()[i];
            label = idx >= 0 && idx < f.rowLabels().size() ? f.rowLabels().get(idx) : "";
          }
          Csv.text(row, label).append('\n');
          w.append(row);
        }
      }
      for (Figure.Marker m : f.markers()) {
        row.setLength(0);
        Csv.text(row, f.id()).append(",marker,");
        row.append(m.onX() ? number(m.value()) : "").append(',');
        row.append(m.onX() ? "" : number(m.value())).append(",,,");
        Csv.text(row, m.label()).append('\n');
        w.append(row);
      }
    }
  }

  /** Up to 9 significant digits, no exponent, no trailing zeros; empty for NaN. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(9)).stripTrailingZeros().toPlainString();
  }
}
