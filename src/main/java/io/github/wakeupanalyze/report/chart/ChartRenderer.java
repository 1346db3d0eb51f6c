package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.text.Durations;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Turns a {@link Figure} into a JFreeChart drawn in a {@link ChartStyle}. */
public final class ChartRenderer {
  private static final int MAX_ROW_LABEL = 36;

  private ChartRenderer() {}

  public static JFreeChart render(Figure f, ChartStyle style) {
    XYPlot plot =
        switch (f.kind()) {
          case TIMELINE -> timeline(f, style);
          case HISTOGRAM -> histogram(f, style);
          case LINE -> lines(f, style);
          case SCATTER -> scatter(f, style);
          case STACKED_BARS -> stacked(f, style);
        };
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.GRAY);
    plot.setDomainGridlinePaint(Palette.GRID);
    plot.setRangeGridlinePaint(Palette.GRID);
    plot.setDomainGridlineStroke(new BasicStroke(0.5f));
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    Font font = style.font();
    for (int i = 0; i < plot.getDomainAxisCount(); i++) {
      axisFonts(plot.getDomainAxis(i), font);
    }
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      axisFonts(plot.getRangeAxis(i), font);
    }
    markers(plot, f, style);
    JFreeChart chart = new JFreeChart(null, font, plot, false);
    if (style.titles()) {
      TextTitle title = new TextTitle(f.title(), style.titleFont());
      title.setPadding(new RectangleInsets(0, 0, style.fontSize() * 0.5, 0));
      chart.setTitle(title);
    }
    if (f.series().size() > 1 || f.kind() == Figure.Kind.TIMELINE) {
      LegendTitle legend = new LegendTitle(plot);
      legend.setItemFont(font);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setFrame(BlockBorder.NONE);
      legend.setBackgroundPaint(Color.WHITE);
      chart.addSubtitle(legend);
    }
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    double pad = style.fontSize() * 0.4;
    chart.setPadding(new RectangleInsets(pad, pad, pad, pad * 2));
    return chart;
  }

  private static void axisFonts(ValueAxis axis, Font font) {
    axis.setLabelFont(font);
    axis.setTickLabelFont(font);
    axis.setTickLabelPaint(Color.BLACK);
    axis.setLabelPaint(Color.BLACK);
    axis.setAxisLinePaint(Color.GRAY);
    axis.setTickMarkPaint(Color.GRAY);
  }

  private static double markerSize(ChartStyle s) {
    return Math.max(3, s.fontSize() * 0.55);
  }

  private static XYPlot timeline(Figure f, ChartStyle style) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new MarkRenderer();
    int i = 0;
    for (Figure.Series s : f.series()) {
      data.addSeries(xy(s));
      Cause c = Cause.fromLabel(s.style().substring("cause:".length()));
      r.setSeriesShape(i, Palette.shape(c, markerSize(style)));
      r.setSeriesPaint(i, Palette.cause(c));
      r.setSeriesShapesFilled(i, !s.name().startsWith("event"));
      r.setSeriesOutlineStroke(i, new BasicStroke(1f));
      i++;
    }
    r.setUseOutlinePaint(false);
    r.setDrawOutlines(true);
    String[] labels = new String[f.rowLabels().size()];
    for (int j = 0; j < labels.length; j++) {
      String l = f.rowLabels().get(j);
      labels[j] = ChartStyle.fitLabel(l, Math.min(MAX_ROW_LABEL, style.rowLabelChars()));
    }
    SymbolAxis y = new SymbolAxis(null, labels);
    y.setGridBandsVisible(true);
    y.setGridBandPaint(new Color(0xF4F4F4));
    y.setGridBandAlternatePaint(Color.WHITE);
    y.setRange(-0.6, Math.max(0.6, labels.length - 0.4));
    NumberAxis x = linearAxis(f.xLabel());
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setDomainGridlinesVisible(true);
    plot.setRangeGridlinesVisible(false);
    return plot;
  }

  private static XYPlot histogram(Figure f, ChartStyle style) {
    XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
    Figure.Series first = f.series().get(0);
    XYIntervalSeries bs = new XYIntervalSeries(first.name(), false, true);
    for (int j = 0; j < first.size(); j++) {
      bs.add(first.x()[j], first.xLow()[j], first.xHigh()[j], first.y()[j], 0, first.y()[j]);
    }
    bars.addSeries(bs);
    XYBarRenderer br = new XYBarRenderer(0);
    br.setBarPainter(new StandardXYBarPainter());
    br.setShadowVisible(false);
    br.setSeriesPaint(0, Palette.SKY_BLUE);
    br.setDrawBarOutline(true);
    br.setSeriesOutlinePaint(0, Palette.BLUE);
    br.setSeriesOutlineStroke(0, new BasicStroke(0.5f));
    XYPlot plot = new XYPlot(bars, logAxis(f.xLabel()), linearAxis(f.yLabel()), br);
    XYSeriesCollection steps = new XYSeriesCollection();
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    for (int i = 1; i < f.series().size(); i++) {
      Figure.Series s = f.series().get(i);
      XYSeries step = new XYSeries(s.name(), false, true);
      for (int j = 0; j < s.size(); j++) {
        step.add(s.xLow()[j], s.y()[j]);
        step.add(s.xHigh()[j], s.y()[j]);
      }
      steps.addSeries(step);
      lr.setSeriesPaint(i - 1, Palette.VERMILLION);
      lr.setSeriesStroke(i - 1, Palette.line(i, (float) lineWidth(style)));
    }
    plot.setDataset(1, steps);
    plot.setRenderer(1, lr);
    return plot;
  }

  private static double lineWidth(ChartStyle s) {
    return Math.max(0.8, s.fontSize() / 8);
  }

  private static XYPlot lines(Figure f, ChartStyle style) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    int i = 0;
    for (Figure.Series s : f.series()) {
      data.addSeries(xy(s));
      int n = Integer.parseInt(s.style().substring("line:".length()));
      r.setSeriesPaint(i, n == 0 ? Palette.BLUE : Palette.VERMILLION);
      r.setSeriesStroke(i, Palette.line(n, (float) lineWidth(style)));
      i++;
    }
    ValueAxis x = f.xLog() ? logAxis(f.xLabel()) : linearAxis(f.xLabel());
    return new XYPlot(data, x, linearAxis(f.yLabel()), r);
  }

  private static XYPlot scatter(Figure f, ChartStyle style) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new MarkRenderer();
    int i = 0;
    for (Figure.Series s : f.series()) {
      data.addSeries(xy(s));
      boolean timer = s.style().equals("trigger:timer");
      r.setSeriesShape(
          i, Palette.shape(timer ? Cause.REQUEUE : Cause.EXTERNAL_EVENT, markerSize(style)));
      r.setSeriesPaint(i, timer ? Palette.BLUE : Palette.ORANGE);
      r.setSeriesShapesFilled(i, timer);
      i++;
    }
    r.setUseOutlinePaint(false);
    NumberAxis x = linearAxis(f.xLabel());
    x.setRange(-0.5, 0.5);
    x.setTickUnit(new NumberTickUnit(0.25));
    NumberAxis y = linearAxis(f.yLabel());
    y.setAutoRangeIncludesZero(false);
    return new XYPlot(data, x, y, r);
  }

  private static XYPlot stacked(Figure f, ChartStyle style) {
    DefaultTableXYDataset data = new DefaultTableXYDataset();
    StackedXYBarRenderer r = new StackedXYBarRenderer(0);
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    int i = 0;
    for (Figure.Series s : f.series()) {
      XYSeries xs = new XYSeries(s.name(), false, false);
      for (int j = 0; j < s.size(); j++) {
        xs.add(s.x()[j], s.y()[j]);
      }
      data.addSeries(xs);
      r.setSeriesPaint(i, s.style().equals("trigger:timer") ? Palette.BLUE : Palette.ORANGE);
      i++;
    }
    Figure.Series first = f.series().get(0);
    if (first.size() > 0) {
      data.setIntervalWidth(first.xHigh()[0] - first.xLow()[0]);
    }
    NumberAxis x = linearAxis(f.xLabel());
    x.setAutoRangeIncludesZero(true);
    return new XYPlot(data, x, linearAxis(f.yLabel()), r);
  }

  private static XYSeries xy(Figure.Series s) {
    XYSeries xs = new XYSeries(s.name(), false, true);
    for (int j = 0; j < s.size(); j++) {
      xs.add(s.x()[j], s.y()[j], false);
    }
    return xs;
  }

  private static NumberAxis linearAxis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setNumberFormatOverride(new RootNumberFormat());
    return a;
  }

  private static LogAxis logAxis(String label) {
    LogAxis a = new PlainLogAxis(label);
    a.setBase(10);
    a.setSmallestValue(1e-4);
    a.setNumberFormatOverride(new DurationFormat());
    a.setTickUnit(new NumberTickUnit(1)); // one label per decade: 1 ms, 10 ms, 100 ms, 1 s...
    a.setMinorTickMarksVisible(true);
    return a;
  }

  private static void markers(XYPlot plot, Figure f, ChartStyle style) {
    for (MarkerLabels.Placed p : MarkerLabels.place(f, style.width(), style.fontSize())) {
      Figure.Marker m = p.marker();
      ValueMarker vm = new ValueMarker(m.value());
      vm.setPaint(Palette.BLACK);
      float w = (float) (p.labelled() ? lineWidth(style) : lineWidth(style) * 0.5);
      vm.setStroke(
          new BasicStroke(
              w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
      if (p.labelled()) {
        vm.setLabel(p.text());
        vm.setLabelFont(style.font());
        vm.setLabelPaint(Palette.BLACK);
        boolean left = p.leftOfLine();
        vm.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        vm.setLabelTextAnchor(left ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        vm.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        vm.setLabelOffset(new RectangleInsets(2 + p.row() * style.fontSize() * 1.3, 2, 2, 2));
      }
      if (m.onX()) {
        plot.addDomainMarker(vm, Layer.FOREGROUND);
      } else {
        plot.addRangeMarker(vm, Layer.FOREGROUND);
      }
    }
  }

  /**
   * A log axis whose tick labels are plain strings: JFreeChart's own are attributed strings, which
   * SVG and PDF output draw as outlines, not as text a reader can search or copy.
   */
  static final class PlainLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    PlainLogAxis(String label) {
      super(label);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(
        Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      List<ValueTick> out = new ArrayList<>();
      for (Object o : super.refreshTicks(g2, state, dataArea, edge)) {
        ValueTick t = (ValueTick) o;
        String text =
            t.getTickType() == TickType.MAJOR ? getNumberFormatOverride().format(t.getValue()) : "";
        out.add(
            new NumberTick(
                t.getTickType(),
                t.getValue(),
                text,
                t.getTextAnchor(),
                t.getRotationAnchor(),
                t.getAngle()));
      }
      return out;
    }
  }

  /** Plain locale-free numbers: {@code 0}, {@code 2.5}, {@code 1000}. */
  static final class RootNumberFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer sb, FieldPosition pos) {
      if (v == Math.rint(v) && Math.abs(v) < 1e12) {
        return sb.append((long) v);
      }
      return sb.append(Durations.trimZeros(String.format(Locale.ROOT, "%.4g", v)));
    }

    @Override
    public StringBuffer format(long v, StringBuffer sb, FieldPosition pos) {
      return sb.append(v);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException();
    }
  }

  /** Seconds as short durations on log axes: {@code 10 ms}, {@code 1 s}, {@code 1.67 min}. */
  static final class DurationFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer sb, FieldPosition pos) {
      return sb.append(Durations.human(v));
    }

    @Override
    public StringBuffer format(long v, StringBuffer sb, FieldPosition pos) {
      return sb.append(Durations.human(v));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException();
    }
  }
}
