package io.github.wakeupanalyze.report.chart;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * Marks without lines, drawn one series at a time: every visible mark of a series goes into one
 * path, filled and outlined once when the series is done.
 *
 * <p>The picture is the one {@link XYLineAndShapeRenderer} draws with shapes only (same shapes,
 * paints, outline strokes, series order; marks of one series overlap in one colour, so their order
 * within it does not show). The cost is not: a timeline of 4,000 marks was 8,000 separate fill and
 * stroke calls, each a {@code <path>} element with its own style in SVG (1.1 MB, too large to
 * inline in the HTML page, so a PNG was drawn as well); as one path per series it is a few elements
 * and about a quarter of the bytes, and Java2D rasterizes one long path faster than thousands of
 * short ones. No entities or item labels: the charts are static pictures.
 */
final class MarkRenderer extends XYLineAndShapeRenderer {
  private static final long serialVersionUID = 1L;

  MarkRenderer() {
    super(false, true);
  }

  @Override
  public XYItemRendererState initialise(
      Graphics2D g2, Rectangle2D dataArea, XYPlot plot, XYDataset data, PlotRenderingInfo info) {
    return new Batch(info, g2, this);
  }

  @Override
  public void drawItem(
      Graphics2D g2,
      XYItemRendererState state,
      Rectangle2D dataArea,
      PlotRenderingInfo info,
      XYPlot plot,
      ValueAxis domainAxis,
      ValueAxis rangeAxis,
      XYDataset dataset,
      int series,
      int item,
      CrosshairState crosshairState,
      int pass) {
    if (!isItemPass(pass) || !getItemVisible(series, item) || !getItemShapeVisible(series, item)) {
      return;
    }
    double x = dataset.getXValue(series, item);
    double y = dataset.getYValue(series, item);
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return;
    }
    double tx = domainAxis.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
    double ty = rangeAxis.valueToJava2D(y, dataArea, plot.getRangeAxisEdge());
    boolean horizontal = plot.getOrientation() == PlotOrientation.HORIZONTAL;
    Shape shape = getItemShape(series, item);
    AffineTransform at =
        horizontal
            ? AffineTransform.getTranslateInstance(ty, tx)
            : AffineTransform.getTranslateInstance(tx, ty);
    Rectangle2D b = shape.getBounds2D();
    if (dataArea.intersects(
        b.getX() + at.getTranslateX(),
        b.getY() + at.getTranslateY(),
        b.getWidth(),
        b.getHeight())) {
      ((Batch) state).path.append(shape.getPathIterator(at), false);
    }
  }

  /** The marks of the series being drawn, flushed when its pass ends. */
  private static final class Batch extends XYItemRendererState {
    private final Graphics2D g2;
    private final MarkRenderer renderer;
    final Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);

    Batch(PlotRenderingInfo info, Graphics2D g2, MarkRenderer renderer) {
      super(info);
      this.g2 = g2;
      this.renderer = renderer;
    }

    @Override
    public void startSeriesPass(
        XYDataset dataset, int series, int firstItem, int lastItem, int pass, int passCount) {
      super.startSeriesPass(dataset, series, firstItem, lastItem, pass, passCount);
      path.reset();
    }

    @Override
    public void endSeriesPass(
        XYDataset dataset, int series, int firstItem, int lastItem, int pass, int passCount) {
      super.endSeriesPass(dataset, series, firstItem, lastItem, pass, passCount);
      if (!renderer.isItemPass(pass) || path.getCurrentPoint() == null) {
        return;
      }
      if (renderer.getItemShapeFilled(series, firstItem)) {
        g2.setPaint(renderer.lookupSeriesPaint(series));
        g2.fill(path);
      }
      if (renderer.getDrawOutlines()) {
        g2.setPaint(
            renderer.getUseOutlinePaint()
                ? renderer.lookupSeriesOutlinePaint(series)
                : renderer.lookupSeriesPaint(series));
        g2.setStroke(renderer.lookupSeriesOutlineStroke(series));
        g2.draw(path);
      }
      path.reset();
    }
  }
}
