package io.github.wakeupanalyze.testing;

import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioException;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A simulated trace replayed as an SDK's batch span processor exports it: spans in the order they
 * end, in batches of at most {@value #SDK_BATCH} (the OpenTelemetry SDK's default export size).
 */
public final class Replay {
  public static final int SDK_BATCH = 512;

  /** The bundled Percona-like scenario: 25 min, two controllers, a 5 s RequeueAfter. */
  public static final Path PERCONA = Path.of("sample-traces/scenarios/percona-mongodb.yaml");

  private Replay() {}

  /**
   * A 10 % head-sampled Percona-like scenario that keeps the API server's audit log beside its
   * trace ({@code auditLog: true}).
   */
  public static final Path PERCONA_SAMPLED_AUDIT =
      Path.of("src/test/resources/scenarios/percona-sampled-10-audit.yaml");

  /** Simulates {@code scenario} (with another duration when {@code durationNanos > 0}). */
  public static Path simulate(Path scenario, long durationNanos, Path dir) {
    return simulateFiles(scenario, durationNanos, dir).trace();
  }

  /** As {@link #simulate}, with every file the run wrote (the audit log among them). */
  public static SimulationRun.Written simulateFiles(Path scenario, long durationNanos, Path dir) {
    try {
      Scenario s = ScenarioLoader.load(scenario);
      if (durationNanos > 0) {
        s = s.withDuration(durationNanos);
      }
      return SimulationRun.write(s, OutputFormat.OTLP_PROTO, dir, "replay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ScenarioException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every span of an OTLP protobuf file, sorted by end (stable). */
  public static List<Span> spansByEnd(Path trace) {
    List<Span> spans = new ArrayList<>();
    try (InputStream in = Files.newInputStream(trace)) {
      TraceFormat.OTLP_PROTO.newReader().read(in, trace.toString(), spans::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InputException e) {
      throw new IllegalStateException(e);
    }
    spans.sort(Comparator.comparingLong(Span::endNanos));
    return spans;
  }

  /** {@code analyze} on {@code inputs} together, with the default rules and parameters. */
  public static Pipeline.Result analyze(Path... inputs) {
    List<String> names = new ArrayList<>();
    for (Path p : inputs) {
      names.add(p.toString());
    }
    return Pipeline.run(
        new Pipeline.Request(
            names,
            ReadOptions.AUTO,
            ExtractRules.defaults(),
            AnalysisParameters.defaults(),
            new long[0],
            null));
  }

  /** Consecutive batches of at most {@code size} spans. */
  public static List<List<Span>> batches(List<Span> spans, int size) {
    List<List<Span>> out = new ArrayList<>();
    for (int i = 0; i < spans.size(); i += size) {
      out.add(spans.subList(i, Math.min(spans.size(), i + size)));
    }
    return out;
  }
}
