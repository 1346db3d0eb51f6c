package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.report.OutputException;
import io.github.wakeupanalyze.report.OutputFolder;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioException;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wakeup-analyze simulate SCENARIO --out DIR}: runs a scenario through the controller
 * simulator and writes the trace and its ground-truth labels.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate operator controllers from a scenario file (YAML or JSON) and write a trace with "
          + "a ground-truth label for every reconcile (labels.csv).",
      "Same scenario and seed: byte-identical output."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the trace and labels were written",
      ExitCodes.HELP_USAGE,
      "3:the scenario file is unreadable or invalid",
      ExitCodes.HELP_INTERNAL,
      "5:the trace or the labels could not be written (disk full, I/O error)"
    })
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
  Path scenario;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the trace and labels.csv (created if missing).")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "otlp-json",
      description =
          "Trace format: otlp-json, otlp-jsonl, otlp-proto, otlp-proto-delimited, "
              + "jaeger-json, zipkin-json, csv (default: ${DEFAULT-VALUE}); or an operator log: "
              + "log-zap-json, log-zap-console, log-klog, log-kube-rs, log-kube-rs-compact, "
              + "log-kube-rs-json, log-josdk, log-josdk-logback, log-josdk-json.")
  String format;

  @Option(names = "--seed", paramLabel = "N", description = "Seed (default: the scenario's).")
  Long seed;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Simulated time, e.g. 30m, 2h (default: the scenario's).")
  Duration duration;

  @Option(
      names = "--name",
      paramLabel = "PREFIX",
      description = "Write PREFIX<ext> and PREFIX.labels.csv instead of trace<ext> and labels.csv.")
  String name;

  @Option(
      names = "--batch",
      paramLabel = "SPANS",
      description =
          "Spans per export batch in the OTLP formats, one ResourceSpans per service per batch "
              + "(default: 512; 32 per JSON line; 128 per delimited message). With otlp-proto, "
              + "e.g. --batch 200000 writes one TracesData of ResourceSpans of 200,000 spans each, "
              + "in bounded memory.")
  int batch;

  @Option(names = "--verbose", description = "Print stack traces of internal errors.")
  boolean verbose;

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    OutputFormat fmt;
    long durationNanos = 0;
    try {
      fmt = OutputFormat.fromCliName(format);
      if (batch < 0) {
        throw new IllegalArgumentException("--batch must not be negative");
      }
      if (duration != null) {
        durationNanos = duration.toNanos();
        if (durationNanos <= 0) {
          throw new IllegalArgumentException("--duration must be positive");
        }
      }
    } catch (IllegalArgumentException e) {
      cl.getErr().println("simulate: " + e.getMessage());
      cl.getErr().flush();
      return 2;
    }
    try {
      OutputFolder.check(out);
    } catch (OutputException e) {
      return ErrorHandler.unusable(cl.getErr(), e);
    }
    Scenario s;
    try {
      s = ScenarioLoader.load(scenario);
    } catch (ScenarioException e) {
      cl.getErr().println(e.getMessage());
      cl.getErr().flush();
      return 3;
    }
    if (seed != null) {
      s = s.withSeed(seed);
    }
    if (durationNanos > 0) {
      s = s.withDuration(durationNanos);
    }
    if (fmt.isLog() && s.production().thins()) {
      cl.getErr()
          .println(
              "simulate: note: a log records every reconcile; the scenario's sampling and span"
                  + " loss apply to traces only");
      cl.getErr().flush();
    }
    if (fmt.isLog()) {
      for (Scenario.Operator op : s.operators()) {
        if (op.framework() != fmt.logFormat().framework()) {
          cl.getErr()
              .println(
                  "simulate: note: "
                      + fmt.cliName()
                      + " writes "
                      + frameworkName(fmt.logFormat().framework())
                      + "'s lines, also for "
                      + frameworkName(op.framework())
                      + " operator "
                      + Names.printable(op.service())
                      + ", which logs otherwise: its lines name objects as "
                      + frameworkName(fmt.logFormat().framework())
                      + " does, so they do not meet its trace's reconciles");
        }
      }
      cl.getErr().flush();
    }
    try {
      SimulationRun.Written w = SimulationRun.write(s, fmt, out, name, batch);
      cl.getOut()
          .println(
              "wrote "
                  + w.trace()
                  + " ("
                  + w.spans()
                  + " spans, "
                  + w.reconciles()
                  + " reconciles"
                  + (w.kept() < w.reconciles() ? ", " + w.kept() + " of them in the trace" : "")
                  + ") and "
                  + w.labels()
                  + (w.audit() == null ? "" : ", the API server's audit log " + w.audit())
                  + (w.sources() == null ? "" : " (source code under " + w.sources() + ")"));
      cl.getOut().flush();
      return 0;
    } catch (IOException e) {
      Path file =
          e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : null;
      cl.getErr()
          .println(
              "error: cannot write "
                  + (file != null ? file : "under " + out)
                  + ": "
                  + OutputException.reason(e));
      cl.getErr().flush();
      return ExitCodes.OUTPUT;
    }
  }

  private static String frameworkName(Scenario.Framework f) {
    return switch (f) {
      case CONTROLLER_RUNTIME -> "controller-runtime";
      case KUBE_RS -> "kube-rs";
      case JAVA_OPERATOR_SDK -> "the Java Operator SDK";
    };
  }
}
