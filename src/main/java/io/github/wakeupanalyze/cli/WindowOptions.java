package io.github.wakeupanalyze.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The trace-time window of the live commands ({@code serve}, {@code stream}): how much trace time
 * is kept and analysed, and when a trace counts as complete.
 */
final class WindowOptions {
  @Option(
      names = "--window",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Sliding window of trace time kept and analysed per object (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "A trace is final this long (trace time) after its latest span end; serve holds"
              + " the operators' log lines as long, for lines sent out of order (default: "
              + "${DEFAULT-VALUE}).")
  Duration grace;
}
