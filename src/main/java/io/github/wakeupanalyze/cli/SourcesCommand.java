package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.report.OutputException;
import io.github.wakeupanalyze.report.OutputFolder;
import io.github.wakeupanalyze.report.ReportWriter;
import io.github.wakeupanalyze.sources.CallSitesCsv;
import io.github.wakeupanalyze.sources.CallSitesMarkdown;
import io.github.wakeupanalyze.sources.CallSitesTable;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.sources.scan.SourceScanner;
import io.github.wakeupanalyze.text.Names;
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

/**
 * {@code wakeup-analyze sources DIR... [--out DIR] [--traces TRACE...]}: lists the call sites in an
 * operator's source that schedule reconciles, with their delays; with traces, also analyzes them
 * and matches each timer found to its call sites.
 */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Finds the call sites in an operator's source code that schedule a reconcile "
          + "(controller-runtime RequeueAfter/Requeue/SyncPeriod/rate limiters, kube-rs "
          + "Action::requeue/error_policy/debounce/reconcile_all_on, Java Operator SDK "
          + "rescheduleAfter/@MaxReconciliationInterval/retry), resolves each delay where the "
          + "code fixes it, and classifies each site (success, conditional, error, unconditional).",
      "",
      "Prints a table and writes callsites.csv, callsites.md and, when tests hold call sites, "
          + "callsites-tests.csv under the output folder. vendor/, target/ and node_modules/ are "
          + "skipped unless --include-vendored; generated files are read but not listed.",
      "",
      "With --traces, the traces are also analyzed as the analyze command does (same options), "
          + "each timer found is matched to its call sites by delay and controller, and the "
          + "reports (summary.json, index.html, operators/) are written beside callsites.csv."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (files with syntax errors are scanned around the error, with a warning)",
      ExitCodes.HELP_USAGE,
      "3:a DIR is missing, a file could not be read, or a trace is unreadable (the rest is "
          + "still scanned, analyzed and written)",
      ExitCodes.HELP_INTERNAL,
      "5:an output file could not be written (disk full, I/O error); no callsites.csv then"
    })
final class SourcesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "Source folders (walked recursively) or single .go, .rs or .java files.")
  List<Path> roots = new ArrayList<>();

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description = "Output folder (default: reports/<name of the first DIR>).")
  Path out;

  @Option(
      names = "--traces",
      paramLabel = "TRACE",
      arity = "1..*",
      description =
          "Trace files or folders to analyze and match to the call sites (any format the "
              + "analyze command reads).")
  List<String> traces = new ArrayList<>();

  @CommandLine.Mixin TraceOptions traceOptions;

  @ParentCommand WakeupAnalyzeCommand parent;

  @Option(
      names = "--include-vendored",
      description = "Also scan vendor/, target/ and node_modules/.")
  boolean includeVendored;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the table and warnings, not the list of files written.")
  boolean quiet;

  @Option(names = "--verbose", description = "Print stack traces of internal errors.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = out != null ? out : Path.of("reports", defaultName(roots.get(0)));
    OutputFolder folder;
    try {
      folder = OutputFolder.open(dir, "sources", traces.isEmpty() ? CSV : ReportWriter.SUMMARY);
    } catch (OutputException e) {
      return ErrorHandler.unusable(err, e);
    }
    String stage = "scanning the sources";
    try (folder) {
      ScanResult r = scan(roots, includeVendored, err);
      CallSitesTable.print(r, stdout);
      List<Path> written;
      boolean tracesFailed = false;
      try {
        written = write(folder, title(roots), r, traces.isEmpty());
        if (!traces.isEmpty()) {
          stage = "reading and analyzing the traces";
          TraceOptions.Run run =
              traceOptions.run(
                  traces, parent.stdin, ProgressLine.forTerminal(err, quiet), err, quiet, verbose);
          if (run == null) {
            return ExitCodes.INVALID_INPUT;
          }
          Pipeline.Result result = run.result();
          SourceLinks links = SourceLinks.of(r, result.analysis());
          stdout.println();
          CallSitesTable.printLinks(result.analysis(), links, stdout);
          stage = "writing the reports";
          written.addAll(
              ReportWriter.writeAll(
                  folder,
                  VersionProvider.version(),
                  result.inputs(),
                  result.extraction(),
                  result.analysis(),
                  ReportWriter.DEFAULT_MAX_OPERATORS,
                  links));
          tracesFailed = run.failed() > 0;
        }
      } catch (OutputException e) {
        return ErrorHandler.cannotWrite(err, e, folder);
      }
      if (!quiet) {
        err.println(
            "wrote " + written.size() + " files under " + Names.printableLine(dir.toString()));
      }
      err.flush();
      return r.anySkipped() || tracesFailed ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    } catch (OutOfMemoryError e) {
      return ErrorHandler.outOfMemory(err, stage, folder, verbose, e);
    }
  }

  /** Scans the roots, printing one warning line per file skipped or parsed around an error. */
  static ScanResult scan(List<Path> roots, boolean includeVendored, PrintWriter err) {
    ScanResult r = new SourceScanner(includeVendored).scan(roots);
    for (ScanResult.Warning w : r.warnings()) {
      err.println("warning: " + Names.printable(w.file()) + ": " + Names.printable(w.message()));
    }
    return r;
  }

  /** Written last: its presence means the scan completed. */
  static final String CSV = "callsites.csv";

  /**
   * Writes callsites.md, callsites-tests.csv when tests hold sites, and callsites.csv, last and as
   * the folder's marker when {@code commit} (when traces are analyzed too, {@code summary.json} is
   * the marker); a callsites-tests.csv of an earlier run that this one does not write is removed as
   * stale.
   */
  static List<Path> write(OutputFolder folder, String title, ScanResult r, boolean commit)
      throws OutputException {
    List<Path> written = new ArrayList<>();
    written.add(folder.writeString("callsites.md", CallSitesMarkdown.write(title, r)));
    if (!r.testSites().isEmpty()) {
      written.add(folder.writeString("callsites-tests.csv", CallSitesCsv.write(r.testSites())));
    }
    String csv = CallSitesCsv.write(r.sites());
    written.add(commit ? folder.commit(w -> w.write(csv)) : folder.writeString(CSV, csv));
    return written;
  }

  /** What was scanned, for the Markdown title: the folders' own names. */
  static String title(List<Path> roots) {
    List<String> names = new ArrayList<>();
    for (Path p : roots) {
      Path n = p.toAbsolutePath().normalize().getFileName();
      names.add(n == null ? p.toString() : n.toString());
    }
    return String.join(", ", names);
  }

  private static String defaultName(Path root) {
    Path n = root.toAbsolutePath().normalize().getFileName();
    return Names.slug(n == null ? "sources" : n.toString());
  }
}
