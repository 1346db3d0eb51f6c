package io.github.wakeupanalyze.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGUnits;
import org.junit.jupiter.api.Test;

/**
 * Marks drawn as one path per series: the picture of the stock renderer, a fraction of the cost.
 */
class MarkRendererTest {
  private static final int W = 600;
  private static final int H = 300;

  /** Two series (filled, hollow) of {@code n} marks each on a grid, {@code step} apart in x. */
  private static JFreeChart chart(XYLineAndShapeRenderer r, int n, double step) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int s = 0; s < 2; s++) {
      XYSeries xy = new XYSeries("series " + s, false, true);
      for (int i = 0; i < n; i++) {
        xy.add(i * step, s + (i % 7) * 0.1);
      }
      data.addSeries(xy);
      r.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
      r.setSeriesPaint(s, s == 0 ? Color.BLUE : Color.ORANGE);
      r.setSeriesShapesFilled(s, s == 0);
      r.setSeriesOutlineStroke(s, new BasicStroke(1f));
    }
    r.setUseOutlinePaint(false);
    r.setDrawOutlines(true);
    NumberAxis x = new NumberAxis();
    x.setRange(-1, n * step + 1);
    NumberAxis y = new NumberAxis();
    y.setRange(-0.5, 2.5);
    JFreeChart chart = new JFreeChart(null, null, new XYPlot(data, x, y, r), false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static BufferedImage raster(JFreeChart chart) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    chart.draw(g, new Rectangle2D.Double(0, 0, W, H));
    g.dispose();
    return img;
  }

  private static int count(String text, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(text);
    int k = 0;
    while (m.find()) {
      k++;
    }
    return k;
  }

  @Test
  void separateMarks_drawTheSamePixelsAsTheStockRenderer() {
    // 40 marks per series, 12 px apart: no two overlap, so no compositing order can differ
    BufferedImage ours = raster(chart(new MarkRenderer(), 40, 1));
    BufferedImage stock = raster(chart(new XYLineAndShapeRenderer(false, true), 40, 1));
    int differ = 0;
    int inked = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        if (ours.getRGB(x, y) != stock.getRGB(x, y)) {
          differ++;
        }
        if (stock.getRGB(x, y) == Color.BLUE.getRGB()
            || stock.getRGB(x, y) == Color.ORANGE.getRGB()) {
          inked++;
        }
      }
    }
    assertTrue(inked > 40 * 2 * 5, "the marks are drawn at all: " + inked + " pixels");
    assertEquals(0, differ, "pixels that differ from the stock renderer's");
  }

  @Test
  void svg_holdsOnePathPerSeries_whateverTheNumberOfMarks() {
    String few = svg(chart(new MarkRenderer(), 50, 1));
    String many = svg(chart(new MarkRenderer(), 5000, 0.01));
    // filled series: one fill and one outline; hollow series: one outline
    assertEquals(count(few, "<path"), count(many, "<path"), "path elements, 50 vs 5,000 marks");
    String stock = svg(chart(new XYLineAndShapeRenderer(false, true), 5000, 0.01));
    assertTrue(
        count(stock, "<path") > 10 * count(many, "<path"),
        "the stock renderer writes an element per mark: "
            + count(stock, "<path")
            + " vs "
            + count(many, "<path"));
    assertTrue(
        many.length() < 0.6 * stock.length(), many.length() + " vs " + stock.length() + " chars");
  }

  @Test
  void marksOutsideTheDataArea_areLeftOut() {
    // x range shows the first 10 of 1,000 marks: the path must not carry the other 990
    MarkRenderer r = new MarkRenderer();
    JFreeChart c = chart(r, 1000, 1);
    ((XYPlot) c.getPlot()).getDomainAxis().setRange(-1, 10);
    String shown = svg(c);
    JFreeChart all = chart(new MarkRenderer(), 10, 1);
    ((XYPlot) all.getPlot()).getDomainAxis().setRange(-1, 10);
    assertTrue(
        shown.length() < svg(all).length() * 1.2,
        "an SVG of 10 visible marks of 1,000 is about the size of one of 10 marks");
  }

  private static String svg(JFreeChart chart) {
    return ChartExport.svg(chart, W, H, SVGUnits.PX, "t-").document();
  }
}
