package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.EventTimes;
import io.github.wakeupanalyze.ingest.InputException;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.ReadProgress;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.text.Names;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How traces are read and reconciles found: the options every command that reads traces shares
 * ({@code analyze}, {@code compare}, {@code figures}).
 */
final class TraceOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--format",
      paramLabel = "NAME",
      defaultValue = "auto",
      description =
          "Input format: auto (sniffed from the content, never the file name; the "
              + "default), otlp-json (also JSON Lines), otlp-proto, jaeger-json, zipkin-json, csv "
              + "(reconcile times) or log (an operator's log).")
  String format;

  @Option(
      names = "--operator",
      paramLabel = "NAME",
      description =
          "Operator name for timestamp CSV and log inputs (default: for logs the pod that "
              + "kubectl logs --prefix names, else the file name without its extensions).")
  String operator;

  @Option(
      names = "--log-match",
      paramLabel = "REGEX",
      description =
          "In operator logs, a line whose message (not its logger) contains a match is a "
              + "reconcile, where the framework's own lines do not mark reconciles; for kube-rs "
              + "logs, where each reconcile starts (see docs/logs.md).")
  String logMatch;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description =
          "A timestamp CSV of external changes to the watched objects: a reconcile "
              + "starting shortly after one is event-driven, even when the changes are periodic.")
  String events;

  @Option(
      names = "--reconcile-span",
      paramLabel = "REGEX",
      defaultValue = ExtractRules.DEFAULT_PATTERN,
      description =
          "A span whose name contains a match is a reconcile span; the outermost one "
              + "of a nest is the reconcile (default: ${DEFAULT-VALUE}, case-insensitive).")
  String reconcileSpan;

  @Option(
      names = "--object-key",
      paramLabel = "ATTR",
      split = ",",
      description =
          "Span attributes naming the reconciled object, joined by '/' (default: "
              + "object.ref, else k8s.namespace.name+k8s.object.name, else namespace+name, else "
              + "k8s.<kind>.name).")
  List<String> objectKeys = new ArrayList<>();

  /** The reader settings; a bad {@code --format} is a usage error. */
  ReadOptions readOptions() {
    TraceFormat forced;
    try {
      forced = ReadOptions.parseFormat(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "Invalid value for option '--format': " + e.getMessage());
    }
    Pattern match = null;
    if (logMatch != null) {
      try {
        match = Pattern.compile(logMatch);
      } catch (PatternSyntaxException e) {
        throw new CommandLine.ParameterException(
            mixee.commandLine(),
            "Invalid value for option '--log-match': not a regular expression: "
                + e.getDescription());
      }
    }
    return new ReadOptions(forced, operator, match);
  }

  /** The extraction rules; a bad {@code --reconcile-span} is a usage error. */
  ExtractRules rules() {
    try {
      return new ExtractRules(Pattern.compile(reconcileSpan), objectKeys);
    } catch (PatternSyntaxException e) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(),
          "Invalid value for option '--reconcile-span': not a regular expression: "
              + e.getDescription());
    }
  }

  /** What {@link #run} read: the pipeline's result and how many inputs failed. */
  record Run(Pipeline.Result result, int failed) {}

  /**
   * Reads and analyzes {@code inputs} with these options, printing each input's error and warnings
   * on {@code err} as one line each.
   *
   * @return null when nothing could be read (the events file, or no span in any input); the error
   *     is printed and the command exits {@link ExitCodes#INVALID_INPUT}
   */
  Run run(List<String> inputs, InputStream stdin, ReadProgress progress, PrintWriter err) {
    return run(inputs, stdin, progress, err, false, false);
  }

  /**
   * As {@link #run(List, InputStream, ReadProgress, PrintWriter)}; files skipped inside folders
   * (not traces, timestamp CSVs or logs) are summed up in one line unless {@code quiet}, each named
   * with {@code verbose}.
   */
  Run run(
      List<String> inputs,
      InputStream stdin,
      ReadProgress progress,
      PrintWriter err,
      boolean quiet,
      boolean verbose) {
    ReadOptions read = readOptions();
    ExtractRules rules = rules();
    long[] eventTimes;
    try {
      eventTimes = eventTimes(stdin);
    } catch (InputException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return null;
    }
    Pipeline.Result result =
        Pipeline.run(
            new Pipeline.Request(
                inputs, read, rules, AnalysisParameters.defaults(), eventTimes, stdin, progress));
    int failed = 0;
    long spans = 0;
    List<InputReport> skipped = new ArrayList<>();
    for (InputReport r : result.inputs()) {
      if (r.wasSkipped()) {
        skipped.add(r);
      }
      if (r.failed()) {
        failed++;
        err.println("error: " + r.error());
      }
      for (String w : r.warnings()) {
        err.println("warning: " + w);
      }
      spans += r.spans();
    }
    if (!skipped.isEmpty() && (verbose || !quiet)) {
      err.println(
          "skipped "
              + skipped.size()
              + (skipped.size() == 1 ? " file" : " files")
              + " in folders that hold no trace, timestamp CSV or operator log"
              + (verbose ? ":" : " (--verbose names them)"));
      if (verbose) {
        for (InputReport r : skipped) {
          err.println("  " + Names.printable(r.path()) + ": " + r.skipped());
        }
      }
    }
    if (spans == 0) {
      err.println(
          "error: no spans read from "
              + inputs.size()
              + (inputs.size() == 1 ? " input" : " inputs")
              + "; nothing to analyze");
      err.flush();
      return null;
    }
    return new Run(result, failed);
  }

  /**
   * The sorted times of {@code --events}, empty without it.
   *
   * @throws InputException when the events file cannot be read (one line)
   */
  long[] eventTimes(InputStream stdin) throws InputException {
    return events == null ? new long[0] : EventTimes.read(events, stdin);
  }
}
