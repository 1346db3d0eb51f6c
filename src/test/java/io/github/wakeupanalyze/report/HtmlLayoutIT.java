package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.text.Names;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lays out the HTML reports of the Percona-like sample in headless Chromium and measures them: at a
 * 1400 px window no table is clipped (each table, its own scroll box, shows its full width) and
 * every chart lies inside the viewport; at 500 px (headless Chromium's narrowest window, about a
 * phone's width) the page itself never scrolls sideways (wide tables scroll inside their box) and
 * the charts shrink to fit.
 *
 * <p>The measuring script is added to a copy of each page, without its Content-Security-Policy
 * (which would rightly block it); it writes one line per element into a {@code <pre>} that the DOM
 * dump returns. Chromium is found as in {@link BrowserScreenshotIT}; skipped without it.
 */
class HtmlLayoutIT {
  static final Path OUT = Path.of("target", "browser-layout");

  /** Writes, per table and chart, {@code kind index scrollWidth clientWidth left right}. */
  static final String MEASURE =
      """
      <script>
      (function () {
        var lines = ['viewport ' + document.documentElement.clientWidth + ' '
            + document.documentElement.scrollWidth];
        var row = function (kind, el, i) {
          var r = el.getBoundingClientRect();
          lines.push(kind + ' ' + i + ' ' + el.scrollWidth + ' ' + el.clientWidth + ' '
              + Math.floor(r.left) + ' ' + Math.ceil(r.right));
        };
        document.querySelectorAll('table').forEach(function (t, i) { row('table', t, i); });
        document.querySelectorAll('figure svg, figure img').forEach(function (s, i) { row('chart', s, i); });
        var pre = document.createElement('pre');
        pre.id = 'layout-check';
        pre.textContent = lines.join('\\n');
        document.body.appendChild(pre);
      })();
      </script>
      """;

  static final Pattern CHECK =
      Pattern.compile("<pre id=\"layout-check\">(.*?)</pre>", Pattern.DOTALL);

  static Path report;
  static Path operatorPage;

  @BeforeAll
  static void writeReports() throws Exception {
    if (BrowserScreenshotIT.CHROMIUM == null || !Files.exists(BrowserScreenshotIT.SAMPLE)) {
      return;
    }
    Pipeline.Result r =
        Pipeline.run(
            new Pipeline.Request(
                List.of(BrowserScreenshotIT.SAMPLE.toString()),
                null,
                ExtractRules.defaults(),
                AnalysisParameters.defaults(),
                new long[0],
                new ByteArrayInputStream(new byte[0])));
    report = OUT.resolve("report").toAbsolutePath();
    ReportWriter.writeAll(report, "TEST", r.inputs(), r.extraction(), r.analysis());
    String operator = OperatorView.of(r.analysis()).get(0).operator();
    operatorPage = report.resolve("operators").resolve(Names.slug(operator)).resolve("report.html");
  }

  private static void assumeBrowser() {
    assumeTrue(
        BrowserScreenshotIT.CHROMIUM != null,
        "skipped: no chromium on the PATH (nor $CHROMIUM); apt-get install -y chromium to run this"
            + " check");
    assumeTrue(
        Files.exists(BrowserScreenshotIT.SAMPLE),
        "skipped: " + BrowserScreenshotIT.SAMPLE + " is missing");
  }

  /** One measured element. */
  record Box(String kind, int index, int scrollWidth, int clientWidth, int left, int right) {}

  /** The page at {@code width} px, measured: the viewport first, then tables and charts. */
  static List<Box> measure(Path page, int width) throws Exception {
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String measured =
        html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n", "")
            .replace("</body>", MEASURE + "</body>");
    assertTrue(measured.contains("layout-check"), "no </body> in " + page);
    Path copy = page.resolveSibling("measured-" + width + "-" + page.getFileName());
    Files.writeString(copy, measured, StandardCharsets.UTF_8);
    String dom =
        BrowserScreenshotIT.chromium(
            "--window-size=" + width + ",1000",
            "--hide-scrollbars",
            "--dump-dom",
            copy.toUri().toString());
    Matcher m = CHECK.matcher(dom);
    assertTrue(m.find(), "the measuring script did not run on " + copy);
    List<Box> boxes = new ArrayList<>();
    for (String line : m.group(1).split("\n")) {
      String[] f = line.trim().split(" ");
      if (f[0].equals("viewport")) {
        int client = Integer.parseInt(f[1]);
        boxes.add(new Box("viewport", 0, Integer.parseInt(f[2]), client, 0, client));
      } else {
        boxes.add(
            new Box(
                f[0],
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                Integer.parseInt(f[3]),
                Integer.parseInt(f[4]),
                Integer.parseInt(f[5])));
      }
    }
    return boxes;
  }

  private static List<String> problems(List<Box> boxes, boolean tablesMustFit) {
    Box viewport = boxes.get(0);
    assertEquals("viewport", viewport.kind());
    List<String> problems = new ArrayList<>();
    if (viewport.scrollWidth() > viewport.clientWidth()) {
      problems.add("the page scrolls sideways: " + viewport);
    }
    for (Box b : boxes.subList(1, boxes.size())) {
      if (b.left() < 0 || b.right() > viewport.clientWidth()) {
        problems.add(b.kind() + " " + b.index() + " outside the viewport: " + b);
      }
      if (tablesMustFit && b.kind().equals("table") && b.scrollWidth() > b.clientWidth()) {
        problems.add("table " + b.index() + " clipped, scrolls: " + b);
      }
    }
    return problems;
  }

  @Test
  void operatorReport_at1400px_noTableClipped_everyChartInsideTheViewport() throws Exception {
    assumeBrowser();
    List<Box> boxes = measure(operatorPage, 1400);
    assertEquals(1400, boxes.get(0).clientWidth(), "window width");
    assertTrue(boxes.stream().filter(b -> b.kind().equals("table")).count() >= 4, "" + boxes);
    assertTrue(boxes.stream().filter(b -> b.kind().equals("chart")).count() >= 4, "" + boxes);
    assertEquals(List.of(), problems(boxes, true));
  }

  @Test
  void indexPage_at1400px_noTableClipped() throws Exception {
    assumeBrowser();
    List<Box> boxes = measure(report.resolve("index.html"), 1400);
    assertTrue(boxes.stream().anyMatch(b -> b.kind().equals("table")), "" + boxes);
    assertEquals(List.of(), problems(boxes, true));
  }

  @Test
  void operatorReport_atNarrowWidth_pageNeverScrollsSideways_chartsFit() throws Exception {
    assumeBrowser();
    List<Box> boxes = measure(operatorPage, 500);
    assertEquals(List.of(), problems(boxes, false));
  }
}
