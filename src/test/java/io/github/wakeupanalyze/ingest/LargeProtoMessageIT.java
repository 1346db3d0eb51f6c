package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.github.wakeupanalyze.testing.ChildJvm;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the size of a protobuf message: one {@code TracesData} whose single
 * {@code ResourceSpans} holds {@value #SPANS} spans in one {@code ScopeSpans} (46 MB, the way a
 * backend exports a service) is decoded in a child JVM whose heap is smaller than the message, and
 * analyzed with every report by the packaged jar in a heap of a few times the message. The
 * tree-based parser this decoder replaced needed the whole ResourceSpans as objects (several times
 * its wire size) and failed both. Not timed: speed is the bench's job.
 *
 * <p>The trace: {@value #OBJECTS} objects of one controller, each reconciled every 10 s for 500 s
 * (RequeueAfter), each reconcile a {@code Reconcile} span with 9 client calls under it.
 */
class LargeProtoMessageIT {
  static final int OBJECTS = 500;
  static final int ROUNDS = 50;
  static final int CALLS = 9;
  static final int SPANS = OBJECTS * ROUNDS * (1 + CALLS);
  private static final long T0 = 1_767_225_600_000_000_000L;

  @TempDir static Path dir;
  private static Path message;

  @BeforeAll
  static void writeOneLargeMessage() throws IOException {
    message = dir.resolve("one-resource-spans.pb");
    byte[] scope =
        InstrumentationScope.newBuilder()
            .setName("sigs.k8s.io/controller-runtime")
            .build()
            .toByteArray();
    // the length of the one ScopeSpans, then of the one ResourceSpans, before writing them
    long[] spansBytes = {0};
    spans(s -> spansBytes[0] += CodedOutputStream.computeMessageSize(2, s));
    long scopeSpans = CodedOutputStream.computeByteArraySize(1, scope) + spansBytes[0];
    Resource resource =
        Resource.newBuilder()
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("service.name")
                    .setValue(AnyValue.newBuilder().setStringValue("big-operator")))
            .build();
    long resourceSpans =
        CodedOutputStream.computeMessageSize(1, resource)
            + CodedOutputStream.computeTagSize(2)
            + CodedOutputStream.computeUInt64SizeNoTag(scopeSpans)
            + scopeSpans;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(message), 1 << 16)) {
      CodedOutputStream out = CodedOutputStream.newInstance(file, 1 << 16);
      out.writeTag(1, 2);
      out.writeUInt64NoTag(resourceSpans);
      out.writeMessage(1, resource);
      out.writeTag(2, 2);
      out.writeUInt64NoTag(scopeSpans);
      out.writeByteArray(1, scope);
      IOException[] failed = {null};
      spans(
          s -> {
            try {
              out.writeMessage(2, s);
            } catch (IOException e) {
              failed[0] = e;
            }
          });
      if (failed[0] != null) {
        throw failed[0];
      }
      out.flush();
    }
  }

  /** The spans of the trace, the same on every call. */
  private static void spans(Consumer<Span> to) {
    long id = 1;
    for (int round = 0; round < ROUNDS; round++) {
      for (int o = 0; o < OBJECTS; o++) {
        long start = T0 + round * 10_000_000_000L + o * 17_000_000L;
        ByteString trace = ids(0x7ace000000000000L + round, id);
        long reconcile = id++;
        to.accept(
            Span.newBuilder()
                .setTraceId(trace)
                .setSpanId(ids(reconcile))
                .setName("Reconcile")
                .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + 30_000_000L)
                .addAttributes(kv("controller", "widget-controller"))
                .addAttributes(kv("k8s.namespace.name", "ns-" + (o % 7)))
                .addAttributes(kv("k8s.object.name", "widget-" + o))
                .build());
        for (int c = 0; c < CALLS; c++) {
          long at = start + 1_000_000L + c * 3_000_000L;
          to.accept(
              Span.newBuilder()
                  .setTraceId(trace)
                  .setSpanId(ids(id++))
                  .setParentSpanId(ids(reconcile))
                  .setName("GET")
                  .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                  .setStartTimeUnixNano(at)
                  .setEndTimeUnixNano(at + 2_000_000L)
                  .addAttributes(kv("http.request.method", "GET"))
                  .addAttributes(
                      kv(
                          "url.full",
                          "https://10.96.0.1:443/apis/example.com/v1/namespaces/ns-"
                              + (o % 7)
                              + "/widgets/widget-"
                              + o))
                  .build());
        }
      }
    }
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static ByteString ids(long... parts) {
    byte[] b = new byte[parts.length * 8];
    for (int i = 0; i < parts.length; i++) {
      for (int k = 0; k < 8; k++) {
        b[i * 8 + k] = (byte) (parts[i] >>> (56 - 8 * k));
      }
    }
    return ByteString.copyFrom(b);
  }

  @Test
  void oneResourceSpansLargerThanTheHeap_isDecodedIn24MB() throws Exception {
    long size = Files.size(message);
    assertTrue(size > 30_000_000L, "the message is larger than the heap: " + size);
    ChildJvm.Result r =
        ChildJvm.run(
            dir,
            "decode",
            ChildJvm.classCommand(
                List.of("-Xmx24m", "-XX:+ExitOnOutOfMemoryError"),
                CountSpans.class,
                message.toString()),
            Duration.ofMinutes(5));
    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("spans " + SPANS + " "), out);
    System.out.printf(
        Locale.ROOT,
        "large message: %.0f MB, one ResourceSpans, decoded with -Xmx24m: %s",
        size / 1e6,
        out);
  }

  @Test
  void oneResourceSpansLargerThanTheHeap_isAnalyzedWithEveryReport() throws Exception {
    Path out = dir.resolve("out");
    ChildJvm.Result r =
        ChildJvm.run(
            dir,
            "analyze",
            ChildJvm.jarCommand(
                List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"),
                message.toString(),
                "--out",
                out.toString(),
                "--quiet"),
            Duration.ofMinutes(5));
    assertEquals(0, r.exit(), r.err());
    try (var lines = Files.lines(out.resolve("reconciles.csv"))) {
      assertEquals(OBJECTS * ROUNDS, lines.count() - 1, "one row per reconcile");
    }
    assertTrue(Files.isRegularFile(out.resolve("summary.json")));
  }

  /**
   * Child JVM: decodes one protobuf file into a counting sink and prints {@code spans N peak-heap M
   * MB} (the peak of the heap pools after a last GC is not what is asked: the peak during).
   */
  public static final class CountSpans {
    private CountSpans() {}

    public static void main(String[] args) throws Exception {
      long[] n = {0};
      try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
        TraceFormat.OTLP_PROTO.newReader().read(in, args[0], s -> n[0]++);
      }
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(Locale.ROOT, "spans %d peak-heap %.1f MB%n", n[0], peak / 1e6);
    }
  }
}
