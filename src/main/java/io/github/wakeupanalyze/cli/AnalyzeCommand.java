package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.ConsoleTable;
import io.github.wakeupanalyze.report.OutputException;
import io.github.wakeupanalyze.report.OutputFolder;
import io.github.wakeupanalyze.report.ReportWriter;
import io.github.wakeupanalyze.sources.CallSitesTable;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Names;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
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
          + "(SVG; PNG too with --png) under the output folder. Several inputs are merged into "
          + "one analysis."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      ExitCodes.HELP_USAGE,
      "3:an input is unreadable or not a valid trace, or a --sources folder or file could not "
          + "be read (the others are still analyzed and partial results are written)",
      ExitCodes.HELP_INTERNAL,
      ExitCodes.HELP_OUTPUT
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

  @Option(
      names = "--png",
      description =
          "Also write each chart as PNG (900 px wide) beside its SVG, for documents and chats "
              + "that take no SVG; for print, see the figures command.")
  boolean png;

  @Option(
      names = "--max-operators",
      paramLabel = "N",
      defaultValue = "" + ReportWriter.DEFAULT_MAX_OPERATORS,
      description =
          "Operators with a report folder of their own: the N with the most reconciles "
              + "(default: ${DEFAULT-VALUE}); the others are in the index, summary.json and "
              + "reconciles.csv.")
  int maxOperators;

  @Option(
      names = "--reload-lead",
      paramLabel = "L",
      split = ",",
      defaultValue = "1s",
      description =
          "Reload leads of the predictive unload policy (unload after each reconcile, reload L "
              + "before each predicted timer wake-up), one row each in the unload table, "
              + "e.g. 100ms,1s (default: ${DEFAULT-VALUE}).")
  List<String> reloadLead = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (maxOperators < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid value for option '--max-operators': " + maxOperators + " (expected 0 or more)");
    }
    List<Long> reloadLeadNanos = reloadLeadNanos();
    Path dir = out != null ? out : Path.of("reports", defaultName(inputs));
    OutputFolder folder;
    try {
      folder = OutputFolder.open(dir, "analyze", ReportWriter.SUMMARY);
    } catch (OutputException e) {
      return ErrorHandler.unusable(err, e);
    }
    String stage = "reading and analyzing the inputs";
    try (folder) {
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
        stage = "scanning the sources";
        ScanResult scan = SourcesCommand.scan(sources, false, err);
        links = SourceLinks.of(scan, result.analysis());
        stdout.println();
        CallSitesTable.printLinks(result.analysis(), links, stdout);
        sourceSkipped = scan.anySkipped();
      }
      stage = "writing the reports";
      List<Path> written;
      try {
        written =
            ReportWriter.writeAll(
                folder,
                VersionProvider.version(),
                result.inputs(),
                result.extraction(),
                result.analysis(),
                new ReportWriter.Options(maxOperators, links, reloadLeadNanos, png));
      } catch (OutputException e) {
        return ErrorHandler.cannotWrite(err, e, folder);
      }
      TraceOptions.closingLine(
          err, quiet, written.size(), dir, null, failed, result.inputs().size());
      return failed > 0 || sourceSkipped ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    } catch (OutOfMemoryError e) {
      return ErrorHandler.outOfMemory(err, stage, folder, verbose, e);
    }
  }

  /** The reload leads, sorted and distinct, in ns. */
  private List<Long> reloadLeadNanos() {
    TreeSet<Long> leads = new TreeSet<>();
    for (String l : reloadLead) {
      try {
        leads.add(Durations.parseNanos(l));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Invalid value for option '--reload-lead': " + e.getMessage());
      }
    }
    return List.copyOf(leads);
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
