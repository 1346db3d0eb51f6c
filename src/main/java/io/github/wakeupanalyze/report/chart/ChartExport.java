package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.text.Names;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;

/**
 * Draws a chart as PNG, SVG or PDF, deterministically: the same chart gives the same bytes.
 *
 * <p>JFreeSVG prefixes its element ids with {@code System.nanoTime()} unless told otherwise, so
 * every SVG gets an explicit prefix (unique per chart, so several charts can share one HTML page);
 * JFreePDF writes the wall clock into {@code /CreationDate} and {@code /ModDate}, which are
 * replaced by a fixed date of the same length (so the cross-reference offsets stay right).
 */
public final class ChartExport {
  /** The date written into every PDF: the epoch, in PDF date syntax (time zone offset +00'00'). */
  static final String PDF_DATE = "D:19700101000000";

  private static final Pattern PDF_DATES =
      Pattern.compile("/(CreationDate|ModDate) \\((D:[^)]*)\\)");

  private ChartExport() {}

  /** A PNG of {@code width × height} pixels. */
  public static byte[] png(JFreeChart chart, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Draws the chart once as SVG, {@code width × height} of {@code units} (pixels for the web,
   * points for print); the user unit is one drawing unit. Coordinates are rounded to 2 decimals.
   *
   * @param idPrefix prefix of every id in the SVG, e.g. {@code timeline-}
   */
  public static Svg svg(
      JFreeChart chart, double width, double height, SVGUnits units, String idPrefix) {
    SVGGraphics2D g = new SVGGraphics2D(width, height, units);
    g.setDefsKeyPrefix(idPrefix);
    g.setFontFunction(ChartExport::cssFontFamily);
    g.setGeomDoubleConverter(v -> decimals(v, 2));
    g.setTransformDoubleConverter(v -> decimals(v, 6));
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    // the view box is written here because JFreeSVG's takes whole numbers only
    String box = "viewBox='0 0 " + decimals(width, 2) + " " + decimals(height, 2) + "' ";
    // JFreeSVG escapes markup in text but not control characters, which XML forbids
    String bare = Names.xml(g.getSVGElement(null, false, null, null, null));
    if (!bare.startsWith("<svg ")) {
      throw new IllegalStateException("unexpected SVG from JFreeSVG: " + bare.substring(0, 20));
    }
    String document =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg width='"
            + decimals(width, 2)
            + units
            + "' height='"
            + decimals(height, 2)
            + units
            + "' "
            + box
            + bare.substring(5)
            + "\n";
    return new Svg(document, "<svg " + box + bare.substring(5));
  }

  /**
   * One drawing as SVG.
   *
   * @param document a standalone file: XML declaration, {@code <svg>} with width, height and view
   *     box
   * @param element for inline use in HTML: {@code <svg>} with a view box and no fixed size, so CSS
   *     scales it
   */
  public record Svg(String document, String element) {}

  /** {@code v} with at most {@code dp} decimals, locale-free, no exponent, no trailing zeros. */
  static String decimals(double v, int dp) {
    double f = Math.pow(10, dp);
    double r = Math.round(v * f) / f;
    if (r == Math.rint(r) && Math.abs(r) < 1e15) {
      return Long.toString((long) r);
    }
    if (Math.abs(r) >= 1e-3 && Math.abs(r) < 1e7) {
      return Double.toString(r); // shortest representation, never an exponent in this range
    }
    String t = String.format(Locale.ROOT, "%." + dp + "f", r);
    t = t.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  /** A CSS font-family list: the family, then the generic family it falls back to. */
  static String cssFontFamily(String family) {
    return switch (family) {
      case Font.SANS_SERIF, Font.DIALOG, Font.DIALOG_INPUT -> "sans-serif";
      case Font.SERIF -> "serif";
      case Font.MONOSPACED -> "monospace";
      default -> {
        String f = family.replaceAll("[^\\p{L}\\p{N} _-]", "");
        String l = f.toLowerCase(Locale.ROOT);
        String generic =
            l.contains("mono")
                ? "monospace"
                : (l.contains("serif") && !l.contains("sans")) || l.contains("roman")
                    ? "serif"
                    : "sans-serif";
        yield "'" + f + "', " + generic;
      }
    };
  }

  /**
   * A one-page vector PDF of {@code widthPt × heightPt} points. JFreePDF writes text with the PDF
   * standard fonts (Helvetica for sans-serif, Times for serif, Courier for monospaced), not
   * embedded: the layout is measured with the requested font, the glyphs are the standard ones.
   */
  public static byte[] pdf(JFreeChart chart, double widthPt, double heightPt) {
    PDFDocument doc = new PDFDocument();
    Page page = doc.createPage(new Rectangle2D.Double(0, 0, widthPt, heightPt));
    PDFGraphics2D g = page.getGraphics2D();
    chart.draw(g, new Rectangle2D.Double(0, 0, widthPt, heightPt));
    return fixPdfDates(doc.getPDFBytes());
  }

  /** Replaces the wall-clock dates JFreePDF writes by {@link #PDF_DATE}, keeping byte offsets. */
  static byte[] fixPdfDates(byte[] pdf) {
    String s = new String(pdf, StandardCharsets.ISO_8859_1);
    Matcher m = PDF_DATES.matcher(s);
    StringBuilder sb = new StringBuilder(s.length());
    while (m.find()) {
      String old = m.group(2);
      String fixed =
          old.length() < PDF_DATE.length()
              ? old
              : PDF_DATE
                  + old.substring(PDF_DATE.length()).replaceAll("[0-9]", "0").replace('-', '+');
      m.appendReplacement(sb, Matcher.quoteReplacement("/" + m.group(1) + " (" + fixed + ")"));
    }
    m.appendTail(sb);
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
