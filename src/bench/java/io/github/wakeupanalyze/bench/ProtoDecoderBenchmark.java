package io.github.wakeupanalyze.bench;

import com.google.protobuf.ByteString;
import io.github.wakeupanalyze.ingest.OtlpProtoDecoder;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: the OTLP protobuf decoder alone, spans per second. One message in memory with one
 * ResourceSpans of {@value #SPANS} spans shaped like an operator's (a {@code Reconcile} span with
 * controller and object attributes, then three client calls under it with method, URL, server and
 * status; about 200 bytes a span, as the simulator writes them), decoded into a black hole.
 *
 * <pre>java -jar target/bench/benchmarks.jar ProtoDecoderBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class ProtoDecoderBenchmark {
  static final int SPANS = 100_000;

  private byte[] message;

  @Setup
  public void build() {
    ScopeSpans.Builder ss =
        ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("sigs.k8s.io/controller-runtime"));
    long t = 1_767_225_600_000_000_000L;
    for (int i = 0; i < SPANS / 4; i++) {
      ByteString trace = id(0x7ace00000000L + i, i);
      long reconcile = 4L * i + 1;
      ss.addSpans(
          Span.newBuilder()
              .setTraceId(trace)
              .setSpanId(id(reconcile))
              .setName("Reconcile")
              .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
              .setStartTimeUnixNano(t)
              .setEndTimeUnixNano(t + 40_000_000L)
              .addAttributes(kv("controller", "psmdb-controller"))
              .addAttributes(kv("k8s.namespace.name", "mongodb"))
              .addAttributes(kv("k8s.object.name", "cluster-" + (i % 1000))));
      for (int c = 1; c <= 3; c++) {
        ss.addSpans(
            Span.newBuilder()
                .setTraceId(trace)
                .setSpanId(id(reconcile + c))
                .setParentSpanId(id(reconcile))
                .setName("GET")
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(t + c * 5_000_000L)
                .setEndTimeUnixNano(t + c * 5_000_000L + 2_000_000L)
                .addAttributes(kv("http.request.method", "GET"))
                .addAttributes(
                    kv(
                        "url.full",
                        "https://10.96.0.1:443/apis/psmdb.percona.com/v1/namespaces/mongodb/"
                            + "perconaservermongodbs/cluster-"
                            + (i % 1000)))
                .addAttributes(kv("server.address", "10.96.0.1"))
                .addAttributes(
                    KeyValue.newBuilder()
                        .setKey("http.response.status_code")
                        .setValue(AnyValue.newBuilder().setIntValue(200))));
      }
      t += 10_000_000L;
    }
    message =
        TracesData.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(kv("service.name", "psmdb-operator")))
                    .addScopeSpans(ss))
            .build()
            .toByteArray();
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public long decode(Blackhole bh) throws Exception {
    return OtlpProtoDecoder.decode(message, "bench", bh::consume);
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** Big-endian bytes of the given 64-bit halves: a span id of one, a trace id of two. */
  private static ByteString id(long... halves) {
    byte[] b = new byte[halves.length * 8];
    for (int i = 0; i < halves.length; i++) {
      for (int k = 0; k < 8; k++) {
        b[i * 8 + k] = (byte) (halves[i] >>> (56 - 8 * k));
      }
    }
    return ByteString.copyFrom(b);
  }
}
