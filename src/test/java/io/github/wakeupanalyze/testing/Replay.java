package io.github.wakeupanalyze.testing;

import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Span;
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

  /** Simulates {@code scenario} (with another duration when {@code durationNanos > 0}). */
  public static Path simulate(Path scenario, long durationNanos, Path dir) {
    try {
      Scenario s = ScenarioLoader.load(scenario);
      if (durationNanos > 0) {
        s = s.withDuration(durationNanos);
      }
      return SimulationRun.write(s, OutputFormat.OTLP_PROTO, dir, "replay").trace();
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

  /** Consecutive batches of at most {@code size} spans. */
  public static List<List<Span>> batches(List<Span> spans, int size) {
    List<List<Span>> out = new ArrayList<>();
    for (int i = 0; i < spans.size(); i += size) {
      out.add(spans.subList(i, Math.min(spans.size(), i + size)));
    }
    return out;
  }
}
