package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Colours, marker shapes and dash patterns, one per trigger and cause.
 *
 * <p>Colours are the Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008), safe for
 * the common colour-vision deficiencies. Grayscale readers cannot tell every hue apart, so each
 * cause also has its own marker shape and each line its own dash pattern; the two triggers use a
 * dark (timer: blue) and a light (event: orange) colour, which stay apart in grayscale.
 */
public final class Palette {
  public static final Color BLACK = new Color(0x000000);
  public static final Color ORANGE = new Color(0xE69F00);
  public static final Color SKY_BLUE = new Color(0x56B4E9);
  public static final Color BLUISH_GREEN = new Color(0x009E73);
  public static final Color YELLOW = new Color(0xF0E442);
  public static final Color BLUE = new Color(0x0072B2);
  public static final Color VERMILLION = new Color(0xD55E00);
  public static final Color REDDISH_PURPLE = new Color(0xCC79A7);
  public static final Color GRID = new Color(0xD0D0D0);

  private Palette() {}

  public static Color trigger(Trigger t) {
    return t == Trigger.TIMER ? BLUE : ORANGE;
  }

  public static Color cause(Cause c) {
    return switch (c) {
      case REQUEUE -> BLUE;
      case RESYNC -> BLUISH_GREEN;
      case ERROR_RETRY -> VERMILLION;
      case MAX_INTERVAL -> BLACK;
      case EXTERNAL_EVENT -> ORANGE;
      case SELF_WRITE -> REDDISH_PURPLE;
      case UNKNOWN -> SKY_BLUE;
    };
  }

  /** A marker of about {@code size} across, centred on the origin, distinct per cause. */
  public static Shape shape(Cause c, double size) {
    double h = size / 2;
    return switch (c) {
      case REQUEUE -> new Ellipse2D.Double(-h, -h, size, size);
      case RESYNC -> new Rectangle2D.Double(-h, -h, size, size);
      case ERROR_RETRY -> cross(h);
      case MAX_INTERVAL -> new Rectangle2D.Double(-h, -h / 2, size, h);
      case EXTERNAL_EVENT -> triangle(h, true);
      case SELF_WRITE -> diamond(h);
      case UNKNOWN -> triangle(h, false);
    };
  }

  /** Solid, dashed, dotted, dash-dot, for the n-th line of a chart. */
  public static Stroke line(int n, float width) {
    float w = width;
    return switch (n % 4) {
      case 0 -> new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
      case 1 ->
          new BasicStroke(
              w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6 * w, 3 * w}, 0f);
      case 2 ->
          new BasicStroke(
              w,
              BasicStroke.CAP_BUTT,
              BasicStroke.JOIN_MITER,
              10f,
              new float[] {1.5f * w, 2 * w},
              0f);
      default ->
          new BasicStroke(
              w,
              BasicStroke.CAP_BUTT,
              BasicStroke.JOIN_MITER,
              10f,
              new float[] {6 * w, 2 * w, 1.5f * w, 2 * w},
              0f);
    };
  }

  /** The n-th line colour: blue, vermillion, bluish green, reddish purple, black. */
  public static Color lineColour(int n) {
    Color[] c = {BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, BLACK};
    return c[n % c.length];
  }

  private static Shape triangle(double h, boolean up) {
    Path2D.Double p = new Path2D.Double();
    double s = up ? 1 : -1;
    p.moveTo(0, -s * h);
    p.lineTo(h, s * h);
    p.lineTo(-h, s * h);
    p.closePath();
    return p;
  }

  private static Shape diamond(double h) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(0, -h);
    p.lineTo(h, 0);
    p.lineTo(0, h);
    p.lineTo(-h, 0);
    p.closePath();
    return p;
  }

  private static Shape cross(double h) {
    double t = h / 3;
    Path2D.Double p = new Path2D.Double();
    p.moveTo(-h, -t);
    p.lineTo(-t, -t);
    p.lineTo(-t, -h);
    p.lineTo(t, -h);
    p.lineTo(t, -t);
    p.lineTo(h, -t);
    p.lineTo(h, t);
    p.lineTo(t, t);
    p.lineTo(t, h);
    p.lineTo(-t, h);
    p.lineTo(-t, t);
    p.lineTo(-h, t);
    p.closePath();
    return p;
  }
}
