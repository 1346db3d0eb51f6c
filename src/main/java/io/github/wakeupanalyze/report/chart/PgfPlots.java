package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.text.Durations;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Figure} as a pgfplots {@code axis}, the data inline, so a thesis typesets the figure in
 * its own font and size (the way matplotlib's pgf backend is used):
 *
 * <pre>
 * &#92;usepackage{pgfplots} &#92;pgfplotsset{compat=1.16}
 * \begin{figure}\centering\input{figures/op/gaps.tex}\caption{...}\end{figure}
 * </pre>
 *
 * <p>The same series, colours (Okabe–Ito), marks and reference lines as the PDF; text is escaped by
 * {@link TexText}; numbers are written locale-free. Log axes get one tick per decade labelled as a
 * duration ({@code 10\,ms}, {@code 1\,s}). Labels of reference lines are placed by {@link
 * MarkerLabels}, so they never overprint.
 */
public final class PgfPlots {
  private PgfPlots() {}

  /**
   * The {@code tikzpicture} of one figure.
   *
   * @param widthPt axis width, e.g. 340 (12 cm)
   * @param heightPt axis height
   * @param fontSizePt the size the labels are measured at for placing marker labels, e.g. 9
   */
  public static String tikz(Figure f, double widthPt, double heightPt, double fontSizePt) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("% ")
        .append(f.id())
        .append(": written by wakeup-analyze. Needs \\usepackage{pgfplots} and ")
        .append("\\pgfplotsset{compat=1.16} (or newer).\n");
    for (int n = 0; n < COLOURS.length; n++) {
      Color c = COLOURS[n];
      sb.append(
          String.format(
              Locale.ROOT,
              "\\definecolor{wa%c}{RGB}{%d,%d,%d}%n",
              (char) ('a' + n),
              c.getRed(),
              c.getGreen(),
              c.getBlue()));
    }
    sb.append("\\begin{tikzpicture}\n\\begin{axis}[\n")
        .append("  width=")
        .append(num(widthPt))
        .append("pt, height=")
        .append(num(heightPt))
        .append("pt, scale only axis=false,\n")
        .append("  xlabel={")
        .append(TexText.escape(f.xLabel()))
        .append("}, ylabel={")
        .append(TexText.escape(f.yLabel()))
        .append("},\n")
        .append("  legend style={at={(0.5,-0.22)}, anchor=north, draw=none, font=\\footnotesize,")
        .append(" legend columns=")
        .append(Math.min(3, Math.max(1, f.series().size())))
        .append("}, legend cell align=left,\n")
        .append("  tick label style={font=\\footnotesize}, label style={font=\\small},\n")
        .append("  grid=major, major grid style={line width=0.2pt, draw=black!15},\n");
    if (f.xLog()) {
      sb.append("  xmode=log,\n");
      decadeTicks(sb, f);
    }
    switch (f.kind()) {
      case TIMELINE -> timelineAxis(sb, f, rowLabelChars(widthPt, fontSizePt));
      case SCATTER -> sb.append("  xmin=-0.5, xmax=0.5, xtick={-0.5,-0.25,0,0.25,0.5},\n");
      case STACKED_BARS -> sb.append("  stack plots=y, area style, ymin=0,\n");
      case HISTOGRAM -> sb.append("  ymin=0,\n");
      case LINE -> {}
    }
    sb.append("]\n");
    for (int i = 0; i < f.series().size(); i++) {
      series(sb, f, i);
    }
    markers(sb, f, widthPt, fontSizePt);
    sb.append("\\end{axis}\n\\end{tikzpicture}\n");
    return sb.toString();
  }

  /** The colours defined as {@code waa}, {@code wab}, ... in every picture. */
  private static final Color[] COLOURS = {
    Palette.BLUE,
    Palette.ORANGE,
    Palette.SKY_BLUE,
    Palette.BLUISH_GREEN,
    Palette.VERMILLION,
    Palette.REDDISH_PURPLE,
    Palette.BLACK
  };

  private static String colour(Color c) {
    for (int n = 0; n < COLOURS.length; n++) {
      if (COLOURS[n].equals(c)) {
        return "wa" + (char) ('a' + n);
      }
    }
    return "black";
  }

  private static int rowLabelChars(double widthPt, double fontSizePt) {
    return ChartStyle.print("Serif", fontSizePt, widthPt, widthPt).rowLabelChars();
  }

  private static void timelineAxis(StringBuilder sb, Figure f, int maxChars) {
    int n = f.rowLabels().size();
    sb.append("  ymin=-0.6, ymax=").append(num(Math.max(0.6, n - 0.4))).append(", ytick={");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append(i);
    }
    sb.append("}, yticklabels={");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append('{')
          .append(TexText.escape(ChartStyle.fitLabel(f.rowLabels().get(i), maxChars)));
      sb.append('}');
    }
    sb.append("}, ymajorgrids=false, y tick label style={font=\\scriptsize},\n");
  }

  private static void decadeTicks(StringBuilder sb, Figure f) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Figure.Series s : f.series()) {
      for (double v : s.xLow() != null ? s.xLow() : s.x()) {
        if (v > 0) {
          lo = Math.min(lo, v);
        }
      }
      for (double v : s.xHigh() != null ? s.xHigh() : s.x()) {
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > lo)) {
      return;
    }
    List<String> ticks = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int d = (int) Math.ceil(Math.log10(lo) - 1e-9);
        d <= Math.floor(Math.log10(hi) + 1e-9);
        d++) {
      double v = Math.pow(10, d);
      ticks.add(num(v));
      labels.add(TexText.escape(Durations.human(v)).replace(" ", "\\,"));
    }
    sb.append("  xtick={")
        .append(String.join(",", ticks))
        .append("}, xticklabels={")
        .append(String.join(",", labels))
        .append("}, log ticks with fixed point,\n");
  }

  private static void series(StringBuilder sb, Figure f, int i) {
    Figure.Series s = f.series().get(i);
    String style;
    boolean bars = s.xLow() != null;
    switch (f.kind()) {
      case TIMELINE -> {
        Cause c = Cause.fromLabel(s.style().substring("cause:".length()));
        boolean filled = !s.name().startsWith(Trigger.EVENT.label());
        style = mark(c, colour(Palette.cause(c)), filled);
      }
      case SCATTER -> {
        boolean timer = s.style().equals("trigger:" + Trigger.TIMER.label());
        style =
            mark(
                timer ? Cause.REQUEUE : Cause.EXTERNAL_EVENT,
                colour(timer ? Palette.BLUE : Palette.ORANGE),
                timer);
      }
      case STACKED_BARS -> {
        boolean timer = s.style().equals("trigger:" + Trigger.TIMER.label());
        style = "const plot, draw=none, fill=" + colour(timer ? Palette.BLUE : Palette.ORANGE);
      }
      case HISTOGRAM ->
          style =
              i == 0
                  ? "const plot, fill="
                      + colour(Palette.SKY_BLUE)
                      + ", draw="
                      + colour(Palette.BLUE)
                  : "const plot, thick, dashed, draw=" + colour(Palette.VERMILLION);
      default -> {
        int n = Integer.parseInt(s.style().substring("line:".length()));
        style =
            "no markers, thick, draw="
                + colour(Palette.lineColour(n))
                + (n == 1 ? ", dashed" : n == 2 ? ", dotted" : "");
      }
    }
    sb.append("\\addplot[").append(style).append("] table[row sep=\\\\] {\n");
    if (bars) {
      for (int j = 0; j < s.size(); j++) {
        sb.append(num(s.xLow()[j])).append(' ').append(num(s.y()[j])).append("\\\\\n");
      }
      if (s.size() > 0) {
        sb.append(num(s.xHigh()[s.size() - 1]))
            .append(' ')
            .append(num(s.y()[s.size() - 1]))
            .append("\\\\\n");
      }
    } else {
      for (int j = 0; j < s.size(); j++) {
        sb.append(num(s.x()[j])).append(' ').append(num(s.y()[j])).append("\\\\\n");
      }
    }
    sb.append("}");
    if (f.kind() == Figure.Kind.STACKED_BARS || (f.kind() == Figure.Kind.HISTOGRAM && i == 0)) {
      sb.append(" \\closedcycle");
    }
    sb.append(";\n\\addlegendentry{").append(TexText.escape(s.name())).append("}\n");
  }

  private static String mark(Cause c, String colour, boolean filled) {
    String shape =
        switch (c) {
          case REQUEUE -> "*";
          case RESYNC -> "square*";
          case ERROR_RETRY -> "+";
          case MAX_INTERVAL -> "-";
          case EXTERNAL_EVENT -> "triangle*";
          case SELF_WRITE -> "diamond*";
          case UNKNOWN -> "triangle*, mark options={rotate=180}";
        };
    return "only marks, mark="
        + shape
        + ", mark size=1.2pt, draw="
        + colour
        + ", fill="
        + (filled ? colour : "white");
  }

  private static void markers(StringBuilder sb, Figure f, double widthPt, double fontSizePt) {
    List<MarkerLabels.Placed> placed = MarkerLabels.place(f, widthPt, fontSizePt);
    for (MarkerLabels.Placed p : placed) {
      Figure.Marker m = p.marker();
      String at = num(m.value());
      String line =
          m.onX()
              ? "({axis cs:"
                  + at
                  + ",1}|-{rel axis cs:0,0}) -- ({axis cs:"
                  + at
                  + ",1}|-{rel axis cs:0,1})"
              : "({rel axis cs:0,0}|-{axis cs:1,"
                  + at
                  + "}) -- ({rel axis cs:1,0}|-{axis cs:1,"
                  + at
                  + "})";
      sb.append("\\draw[dashed, ")
          .append(p.labelled() ? "thick" : "thin")
          .append("] ")
          .append(line);
      if (p.labelled()) {
        sb.append(" node[pos=1, anchor=north ")
            .append(p.leftOfLine() ? "east" : "west")
            .append(", yshift=-")
            .append(num(p.row() * fontSizePt * 1.3))
            .append(
                "pt, font=\\scriptsize, fill=white, fill opacity=0.85, text opacity=1, inner sep=1pt] {")
            .append(TexText.escape(p.text()))
            .append('}');
      }
      sb.append(";\n");
    }
  }

  /** Locale-free, no exponent, at most 6 significant decimals. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "nan";
    }
    return ChartExport.decimals(v, Math.abs(v) >= 1 || v == 0 ? 4 : 9);
  }
}
