package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.EventTimes;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.ReadProgress;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.text.Names;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
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
              + "(reconcile times), log (an operator's log) or k8s-audit (an API server's audit "
              + "log: every client's writes, evidence beside a trace).")
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

  @Option(
      names = "--sampling-ratio",
      paramLabel = "P",
      description =
          "The probability with which traces were kept (head sampling), e.g. 0.1, for "
              + "reconciles whose trace does not state it (W3C tracestate th, Jaeger sampler tags).")
  Double samplingRatio;

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

  /**
   * The extraction rules; a bad {@code --reconcile-span} or {@code --sampling-ratio} is a usage
   * error.
   */
  ExtractRules rules() {
    if (samplingRatio != null && !(samplingRatio > 0 && samplingRatio <= 1)) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(),
          "Invalid value for option '--sampling-ratio': expected a probability in (0, 1], e.g."
              + " 0.1, found "
              + samplingRatio);
    }
    try {
      return new ExtractRules(
          Pattern.compile(reconcileSpan),
          objectKeys,
          samplingRatio == null ? Double.NaN : samplingRatio);
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
      err.println("error: " + Names.printableLine(e.getMessage()));
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
        err.println("error: " + Names.printableLine(r.error()));
      }
      for (String w : r.warnings()) {
        err.println("warning: " + Names.printableLine(w));
      }
      spans += r.spans();
    }
    for (String w : result.extraction().warnings()) {
      err.println("warning: " + w);
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
      // the closing line; an error line of its own only when no input's error explains it
      int n = result.inputs().size();
      err.println(
          failed > 0
              ? "nothing to analyze: " + failed + " of " + n + inputs(n) + " failed"
              : "error: no spans read from " + n + inputs(n) + "; nothing to analyze");
      err.flush();
      return null;
    }
    return new Run(result, failed);
  }

  private static String inputs(int n) {
    return n == 1 ? " input" : " inputs";
  }

  /**
   * The line a run that wrote its output ends with: {@code wrote 17 files under DIR (detail)}, and
   * when inputs failed {@code ; 1 of 3 inputs failed, so the results are partial} (printed even
   * with {@code --quiet}).
   */
  static void closingLine(
      PrintWriter err, boolean quiet, int files, Path dir, String detail, int failed, int inputs) {
    if (failed > 0 || !quiet) {
      String wrote =
          "wrote "
              + files
              + " files under "
              + Names.printableLine(dir.toString())
              + (detail == null ? "" : " (" + detail + ")");
      err.println(
          failed == 0
              ? wrote
              : wrote
                  + "; "
                  + failed
                  + " of "
                  + inputs
                  + inputs(inputs)
                  + " failed, so the results are partial");
    }
    err.flush();
  }

  /**
   * The sorted times of {@code --events}, empty without it.
   *
   * @throws InputException when the events file cannot be read or holds no time (one line)
   */
  long[] eventTimes(InputStream stdin) throws InputException {
    if (events == null) {
      return new long[0];
    }
    long[] times = EventTimes.read(events, stdin);
    if (times.length == 0) {
      throw new InputException(
          events,
          "",
          "no event time in the file: expected one time per line (ISO-8601 or unix time), "
              + "optionally after a header line");
    }
    return times;
  }
}
