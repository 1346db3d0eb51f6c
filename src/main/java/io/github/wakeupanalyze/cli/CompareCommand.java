package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.compare.CompareInputException;
import io.github.wakeupanalyze.compare.CompareJson;
import io.github.wakeupanalyze.compare.CompareMarkdown;
import io.github.wakeupanalyze.compare.CompareTable;
import io.github.wakeupanalyze.compare.Comparer;
import io.github.wakeupanalyze.compare.Comparison;
import io.github.wakeupanalyze.compare.Rule;
import io.github.wakeupanalyze.compare.Sides;
import io.github.wakeupanalyze.compare.TimerTolerance;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.report.OutputException;
import io.github.wakeupanalyze.report.OutputFolder;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.SiteDiff;
import io.github.wakeupanalyze.sources.SiteDiffReport;
import io.github.wakeupanalyze.sources.scan.SourceScanner;
import io.github.wakeupanalyze.text.Names;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/** {@code wakeup-analyze compare BASELINE CANDIDATE}: a diff and a CI gate between two runs. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compares two versions of an operator: wake-ups per hour, timer share, timers added, "
          + "removed or changed, writes per wake-up, error share and what unloading would save, "
          + "per operator and controller, with rates per hour of each side's own window.",
      "",
      "Each side is a trace (analyzed on the fly), a summary.json from 'analyze', or the folder "
          + "holding one. Prints a table, writes compare.md and compare.json under the output "
          + "folder, and exits 1 when the candidate regresses past a --fail-on threshold.",
      "",
      "RULE: new-timer | METRIC:+N%% | METRIC:-N%% | METRIC:+Npp (shares) | METRIC:+N (absolute). "
          + "METRIC: wakeups-per-hour, timer-wakeups-per-hour, timer-share, timers, "
          + "writes-per-wakeup, error-share, reloads-per-hour, unloaded-share, "
          + "reloads-per-hour-without-timers, unloaded-share-without-timers, "
          + "reloads-avoidable-per-hour, unloaded-share-gainable. '+' fails when the candidate is "
          + "higher by more than N, '-' when lower."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no regression (or no --fail-on given)",
      "1:the candidate regressed past a --fail-on threshold, or a rule found nothing to check",
      "2:usage error: a bad option, a malformed rule, a threshold that can never fail, or an --out"
          + " folder that cannot be used (a file, unwritable, or another run is writing there)",
      "3:a side is unreadable, not a trace, or a summary.json of a schema this tool does not read",
      ExitCodes.HELP_INTERNAL,
      ExitCodes.HELP_OUTPUT_COMPARE
    })
final class CompareCommand implements Callable<Integer> {
  /** Written last: its presence means the comparison completed. */
  static final String COMPARE_JSON = "compare.json";

  @Spec CommandSpec spec;

  @ParentCommand WakeupAnalyzeCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "BASELINE",
      description = "The old version: a trace, a summary.json, or an analyze output folder.")
  String baseline;

  @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The new version, same choices.")
  String candidate;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      defaultValue = "reports/compare",
      description = "Output folder for compare.md and compare.json (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--fail-on",
      paramLabel = "RULE",
      split = ",",
      description =
          "A threshold; repeat or separate with commas, e.g. "
              + "--fail-on wakeups-per-hour:+10%%,timer-share:+5pp,new-timer.")
  List<String> failOn = new ArrayList<>();

  @Option(
      names = "--timer-tolerance",
      paramLabel = "TOL",
      defaultValue = "5%",
      description =
          "Timers match when their delays agree within this: a percentage of the longer "
              + "delay or a duration such as 250ms (default: ${DEFAULT-VALUE}).")
  String timerTolerance;

  @Option(
      names = "--unload-after",
      paramLabel = "T",
      split = ",",
      defaultValue = "1s,5s,30s",
      converter = DurationConverter.class,
      description =
          "Idle times after which the unload model unloads an operator "
              + "(default: ${DEFAULT-VALUE}).")
  List<Duration> unloadAfter = new ArrayList<>();

  @Option(
      names = "--allow-missing",
      description =
          "Let a rule that finds nothing to check (no operator on both sides, e.g. after a "
              + "service.name rename, or its metric n/a everywhere) pass; by default it fails.")
  boolean allowMissing;

  @CommandLine.Mixin TraceOptions traceOptions;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the table, thresholds and errors.")
  boolean quiet;

  @Option(
      names = "--sources",
      arity = "2",
      paramLabel = "DIR",
      description =
          "The two versions' source trees, old then new: the call sites that schedule reconciles"
              + " added, removed and changed between them, in compare.md and compare.json.")
  List<Path> sources;

  @Option(names = "--verbose", description = "Print stack traces of internal errors.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Comparison.Options options = options();
    ReadOptions read = traceOptions.readOptions();
    ExtractRules rules = traceOptions.rules();
    if (baseline.equals("-") && candidate.equals("-")) {
      throw usage("only one side can be read from standard input ('-')");
    }
    OutputFolder folder;
    try {
      folder = OutputFolder.open(out, "compare", COMPARE_JSON);
    } catch (OutputException e) {
      return ErrorHandler.unusable(err, e);
    }
    String stage = "reading and analyzing the inputs";
    try (folder) {
      long[] eventTimes;
      try {
        eventTimes = traceOptions.eventTimes(parent.stdin);
      } catch (InputException e) {
        err.println("error: " + Names.printableLine(e.getMessage()));
        err.flush();
        return ExitCodes.INVALID_INPUT;
      }
      List<Sides.Loaded> sides = new ArrayList<>();
      String[] labels = {"baseline", "candidate"};
      String[] args = {baseline, candidate};
      for (int i = 0; i < 2; i++) {
        try {
          sides.add(
              Sides.load(
                  args[i], read, rules, eventTimes, options.unloadAfterNanos(), parent.stdin));
        } catch (CompareInputException e) {
          err.println("error: " + labels[i] + ": " + Names.printableLine(e.getMessage()));
          err.flush();
          return ExitCodes.INVALID_INPUT;
        }
        for (String w : sides.get(i).warnings()) {
          err.println("warning: " + labels[i] + ": " + Names.printableLine(w));
        }
      }
      Comparison c = Comparer.compare(sides.get(0).snapshot(), sides.get(1).snapshot(), options);
      CompareTable.print(c, stdout);
      SiteDiff sites = null;
      if (sources != null) {
        stage = "scanning the sources";
        sites = siteDiff(err);
        if (sites == null) {
          return ExitCodes.INVALID_INPUT;
        }
        stdout.println("call sites: " + sites.summary());
        stdout.flush();
      }
      SiteDiff siteDiff = sites;
      stage = "writing compare.md and compare.json";
      try {
        folder.writeText(
            "compare.md",
            w -> {
              CompareMarkdown.write(c, w);
              if (siteDiff != null) {
                w.write(
                    "\n"
                        + SiteDiffReport.markdown(
                            siteDiff, sources.get(0).toString(), sources.get(1).toString()));
              }
            });
        folder.commit(w -> CompareJson.write(c, VersionProvider.version(), siteDiff, w));
      } catch (OutputException e) {
        return ErrorHandler.cannotWrite(err, e, folder);
      }
      if (!quiet) {
        err.println("wrote compare.md and compare.json under " + Names.printableLine("" + out));
      }
      err.flush();
      return c.regressed() ? ExitCodes.REGRESSION : ExitCodes.OK;
    } catch (OutOfMemoryError e) {
      return ErrorHandler.outOfMemory(err, stage, folder, verbose, e);
    }
  }

  /** The call sites changed from the old sources to the new; null (after one line) when missing. */
  private SiteDiff siteDiff(PrintWriter err) {
    List<ScanResult> scans = new ArrayList<>();
    String[] labels = {"old", "new"};
    for (int i = 0; i < 2; i++) {
      Path p = sources.get(i);
      if (!Files.exists(p)) {
        err.println(
            "error: --sources "
                + labels[i]
                + ": "
                + Names.printableLine(p.toString())
                + ": no such file or directory");
        err.flush();
        return null;
      }
      ScanResult r = new SourceScanner(false).scan(List.of(p));
      for (ScanResult.Warning w : r.warnings()) {
        err.println(
            "warning: --sources "
                + labels[i]
                + ": "
                + Names.printableLine(w.file() + ": " + w.message()));
      }
      scans.add(r);
    }
    return SiteDiff.of(scans.get(0).sites(), scans.get(1).sites());
  }

  private Comparison.Options options() {
    List<Rule> rules = new ArrayList<>();
    for (String r : failOn) {
      try {
        rules.add(Rule.parse(r));
      } catch (IllegalArgumentException e) {
        throw usage("Invalid value for option '--fail-on': " + e.getMessage());
      }
    }
    TimerTolerance tolerance;
    try {
      tolerance = TimerTolerance.parse(timerTolerance);
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for option '--timer-tolerance': " + e.getMessage());
    }
    TreeSet<Long> ts = new TreeSet<>();
    for (Duration t : unloadAfter) {
      ts.add(t.toNanos());
    }
    return new Comparison.Options(tolerance, List.copyOf(ts), rules, allowMissing);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
