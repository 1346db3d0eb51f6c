package io.github.wakeupanalyze.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the labels of a figure's reference lines go, so that none overprints another: markers are
 * taken in the figure's order (most important first); each label goes on the first of {@value
 * #ROWS} rows under the top of the plot where it overlaps no label already placed, to the right of
 * its line, or to the left near the right edge; a label that fits nowhere is dropped (the line
 * stays). Label widths are estimated at 0.55 em per character, a little wider than the average
 * glyph of common text fonts, so estimates err towards dropping.
 */
final class MarkerLabels {
  static final int ROWS = 3;
  private static final double EM_PER_CHAR = 0.55;

  private MarkerLabels() {}

  /**
   * A marker and where its label goes.
   *
   * @param labelled false when the marker has no label or its label did not fit
   * @param row 0 at the top of the plot
   * @param leftOfLine the label ends at the line instead of starting there
   * @param text the label, e.g. {@code timer 5 s}
   */
  record Placed(Figure.Marker marker, boolean labelled, int row, boolean leftOfLine, String text) {}

  /**
   * @param plotWidth width of the whole chart in drawing units (the plot takes about 85 %)
   * @param fontSize in drawing units
   */
  static List<Placed> place(Figure f, double plotWidth, double fontSize) {
    double width = plotWidth * 0.85;
    List<List<double[]>> rows = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      rows.add(new ArrayList<>());
    }
    List<Placed> out = new ArrayList<>();
    for (Figure.Marker m : f.markers()) {
      if (f.xLog() && m.onX() && m.value() <= 0) {
        continue;
      }
      if (m.label().isEmpty() || !m.onX()) {
        out.add(new Placed(m, !m.label().isEmpty(), 0, false, m.label()));
        continue;
      }
      double x = fraction(f, m.value()) * width;
      double w = m.label().length() * EM_PER_CHAR * fontSize + fontSize * 0.4;
      boolean left = x + w > width;
      double a = left ? x - w : x;
      double b = left ? x : x + w;
      int row = -1;
      for (int r = 0; r < ROWS && row < 0; r++) {
        boolean free = true;
        for (double[] iv : rows.get(r)) {
          free &= b <= iv[0] || a >= iv[1];
        }
        if (free) {
          row = r;
        }
      }
      if (row >= 0) {
        rows.get(row).add(new double[] {a, b});
      }
      out.add(new Placed(m, row >= 0, Math.max(0, row), left, m.label()));
    }
    return out;
  }

  /** Where x lies between the smallest and largest x of the figure's data, 0 to 1. */
  static double fraction(Figure f, double x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Figure.Series s : f.series()) {
      for (double[] xs : new double[][] {s.x(), s.xLow(), s.xHigh()}) {
        for (double v : xs == null ? new double[0] : xs) {
          if (!f.xLog() || v > 0) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    if (!(hi > lo)) {
      return 0;
    }
    double t = f.xLog() ? Math.log(x / lo) / Math.log(hi / lo) : (x - lo) / (hi - lo);
    return Math.max(0, Math.min(1, t));
  }
}
