package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.report.chart.ChartStyle;
import io.github.wakeupanalyze.report.chart.SeriesCsv;
import io.github.wakeupanalyze.testing.DemoTrace;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wakeup-analyze figures}, in-process. */
class FiguresCommandTest {
  @TempDir Path dir;
  Path trace;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void writeTrace() throws Exception {
    trace = dir.resolve("demo.otlp.json");
    Files.writeString(trace, DemoTrace.build().toJson(), StandardCharsets.UTF_8);
  }

  int run(String... args) {
    return Cli.execute(
        args,
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]));
  }

  @Test
  void figures_sizeAndFont_pdfAndSvgAtThatSize_texAndCsv() throws Exception {
    Path o = dir.resolve("fig");
    int code =
        run(
            "figures",
            trace.toString(),
            "--out",
            o.toString(),
            "--width",
            "12cm",
            "--height",
            "60mm",
            "--font",
            "Latin Modern Roman",
            "--font-size",
            "9pt");
    assertEquals(0, code, err.toString());
    if (ChartStyle.resolveFont("Latin Modern Roman").fallback()) {
      assertTrue(
          err.toString()
              .contains(
                  "warning: font \"Latin Modern Roman\" is not installed; "
                      + "using the logical font Serif instead"),
          err.toString());
    }
    Path gaps = o.resolve("demo-operator").resolve("gaps.pdf");
    try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(gaps))) {
      PDRectangle box = doc.getPage(0).getMediaBox();
      assertEquals(12 * 72 / 2.54, box.getWidth(), 0.01);
      assertEquals(6 * 72 / 2.54, box.getHeight(), 0.01);
      assertTrue(new PDFTextStripper().getText(doc).contains("gap (s, log scale)"));
    }
    String svg = Files.readString(o.resolve("demo-operator").resolve("timeline.svg"));
    assertTrue(svg.contains("width='340.16pt' height='170.08pt'"), svg.substring(0, 200));
    for (String id : new String[] {"timeline", "gaps", "periodogram", "phase-1", "per-minute"}) {
      assertTrue(Files.exists(o.resolve("demo-operator").resolve(id + ".pdf")), id);
      assertTrue(Files.exists(o.resolve("demo-operator").resolve(id + ".svg")), id);
    }
    assertTrue(Files.readString(o.resolve("headline.tex")).contains("\\toprule"));
    assertTrue(
        Files.readString(o.resolve("event-operator").resolve("series.csv"))
            .startsWith(SeriesCsv.HEADER + "\n"));
  }

  @Test
  void figures_lengthWithoutUnit_isAUsageError() {
    int code =
        run("figures", trace.toString(), "--out", dir.resolve("x").toString(), "--width", "12");
    assertEquals(ExitCodes.USAGE, code);
    assertTrue(
        err.toString()
            .contains(
                "Invalid value for option '--width': '12' (expected a "
                    + "number and a unit, cm, mm, in or pt"),
        err.toString());
  }

  @Test
  void toPoints_units() {
    assertEquals(72.0, FiguresCommand.toPoints("1in"));
    assertEquals(72.0, FiguresCommand.toPoints("25.4 mm"), 1e-9);
    assertEquals(9.0, FiguresCommand.toPoints("9pt"));
    assertEquals(null, FiguresCommand.toPoints("9px"));
  }
}
