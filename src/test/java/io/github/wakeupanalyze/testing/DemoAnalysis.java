package io.github.wakeupanalyze.testing;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.pipeline.Pipeline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the pipeline on an in-memory trace, as {@code analyze -} would on standard input: the format
 * sniffed, default extraction rules, no events.
 */
public final class DemoAnalysis {
  private DemoAnalysis() {}

  public static Pipeline.Result of(OtlpJson trace) {
    return of(trace.toJson().getBytes(StandardCharsets.UTF_8), AnalysisParameters.defaults());
  }

  /** {@code trace} (any format the sniffer knows) read, extracted and analyzed. */
  public static Pipeline.Result of(byte[] trace, AnalysisParameters parameters) {
    return Pipeline.run(
        new Pipeline.Request(
            List.of("-"),
            ReadOptions.AUTO,
            ExtractRules.defaults(),
            parameters,
            new long[0],
            new ByteArrayInputStream(trace)));
  }

  /**
   * {@code trace} read from standard input together with an audit log from a temporary file, as
   * {@code analyze - audit.jsonl} would; without an audit log (null) as {@link #of(byte[],
   * AnalysisParameters)}.
   */
  public static Pipeline.Result of(byte[] trace, byte[] audit, AnalysisParameters parameters)
      throws IOException {
    if (audit == null) {
      return of(trace, parameters);
    }
    Path file = Files.createTempFile("wakeup-audit", ".jsonl");
    try {
      Files.write(file, audit);
      return Pipeline.run(
          new Pipeline.Request(
              List.of("-", file.toString()),
              ReadOptions.AUTO,
              ExtractRules.defaults(),
              parameters,
              new long[0],
              new ByteArrayInputStream(trace)));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The {@link DemoTrace}, analyzed. */
  public static Pipeline.Result demo() {
    return of(DemoTrace.build());
  }
}
