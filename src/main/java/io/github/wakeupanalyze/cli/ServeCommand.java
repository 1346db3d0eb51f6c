package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.serve.LiveServer;
import io.github.wakeupanalyze.serve.ServeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wakeup-analyze serve}: an OTLP receiver that classifies reconciles as they arrive and
 * predicts each object's next timer wake-up (docs/live.md).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Receives traces and the operators' own logs over OTLP (HTTP on --port, gRPC on "
          + "--grpc-port), classifies reconciles as they complete over a sliding window, "
          + "predicts each object's next timer wake-up, and "
          + "serves the live page (/), the API (/api/v1/summary, /api/v1/objects, "
          + "/api/v1/recent), Prometheus metrics (/metrics), /healthz and /readyz.",
      "",
      "No authentication: it listens on 127.0.0.1 unless --bind says otherwise. On SIGTERM it "
          + "stops accepting, finishes the exports in flight and writes the final report of the "
          + "window to --out."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "2:usage error (bad option)",
      "4:a port could not be bound, or an internal error",
      "143:stopped by SIGTERM (after the final report)"
    })
final class ServeCommand implements Callable<Integer> {
  private static final int MAX_PORT = 65_535;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "4318",
      description =
          "OTLP/HTTP (POST /v1/traces, and the operators' logs on POST /v1/logs), audit"
              + " webhook (POST /v1/audit), API, metrics and page port (default:"
              + " ${DEFAULT-VALUE}; 0: any free).")
  int port;

  @Option(
      names = "--grpc-port",
      paramLabel = "PORT",
      defaultValue = "4317",
      description = "OTLP/gRPC port (default: ${DEFAULT-VALUE}; 0: any free; -1: no gRPC).")
  int grpcPort;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}). There is no authentication: bind "
              + "elsewhere only behind something that guards it.")
  String bind;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description = "Write the final report of the window here on shutdown.")
  Path out;

  @CommandLine.Mixin WindowOptions windowOptions;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "BYTES",
      defaultValue = "16777216",
      description = "Largest export request after decompression (default: ${DEFAULT-VALUE}).")
  int maxRequestBytes;

  @Option(
      names = "--max-queued-spans",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Spans queued before exports are refused with a retry (default: ${DEFAULT-VALUE}).")
  long maxQueuedSpans;

  @Option(names = "--verbose", description = "Print stack traces of internal errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ServeSettings settings = settings();
    LiveServer server;
    try {
      server =
          LiveServer.start(
              settings, VersionProvider.version(), line -> log(err, line), System::nanoTime);
    } catch (IOException e) {
      err.println("error: cannot listen on " + bind + ": " + e.getMessage());
      err.flush();
      return ExitCodes.INTERNAL;
    }
    log(
        err,
        "serve: listening on http://"
            + bind
            + ":"
            + server.httpPort()
            + " (OTLP/HTTP /v1/traces and /v1/logs, audit webhook /v1/audit, page, API, /metrics)"
            + (server.grpcPort() >= 0 ? " and grpc " + bind + ":" + server.grpcPort() : "")
            + "; no authentication");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.shutdown();
                  } catch (IOException e) {
                    log(err, "serve: the final report could not be written: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "wakeup-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /** The settings the options give; a usage error (exit 2) names the first bad option. */
  ServeSettings settings() {
    long windowNanos = windowOptions.window.toNanos();
    long graceNanos = windowOptions.grace.toNanos();
    if (windowNanos <= 0) {
      throw usage("--window", windowOptions.window, "a positive duration such as 1h");
    }
    if (port < 0 || port > MAX_PORT) {
      throw usage("--port", port, "0 to 65535");
    }
    if (grpcPort < -1 || grpcPort > MAX_PORT) {
      throw usage("--grpc-port", grpcPort, "-1 (no gRPC) or 0 to 65535");
    }
    if (bind.isBlank()) {
      throw usage("--bind", bind, "an address such as 127.0.0.1");
    }
    if (maxRequestBytes < 1024) {
      throw usage("--max-request-bytes", maxRequestBytes, "at least 1024");
    }
    if (maxQueuedSpans < 1) {
      throw usage("--max-queued-spans", maxQueuedSpans, "at least 1");
    }
    LiveSettings live =
        new LiveSettings(
            windowNanos,
            graceNanos,
            LiveSettings.DEFAULT_MAX_HELD_SPANS,
            ExtractRules.defaults(),
            AnalysisParameters.defaults());
    return new ServeSettings(
        bind,
        port,
        grpcPort,
        maxRequestBytes,
        maxQueuedSpans,
        out,
        ServeSettings.DEFAULT_MIN_PASS_NANOS,
        Math.max(graceNanos, 1_000_000_000L),
        live);
  }

  private CommandLine.ParameterException usage(String option, Object value, String expected) {
    return new CommandLine.ParameterException(
        spec.commandLine(),
        "Invalid value for option '" + option + "': " + value + " (expected " + expected + ")");
  }

  private static void log(PrintWriter err, String line) {
    synchronized (err) {
      err.println(line);
      err.flush();
    }
  }
}
