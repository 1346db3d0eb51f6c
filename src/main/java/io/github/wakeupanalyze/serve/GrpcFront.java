package io.github.wakeupanalyze.serve;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * OTLP/gRPC: {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}, and {@code
 * logs.v1.LogsService/Export} for the operators' own logs, on grpc-java's Netty transport. The
 * method is registered by hand with a marshaller that keeps the request as bytes, so the streaming
 * decoder reads it (as for OTLP/HTTP) instead of the generated parser building its message tree;
 * gzip comes with grpc-java.
 *
 * <p>Statuses: OK with {@code partial_success} when spans were dropped; INVALID_ARGUMENT for a
 * request that does not decode; RESOURCE_EXHAUSTED past the size limit (grpc-java's own check);
 * UNAVAILABLE with a {@code RetryInfo} when the analysis is behind (retryable in OTLP). Every
 * refusal is logged in one line by a stream tracer, which also sees grpc-java's own refusals.
 */
final class GrpcFront {
  static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

  /** The operators' own logs, as a Collector's {@code otlp} exporter sends them. */
  static final String LOGS_SERVICE = "opentelemetry.proto.collector.logs.v1.LogsService";

  /** The request as its bytes: decoded by {@link Receiver}, not by the generated parser. */
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  static final MethodDescriptor<byte[], ExportTraceServiceResponse> EXPORT =
      export(SERVICE, ExportTraceServiceResponse.getDefaultInstance());

  static final MethodDescriptor<byte[], ExportLogsServiceResponse> EXPORT_LOGS =
      export(LOGS_SERVICE, ExportLogsServiceResponse.getDefaultInstance());

  /** A service's unary {@code Export}: the request kept as bytes, the response a message. */
  private static <T extends com.google.protobuf.Message> MethodDescriptor<byte[], T> export(
      String service, T response) {
    return MethodDescriptor.<byte[], T>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }

  private final Server server;
  private final Receiver receiver;
  private final LiveMetrics metrics;

  GrpcFront(
      InetSocketAddress address,
      ExecutorService executor,
      Receiver receiver,
      LiveMetrics metrics,
      ServeLog log,
      int maxBytes) {
    this.receiver = receiver;
    this.metrics = metrics;
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(EXPORT, ServerCalls.asyncUnaryCall(this::export))
            .build();
    ServerServiceDefinition logs =
        ServerServiceDefinition.builder(LOGS_SERVICE)
            .addMethod(EXPORT_LOGS, ServerCalls.asyncUnaryCall(this::exportLogs))
            .build();
    this.server =
        NettyServerBuilder.forAddress(address)
            .addService(service)
            .addService(logs)
            .executor(executor)
            .maxInboundMessageSize(maxBytes)
            .addStreamTracerFactory(new RefusalLog(log, metrics))
            .build();
  }

  void start() throws IOException {
    server.start();
  }

  int port() {
    return server.getPort();
  }

  /** Stops accepting calls and waits up to {@code seconds} for the calls in flight. */
  void stop(int seconds) {
    server.shutdown();
    try {
      if (!server.awaitTermination(seconds, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }

  private void export(byte[] request, StreamObserver<ExportTraceServiceResponse> response) {
    long started = System.nanoTime();
    Receiver.Answer a =
        receiver.export(request, TraceFormat.OTLP_PROTO, Transport.GRPC, "grpc Export");
    answer(a, response, a::response);
    metrics.exportTime(Transport.GRPC, System.nanoTime() - started);
  }

  private void exportLogs(byte[] request, StreamObserver<ExportLogsServiceResponse> response) {
    long started = System.nanoTime();
    Receiver.Answer a =
        receiver.exportLog(request, false, Transport.GRPC_LOGS, "grpc LogsService/Export");
    answer(a, response, ExportLogsServiceResponse::getDefaultInstance);
    metrics.exportTime(Transport.GRPC_LOGS, System.nanoTime() - started);
  }

  private static <T> void answer(Receiver.Answer a, StreamObserver<T> response, Supplier<T> ok) {
    switch (a.kind()) {
      case OK -> {
        response.onNext(ok.get());
        response.onCompleted();
      }
      case BAD_PAYLOAD ->
          response.onError(
              Status.INVALID_ARGUMENT.withDescription(a.message()).asRuntimeException());
      case BUSY ->
          response.onError(
              StatusProto.toStatusRuntimeException(
                  com.google.rpc.Status.newBuilder()
                      .setCode(Code.UNAVAILABLE_VALUE)
                      .setMessage(a.message())
                      .addDetails(
                          Any.pack(
                              RetryInfo.newBuilder()
                                  .setRetryDelay(
                                      Duration.newBuilder()
                                          .setSeconds(HttpFront.RETRY_AFTER_SECONDS))
                                  .build()))
                      .build()));
    }
  }

  /** Logs and counts every call that did not end OK, grpc-java's own refusals included. */
  private static final class RefusalLog extends ServerStreamTracer.Factory {
    private final ServeLog log;
    private final LiveMetrics metrics;

    RefusalLog(ServeLog log, LiveMetrics metrics) {
      this.log = log;
      this.metrics = metrics;
    }

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
      return new ServerStreamTracer() {
        private volatile String peer = "?";

        @Override
        public void serverCallStarted(ServerCallInfo<?, ?> info) {
          SocketAddress a = info.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
          if (a instanceof InetSocketAddress i) {
            peer = i.getAddress().getHostAddress() + ":" + i.getPort();
          }
        }

        @Override
        public void streamClosed(Status status) {
          switch (status.getCode()) {
            case OK, CANCELLED -> {}
            case UNAVAILABLE -> log.busy("grpc", peer);
            case RESOURCE_EXHAUSTED -> {
              metrics.error(Transport.GRPC, "too_large");
              log.refused("grpc", status.getCode().name(), peer, describe(status));
            }
            case INVALID_ARGUMENT ->
                log.refused("grpc", status.getCode().name(), peer, describe(status));
            default -> {
              metrics.error(
                  Transport.GRPC, status.getCode().name().toLowerCase(java.util.Locale.ROOT));
              log.refused("grpc", status.getCode().name(), peer, describe(status));
            }
          }
        }
      };
    }

    private static String describe(Status s) {
      return s.getDescription() == null ? s.getCode().name() : s.getDescription();
    }
  }
}
