package io.github.wakeupanalyze.testing;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.pipeline.Pipeline;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the pipeline on an in-memory OTLP JSON trace, as {@code analyze} would on a file. */
public final class DemoAnalysis {
  private DemoAnalysis() {}

  public static Pipeline.Result of(OtlpJson trace) {
    byte[] json = trace.toJson().getBytes(StandardCharsets.UTF_8);
    return Pipeline.run(
        new Pipeline.Request(
            List.of("-"),
            null,
            ExtractRules.defaults(),
            AnalysisParameters.defaults(),
            new long[0],
            new ByteArrayInputStream(json)));
  }

  /** The {@link DemoTrace}, analyzed. */
  public static Pipeline.Result demo() {
    return of(DemoTrace.build());
  }
}
