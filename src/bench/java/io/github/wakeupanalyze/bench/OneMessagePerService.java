package io.github.wakeupanalyze.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.ingest.ReadOptions;
import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-exports a trace (any format the tool reads) as one OTLP protobuf {@code TracesData} message
 * with one {@code ResourceSpans} per service and one {@code ScopeSpans} per scope inside it, as a
 * backend exporting per service writes it: the input of the single-message runs of {@code
 * scripts/bench} (a 2-million-span cluster trace becomes 10 ResourceSpans of about 220,000 spans).
 *
 * <p>Streams in two passes, so it needs little memory itself: each span is encoded into a temporary
 * file of its service and scope, then the message is written with the lengths now known.
 *
 * <pre>
 * java -cp target/bench/benchmarks.jar io.github.wakeupanalyze.bench.OneMessagePerService IN OUT
 * </pre>
 */
public final class OneMessagePerService {
  private OneMessagePerService() {}

  /** The spans of one service and scope, encoded as ScopeSpans field 2, in a temporary file. */
  private static final class Part {
    final Path file;
    final OutputStream stream;
    final CodedOutputStream out;
    long bytes;
    long spans;

    Part(Path dir, int n) throws IOException {
      file = dir.resolve("part-" + n);
      stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      out = CodedOutputStream.newInstance(stream, 1 << 16);
    }
  }

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path outFile = Path.of(args[1]);
    Path tmp = Files.createTempDirectory(outFile.toAbsolutePath().getParent(), ".split-");
    Map<String, Map<String, Part>> parts = new TreeMap<>();
    int[] count = {0};
    List<InputReport> reports =
        TraceInputs.readAll(
            List.of(in.toString()),
            ReadOptions.AUTO,
            InputStream.nullInputStream(),
            new TraceInputs.SourceAwareSink() {
              @Override
              public void startSource(int index, String path) {}

              @Override
              public void accept(Span s) {
                try {
                  Part p =
                      parts
                          .computeIfAbsent(s.service(), k -> new TreeMap<>())
                          .computeIfAbsent(s.scope(), k -> newPart(tmp, count[0]++));
                  io.opentelemetry.proto.trace.v1.Span proto = toProto(s);
                  p.out.writeMessage(2, proto);
                  p.bytes += CodedOutputStream.computeMessageSize(2, proto);
                  p.spans++;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            });
    if (reports.get(0).failed()) {
      throw new IllegalStateException(reports.get(0).error());
    }
    long spans = 0;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(outFile), 1 << 16)) {
      CodedOutputStream out = CodedOutputStream.newInstance(file, 1 << 16);
      for (var service : parts.entrySet()) {
        Resource resource =
            Resource.newBuilder().addAttributes(kv("service.name", service.getKey())).build();
        long rsBytes = CodedOutputStream.computeMessageSize(1, resource);
        for (var scope : service.getValue().entrySet()) {
          scope.getValue().out.flush();
          scope.getValue().stream.close();
          long ss = scopeSpansBytes(scope.getKey(), scope.getValue());
          rsBytes += CodedOutputStream.computeTagSize(2) + sizeOf(ss) + ss;
        }
        out.writeTag(1, 2);
        out.writeUInt64NoTag(rsBytes);
        out.writeMessage(1, resource);
        for (var scope : service.getValue().entrySet()) {
          Part p = scope.getValue();
          out.writeTag(2, 2);
          out.writeUInt64NoTag(scopeSpansBytes(scope.getKey(), p));
          out.writeMessage(1, InstrumentationScope.newBuilder().setName(scope.getKey()).build());
          out.flush();
          Files.copy(p.file, file);
          Files.delete(p.file);
          spans += p.spans;
        }
      }
      out.flush();
    }
    Files.delete(tmp);
    System.out.printf(
        "%s: %d spans in %d ResourceSpans, %.0f MB%n",
        outFile, spans, parts.size(), Files.size(outFile) / 1e6);
  }

  private static Part newPart(Path dir, int n) {
    try {
      return new Part(dir, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long scopeSpansBytes(String scope, Part p) {
    return CodedOutputStream.computeMessageSize(
            1, InstrumentationScope.newBuilder().setName(scope).build())
        + p.bytes;
  }

  private static int sizeOf(long length) {
    return CodedOutputStream.computeUInt64SizeNoTag(length);
  }

  static io.opentelemetry.proto.trace.v1.Span toProto(Span s) {
    io.opentelemetry.proto.trace.v1.Span.Builder b =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(id(s.traceIdHigh(), s.traceIdLow()))
            .setSpanId(id(s.spanId()))
            .setName(s.name())
            .setKindValue(s.kind())
            .setStartTimeUnixNano(s.startNanos())
            .setEndTimeUnixNano(s.endNanos())
            .setTraceState(s.traceState());
    if (s.hasParent()) {
      b.setParentSpanId(id(s.parentSpanId()));
    }
    for (var a : new TreeMap<>(s.attributes()).entrySet()) {
      b.addAttributes(kv(a.getKey(), a.getValue()));
    }
    for (SpanLink l : s.links()) {
      b.addLinks(
          io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
              .setTraceId(id(l.traceIdHigh(), l.traceIdLow()))
              .setSpanId(id(l.spanId())));
    }
    if (s.error()) {
      b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    return b.build();
  }

  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static ByteString id(long... halves) {
    byte[] b = new byte[halves.length * 8];
    for (int i = 0; i < halves.length; i++) {
      for (int k = 0; k < 8; k++) {
        b[i * 8 + k] = (byte) (halves[i] >>> (56 - 8 * k));
      }
    }
    return ByteString.copyFrom(b);
  }
}
