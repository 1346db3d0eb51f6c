package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.report.chart.ChartExport;
import io.github.wakeupanalyze.report.chart.ChartRenderer;
import io.github.wakeupanalyze.report.chart.ChartStyle;
import io.github.wakeupanalyze.report.chart.Figure;
import io.github.wakeupanalyze.report.chart.OperatorFigures;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.unload.OperatorUnload;
import io.github.wakeupanalyze.unload.UnloadAnalysis;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGUnits;

/**
 * Writes every report of one run into a folder:
 *
 * <pre>
 * DIR/summary.json
 * DIR/reconciles.csv
 * DIR/index.html                   links every operator's page
 * DIR/operators/SLUG/report.md     one per operator; SLUG from {@link Names#slug}
 * DIR/operators/SLUG/report.html   the same content, charts inline, self-contained
 * DIR/operators/SLUG/ID.png        each chart (ID: timeline, gaps, periodogram, phase-N,
 * DIR/operators/SLUG/ID.svg          per-minute), referenced by report.md
 * </pre>
 *
 * <p>Every file is deterministic: the same analysis gives the same bytes.
 */
public final class ReportWriter {
  /**
   * A chart whose SVG is larger than this (dense scatter plots of big traces) is embedded in the
   * HTML as its PNG, base64, so the page stays small and self-contained; the SVG file is still
   * written beside it.
   */
  static final int MAX_INLINE_SVG_CHARS = 512 * 1024;

  /** Below this maximum heap, operator reports are written one after the other. */
  static final long PARALLEL_MIN_HEAP = 384L << 20;

  private ReportWriter() {}

  /** Writes all files and returns their paths, in the order written. */
  public static List<Path> writeAll(
      Path dir,
      String toolVersion,
      List<InputReport> inputs,
      ExtractResult extraction,
      Analysis analysis)
      throws IOException {
    return writeAll(dir, toolVersion, inputs, extraction, analysis, SourceLinks.NONE);
  }

  /**
   * As above, with the call sites matched to each timer: a section in every operator's report and
   * {@code call_sites} in {@code summary.json} when a source was scanned.
   */
  public static List<Path> writeAll(
      Path dir,
      String toolVersion,
      List<InputReport> inputs,
      ExtractResult extraction,
      Analysis analysis,
      SourceLinks links)
      throws IOException {
    List<Path> written = new ArrayList<>();
    Files.createDirectories(dir);
    Map<String, List<OperatorUnload>> unload =
        UnloadAnalysis.of(analysis, UnloadAnalysis.DEFAULT_UNLOAD_AFTER_NANOS); // once, for all
    Path summary = dir.resolve("summary.json");
    try (Writer w = Files.newBufferedWriter(summary, StandardCharsets.UTF_8)) {
      SummaryJson.write(toolVersion, inputs, extraction, analysis, unload, links, w);
    }
    written.add(summary);
    Path csv = dir.resolve("reconciles.csv");
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      ReconcilesCsv.write(analysis, w);
    }
    written.add(csv);
    // Operator reports are independent (own folder, own charts): render them on every core when
    // the heap allows, then list the files in operator order, so the output is the same.
    List<List<Path>> perOperator;
    try {
      List<OperatorView> ops = OperatorView.of(analysis);
      // two reports in flight need about twice the memory of one: in a small heap, one at a time
      boolean parallel = Runtime.getRuntime().maxMemory() >= PARALLEL_MIN_HEAP;
      perOperator =
          (parallel ? ops.parallelStream() : ops.stream())
              .map(
                  op -> {
                    try {
                      return writeOperator(
                          dir,
                          toolVersion,
                          analysis,
                          op,
                          unload.getOrDefault(op.operator(), List.of()),
                          links);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    perOperator.forEach(written::addAll);
    Path index = dir.resolve("index.html");
    Files.writeString(
        index,
        HtmlReport.page(
            "wakeup-analyze report",
            IndexPage.markdown(analysis, inputs),
            Map.of(),
            null,
            toolVersion),
        StandardCharsets.UTF_8);
    written.add(index);
    return written;
  }

  /** One operator's folder: charts (PNG, SVG), report.md and report.html. */
  private static List<Path> writeOperator(
      Path dir,
      String toolVersion,
      Analysis analysis,
      OperatorView op,
      List<OperatorUnload> unload,
      SourceLinks links)
      throws IOException {
    List<Path> written = new ArrayList<>();
    Path opDir = dir.resolve("operators").resolve(Names.slug(op.operator()));
    Files.createDirectories(opDir);
    List<Figure> figures = OperatorFigures.build(analysis, op.operator());
    Map<String, String> inline = new LinkedHashMap<>();
    List<Path> charts = new ArrayList<>();
    ChartStyle style = ChartStyle.web();
    for (Figure f : figures) {
      JFreeChart chart = ChartRenderer.render(f, style);
      int width = (int) style.width();
      int height = (int) style.heightFor(f);
      Path png = opDir.resolve(f.id() + ".png");
      byte[] pngBytes = ChartExport.png(chart, width, height);
      Files.write(png, pngBytes);
      ChartExport.Svg svg = ChartExport.svg(chart, width, height, SVGUnits.PX, f.id() + "-");
      Path svgFile = opDir.resolve(f.id() + ".svg");
      Files.writeString(svgFile, svg.document(), StandardCharsets.UTF_8);
      inline.put(
          f.id() + ".png",
          svg.element().length() <= MAX_INLINE_SVG_CHARS
              ? svg.element()
              : "<img width=\""
                  + width
                  + "\" height=\""
                  + height
                  + "\" alt=\"\" src=\"data:image/png;base64,"
                  + Base64.getEncoder().encodeToString(pngBytes)
                  + "\">");
      charts.add(png);
      charts.add(svgFile);
    }
    StringWriter markdown = new StringWriter();
    MarkdownReport.write(op, analysis, figures, unload, links, markdown);
    Path md = opDir.resolve("report.md");
    Files.writeString(md, markdown.toString(), StandardCharsets.UTF_8);
    written.add(md);
    Path html = opDir.resolve("report.html");
    Files.writeString(
        html,
        HtmlReport.page(
            op.operator() + ": why it wakes up",
            markdown.toString(),
            inline,
            "../../index.html",
            toolVersion),
        StandardCharsets.UTF_8);
    written.add(html);
    written.addAll(charts);
    return written;
  }
}
