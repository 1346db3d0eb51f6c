package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.report.chart.Figure;
import io.github.wakeupanalyze.report.chart.OperatorFigures;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.unload.UnloadAnalysis;
import io.github.wakeupanalyze.unload.UnloadTable;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes every report of one run into an {@link OutputFolder}:
 *
 * <pre>
 * DIR/reconciles.csv
 * DIR/operators/SLUG/report.md     one per operator, for the top --max-operators by wake-ups;
 * DIR/operators/SLUG/report.html     SLUG from {@link Names#slugs}, distinct per operator
 * DIR/operators/SLUG/ID.svg        each chart (ID: timeline, gaps, periodogram, phase-N,
 *                                    per-minute), shown by report.md
 * DIR/operators/SLUG/ID.png        the same chart as PNG, only with {@link Options#png}
 * DIR/index.html                   every operator, linking those with a folder
 * DIR/summary.json                 last: its presence means the run completed
 * </pre>
 *
 * <p>Every file is deterministic: the same analysis gives the same bytes.
 */
public final class ReportWriter {
  /**
   * A chart whose SVG is larger than this (dense scatter plots of big traces) is embedded in the
   * HTML as a PNG drawn for it, base64, so the page stays small and self-contained; the SVG file is
   * still written beside it. Only then is a PNG drawn without {@link Options#png}: rasterizing and
   * encoding a PNG costs several times what the SVG does (on a 22 MB trace, 0.26 s of the run's 2 s
   * of CPU for four PNGs).
   */
  static final int MAX_INLINE_SVG_CHARS = 512 * 1024;

  /** Below this maximum heap, operator reports are written one after the other. */
  static final long PARALLEL_MIN_HEAP = 384L << 20;

  /** Operators with a report folder of their own by default (the top ones by wake-ups). */
  public static final int DEFAULT_MAX_OPERATORS = 200;

  /** The file written last; see {@link OutputFolder}. */
  public static final String SUMMARY = "summary.json";

  private ReportWriter() {}

  /**
   * Writes all files into {@code dir} (opened and committed here), every operator with a folder.
   *
   * @return the paths written, in the order written, {@code summary.json} last
   */
  public static List<Path> writeAll(
      Path dir,
      String toolVersion,
      List<InputReport> inputs,
      ExtractResult extraction,
      Analysis analysis)
      throws IOException {
    try (OutputFolder out = OutputFolder.open(dir, "analyze", SUMMARY)) {
      return writeAll(
          out, toolVersion, inputs, extraction, analysis, Integer.MAX_VALUE, SourceLinks.NONE);
    } catch (OutputException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Writes all files into an open folder and commits it: {@code summary.json} is written last.
   *
   * @param maxOperators operators that get a folder of their own, the top ones by reconciles
   * @param links the call sites matched to each timer ({@link SourceLinks#NONE} without a scanned
   *     source): a section in every operator report and {@code call_sites} in {@code summary.json}
   * @return the paths written, in the order written
   * @throws OutputException a file could not be written; no {@code summary.json} then
   */
  public static List<Path> writeAll(
      OutputFolder out,
      String toolVersion,
      List<InputReport> inputs,
      ExtractResult extraction,
      Analysis analysis,
      int maxOperators,
      SourceLinks links)
      throws OutputException {
    return writeAll(
        out,
        toolVersion,
        inputs,
        extraction,
        analysis,
        new Options(maxOperators, links, UnloadAnalysis.DEFAULT_RELOAD_LEAD_NANOS, false));
  }

  /**
   * What a run asks of its reports beyond the analysis.
   *
   * @param maxOperators operators that get a folder of their own, the top ones by reconciles
   * @param links the call sites matched to each timer ({@link SourceLinks#NONE} without a scanned
   *     source)
   * @param reloadLeadNanos how long before a predicted timer wake-up the predictive policy reloads
   *     the operator, one row each, e.g. {@code [1 s]}
   * @param png also write each chart as PNG beside its SVG (for documents and chats that take no
   *     SVG)
   */
  public record Options(
      int maxOperators, SourceLinks links, List<Long> reloadLeadNanos, boolean png) {
    public Options {
      reloadLeadNanos = List.copyOf(reloadLeadNanos);
    }
  }

  /** As above, with the options of {@code analyze}. */
  public static List<Path> writeAll(
      OutputFolder out,
      String toolVersion,
      List<InputReport> inputs,
      ExtractResult extraction,
      Analysis analysis,
      Options options)
      throws OutputException {
    int maxOperators = options.maxOperators();
    SourceLinks links = options.links();
    List<Long> reloadLeadNanos = options.reloadLeadNanos();
    List<Path> written = new ArrayList<>();
    List<OperatorView> ops = OperatorView.of(analysis);
    Map<String, String> folders = folders(ops, maxOperators);
    List<OperatorView> withFolder =
        ops.stream().filter(o -> folders.containsKey(o.operator())).toList();
    // Operator reports are independent (own folder, own charts): when the heap allows, every
    // chart is a task for every core, while a pool thread computes the unload tables (which the
    // reports wait for only after drawing) and writes reconciles.csv. Files are listed in
    // operator order, so the output is the same.
    boolean parallel = Runtime.getRuntime().maxMemory() >= PARALLEL_MIN_HEAP;
    CompletableFuture<Map<String, UnloadTable>> unload = new CompletableFuture<>();
    Callable<Path> tablesAndCsv =
        () -> {
          try {
            unload.complete( // once, for all
                UnloadAnalysis.tables(
                    analysis, UnloadAnalysis.DEFAULT_UNLOAD_AFTER_NANOS, reloadLeadNanos));
          } catch (RuntimeException | Error e) {
            unload.completeExceptionally(e);
            throw e;
          }
          return out.writeText("reconciles.csv", w -> ReconcilesCsv.write(analysis, w));
        };
    Function<OperatorView, List<Path>> operatorReport =
        op -> {
          try {
            return writeOperator(
                out,
                "operators/" + folders.get(op.operator()),
                toolVersion,
                analysis,
                op,
                () -> unload.join().getOrDefault(op.operator(), UnloadTable.EMPTY),
                links,
                options.png(),
                parallel);
          } catch (OutputException e) {
            throw new Failed(e);
          }
        };
    List<List<Path>> perOperator;
    if (parallel) {
      FutureTask<Path> csv = new FutureTask<>(tablesAndCsv);
      ForkJoinPool.commonPool().execute(csv);
      try {
        perOperator = withFolder.parallelStream().map(operatorReport).toList();
      } catch (Failed e) {
        await(csv); // no writer left behind in the folder
        throw e.failure;
      } catch (RuntimeException | Error e) {
        await(csv);
        throw e;
      }
      written.add(await(csv));
    } else {
      written.add(call(tablesAndCsv));
      perOperator = withFolder.stream().map(operatorReport).toList();
    }
    perOperator.forEach(written::addAll);
    String index =
        HtmlReport.page(
            "wakeup-analyze report",
            IndexPage.markdown(analysis, inputs, folders),
            Map.of(),
            null,
            toolVersion);
    written.add(out.writeString("index.html", index));
    written.add(
        out.commit(
            w ->
                SummaryJson.write(
                    toolVersion, inputs, extraction, analysis, unload.join(), links, w)));
    return written;
  }

  /**
   * The folder name of each operator that gets one: the top {@code max} by reconciles (ties by
   * name), with slugs distinct across all operators, so a name keeps its folder whatever the limit.
   */
  static Map<String, String> folders(List<OperatorView> ops, int max) {
    Map<String, String> slugs = Names.slugs(ops.stream().map(OperatorView::operator).toList());
    Map<String, String> out = new TreeMap<>();
    ops.stream()
        .sorted(
            Comparator.comparingInt(OperatorView::reconcileCount)
                .reversed()
                .thenComparing(OperatorView::operator))
        .limit(Math.max(0, max))
        .forEach(o -> out.put(o.operator(), slugs.get(o.operator())));
    return out;
  }

  /** The reconciles.csv task's file, once it is done; its failure as this thread's. */
  private static Path await(FutureTask<Path> task) throws OutputException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // finish waiting: the folder must have no writer left when we return
        }
      }
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Path call(Callable<Path> task) throws OutputException {
    try {
      return task.call();
    } catch (Exception e) {
      throw rethrown(e);
    }
  }

  private static OutputException rethrown(Throwable t) {
    if (t instanceof OutputException o) {
      return o;
    }
    if (t instanceof Failed f) {
      return f.failure;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }

  /** Carries a write failure out of a stream. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized
    final OutputException failure;

    Failed(OutputException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }

  /**
   * One operator's folder: charts (SVG, and PNG if asked), report.md and report.html.
   *
   * @param unload the operator's unload table, asked for once the charts are drawn (it may still be
   *     computed on another thread)
   * @param parallel draw the charts on every core
   */
  private static List<Path> writeOperator(
      OutputFolder out,
      String folder,
      String toolVersion,
      Analysis analysis,
      OperatorView op,
      Supplier<UnloadTable> unload,
      SourceLinks links,
      boolean png,
      boolean parallel)
      throws OutputException {
    // each part of the figures is computed and drawn in one task, so the periodogram's transforms
    // run beside the drawing of the other charts
    List<Supplier<List<Figure>>> parts = OperatorFigures.parts(analysis, op.operator());
    List<WebChart> drawn =
        (parallel ? parts.parallelStream() : parts.stream())
            .flatMap(part -> part.get().stream().map(f -> WebChart.draw(f, png)))
            .toList();
    List<Figure> figures = drawn.stream().map(WebChart::figure).toList();
    Map<String, String> inline = new LinkedHashMap<>();
    List<Path> charts = new ArrayList<>();
    for (WebChart c : drawn) {
      String id = c.figure().id();
      charts.add(out.write(folder + "/" + id + ".svg", utf8(c.svgDocument())));
      if (c.png() != null) {
        charts.add(out.write(folder + "/" + id + ".png", o -> o.write(c.png())));
      }
      inline.put(id + ".svg", c.inline());
    }
    StringWriter markdown = new StringWriter();
    try {
      MarkdownReport.write(op, analysis, figures, unload.get(), links, markdown);
    } catch (IOException e) {
      throw new IllegalStateException("a StringWriter does not fail", e);
    }
    List<Path> written = new ArrayList<>();
    written.add(out.write(folder + "/report.md", utf8(markdown.toString())));
    String html =
        HtmlReport.page(
            Names.shorten(op.operator()) + ": why it wakes up",
            markdown.toString(),
            inline,
            "../../index.html",
            toolVersion);
    written.add(out.write(folder + "/report.html", utf8(html)));
    written.addAll(charts);
    return written;
  }

  private static OutputFolder.Content utf8(String s) {
    return o -> o.write(s.getBytes(StandardCharsets.UTF_8));
  }
}
