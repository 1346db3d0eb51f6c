package io.github.wakeupanalyze.bench;

import io.github.wakeupanalyze.ingest.TraceFormat;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: one parse of the README sample trace (OTLP JSON) held in memory, spans to a black hole.
 * {@code java -jar target/bench/benchmarks.jar ParserBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
  @Param({"sample-traces/percona-mongodb.otlp.json"})
  public String file;

  private byte[] bytes;

  @Setup
  public void load() throws Exception {
    bytes = Files.readAllBytes(Path.of(file));
  }

  @Benchmark
  public void otlpJson(Blackhole bh) throws Exception {
    TraceFormat.OTLP_JSON.newReader().read(new ByteArrayInputStream(bytes), file, bh::consume);
  }
}
