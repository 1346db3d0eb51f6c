package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.ConsoleTable;
import io.github.wakeupanalyze.report.ReportWriter;
import io.github.wakeupanalyze.sources.CallSitesTable;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wakeup-analyze analyze}: traces in, reports out. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Analyzes trace exports (the default command).",
      "",
      "Finds the reconciles and the timers behind them, classifies every reconcile as event- or "
          + "timer-driven, prints a table per operator and writes summary.json, reconciles.csv, "
          + "index.html and, per operator, operators/<name>/report.md, report.html and charts "
          + "(PNG, SVG) under the output folder. Several inputs are merged into one analysis."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "2:usage error (bad option or argument)",
      "3:an input is unreadable or not a valid trace, or a --sources folder or file could not "
          + "be read (the others are still analyzed and partial results are written)",
      "4:internal error (run with --verbose and report it)"
    })
final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand WakeupAnalyzeCommand parent;

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description =
          "Trace files or folders (read recursively, in sorted order), in any "
              + "supported format, plain, gzip or zstd; '-' reads standard input.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description = "Output folder (default: reports/<name of the first input>).")
  Path out;

  @CommandLine.Mixin TraceOptions traceOptions;

  @Option(
      names = "--sources",
      paramLabel = "DIR",
      split = ",",
      description =
          "The operator's source folders: the call sites that schedule reconciles are found "
              + "(as the sources command does) and matched to the timers, in a table, in each "
              + "report and in summary.json.")
  List<Path> sources = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the table and errors: no progress line, no list of files written.")
  boolean quiet;

  @Option(
      names = "--verbose",
      description = "Name each file skipped in a folder; print stack traces of internal errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    TraceOptions.Run run =
        traceOptions.run(
            inputs, parent.stdin, ProgressLine.forTerminal(err, quiet), err, quiet, verbose);
    if (run == null) {
      return ExitCodes.INVALID_INPUT;
    }
    Pipeline.Result result = run.result();
    int failed = run.failed();
    ConsoleTable.print(result.analysis(), stdout);
    SourceLinks links = SourceLinks.NONE;
    boolean sourceSkipped = false;
    if (!sources.isEmpty()) {
      ScanResult scan = SourcesCommand.scan(sources, false, err);
      links = SourceLinks.of(scan, result.analysis());
      stdout.println();
      CallSitesTable.printLinks(result.analysis(), links, stdout);
      sourceSkipped = scan.anySkipped();
    }
    Path dir = out != null ? out : Path.of("reports", defaultName(inputs));
    List<Path> written =
        ReportWriter.writeAll(
            dir,
            VersionProvider.version(),
            result.inputs(),
            result.extraction(),
            result.analysis(),
            links);
    if (failed > 0) {
      err.println(
          "warning: results are partial: "
              + failed
              + " of "
              + result.inputs().size()
              + " inputs could not be read to the end");
    }
    if (!quiet) {
      err.println("wrote " + written.size() + " files under " + dir);
    }
    err.flush();
    return failed > 0 || sourceSkipped ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
  }

  /**
   * The default output folder name: the first input's file name without its extensions, made safe
   * ({@code stdin} for {@code -}); {@code -and-N-more} when there are several inputs.
   */
  static String defaultName(List<String> inputs) {
    String first = inputs.get(0);
    String base;
    if (first.equals("-")) {
      base = "stdin";
    } else {
      Path name = Path.of(first).getFileName();
      base = name == null ? "trace" : name.toString();
      int dot = base.indexOf('.');
      if (dot > 0) {
        base = base.substring(0, dot);
      }
    }
    String slug = Names.slug(base);
    return inputs.size() == 1 ? slug : slug + "-and-" + (inputs.size() - 1) + "-more";
  }
}
