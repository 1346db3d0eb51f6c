package io.github.wakeupanalyze.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.svg.SVGUnits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The exported files open in real parsers, at the requested size, with their text. */
class ChartExportTest {
  static final double CM = 72 / 2.54;
  static Analysis analysis;
  static List<Figure> figures;

  @BeforeAll
  static void analyzeDemo() {
    analysis = DemoAnalysis.demo().analysis();
    figures = OperatorFigures.build(analysis, "demo-operator");
  }

  @Test
  void figures_demoOperator_haveEveryKind() {
    assertEquals(
        List.of("timeline", "gaps", "periodogram", "phase-1", "per-minute"),
        figures.stream().map(Figure::id).toList());
  }

  @Test
  void svg_isWellFormedXml_andShowsEverySeriesAndAxisLabel() throws Exception {
    for (Figure f : figures) {
      String svg =
          ChartExport.svg(
                  ChartRenderer.render(f, ChartStyle.web()), 900, 340, SVGUnits.PX, f.id() + "-")
              .document();
      List<String> texts = texts(parse(svg));
      for (Figure.Series s : f.series()) {
        assertTrue(
            texts.contains(s.name()), f.id() + ": legend lacks " + s.name() + " in " + texts);
      }
      assertTrue(texts.contains(f.xLabel()), f.id() + ": no x label in " + texts);
      assertFalse(svg.contains("id='_"), f.id() + ": JFreeSVG's time-based id prefix leaked");
    }
  }

  @Test
  void svg_timeline_hasOneMarkPerReconcileOfTheDemo() throws Exception {
    Figure timeline = figures.get(0);
    int marks = timeline.series().stream().mapToInt(Figure.Series::size).sum();
    assertEquals(27, marks); // the demo is small: no aggregation
    assertEquals(List.of("shop/tiny", "shop/cart"), timeline.rowLabels());
  }

  @Test
  void svg_printSize_isInPoints() throws Exception {
    String svg =
        ChartExport.svg(
                ChartRenderer.render(figures.get(1), ChartStyle.print("Serif", 9, 12 * CM, 6 * CM)),
                12 * CM,
                6 * CM,
                SVGUnits.PT,
                "g-")
            .document();
    Document d = parse(svg);
    assertEquals("340.16pt", d.getDocumentElement().getAttribute("width"));
    assertEquals("0 0 340.16 170.08", d.getDocumentElement().getAttribute("viewBox"));
    assertTrue(svg.contains("font-family: serif; font-size: 9px"), "9 user units = 9 pt");
  }

  @Test
  void pdf_opensWithRequestedPageSize_andHasText() throws Exception {
    Figure gaps = figures.get(1);
    ChartStyle style = ChartStyle.print(FontFiles.physical("Serif"), 9, 12 * CM, 6 * CM);
    byte[] pdf = ChartExport.pdf(ChartRenderer.render(gaps, style), 12 * CM, 6 * CM, style.fonts());
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals(1, doc.getNumberOfPages());
      PDRectangle box = doc.getPage(0).getMediaBox();
      assertEquals(12 * CM, box.getWidth(), 0.01);
      assertEquals(6 * CM, box.getHeight(), 0.01);
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("gap (s, log scale)"), text);
      assertTrue(text.contains("timer 5 s"), text);
    }
    assertArrayEquals(
        pdf,
        ChartExport.pdf(ChartRenderer.render(gaps, style), 12 * CM, 6 * CM, style.fonts()),
        "the same chart gives the same bytes");
  }

  @Test
  void png_decodesToRequestedSize() throws Exception {
    byte[] png = ChartExport.png(ChartRenderer.render(figures.get(4), ChartStyle.web()), 640, 300);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(640, img.getWidth());
    assertEquals(300, img.getHeight());
  }

  @Test
  void seriesCsv_holdsEveryPlottedPoint() throws Exception {
    StringWriter w = new StringWriter();
    SeriesCsv.write(figures, w);
    String[] lines = w.toString().split("\n");
    assertEquals(SeriesCsv.HEADER, lines[0]);
    int points = 0;
    for (Figure f : figures) {
      points += f.markers().size();
      for (Figure.Series s : f.series()) {
        points += s.size();
      }
    }
    assertEquals(points + 1, lines.length);
    assertTrue(w.toString().contains("\ntimeline,timer: requeue,"));
    assertTrue(w.toString().contains(",shop/cart\n"), "timeline rows name their object");
    assertTrue(w.toString().contains("\ngaps,marker,5,,,,timer 5 s\n"), "delay marker");
  }

  @Test
  void decimals_areLocaleFreeAndShort() {
    assertEquals("297.1", ChartExport.decimals(297.1000061035156, 2));
    assertEquals("0", ChartExport.decimals(-0.001, 2));
    assertEquals("12", ChartExport.decimals(12.000001, 2));
    assertEquals("0.000123", ChartExport.decimals(0.000123, 6));
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> texts(Document d) {
    NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }
}
