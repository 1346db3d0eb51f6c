package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.live.LiveEngine;
import io.github.wakeupanalyze.live.LiveSettings;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken export requests: each gets the status the OTLP specification names, one log
 * line, and the server goes on taking good requests.
 */
class BadPayloadTest {
  static final int LIMIT = 64 * 1024;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server =
        new TestServer(
            LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS),
            LIMIT,
            ServeSettings.DEFAULT_MAX_QUEUED_SPANS,
            null);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  /** A valid request with {@code n} spans of one trace, the first a reconcile root. */
  static byte[] request(int n) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    byte[] trace = new byte[16];
    Arrays.fill(trace, (byte) 7);
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[8];
      id[7] = (byte) (i + 1);
      scope.addSpans(
          io.opentelemetry.proto.trace.v1.Span.newBuilder()
              .setTraceId(ByteString.copyFrom(trace))
              .setSpanId(ByteString.copyFrom(id))
              .setName(i == 0 ? "Reconcile" : "GET")
              .setStartTimeUnixNano(1_767_225_600_000_000_000L + i)
              .setEndTimeUnixNano(1_767_225_600_100_000_000L));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("op"))))
                .addScopeSpans(scope))
        .build()
        .toByteArray();
  }

  /**
   * Sends a bad request; checks its status, that it added one log line, and that good ones pass.
   */
  private static HttpResponse<byte[]> refused(
      int status, String contentType, byte[] body, String... headers) throws Exception {
    int before = server.log.size();
    HttpResponse<byte[]> r = server.post("/v1/traces", contentType, body, headers);
    assertEquals(status, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(before + 1, server.log.size(), "one log line: " + server.log);
    String line = server.log.get(before);
    assertTrue(line.startsWith("serve: http " + status + " from 127.0.0.1:"), line);
    assertFalse(line.contains("\n"), line);
    HttpResponse<byte[]> ok = server.post("/v1/traces", HttpFront.PROTOBUF, request(2));
    assertEquals(200, ok.statusCode(), "the server keeps serving");
    return r;
  }

  @Test
  void truncatedProtobuf_is400WithAGoogleRpcStatus() throws Exception {
    byte[] good = request(3);
    HttpResponse<byte[]> r = refused(400, HttpFront.PROTOBUF, Arrays.copyOf(good, good.length - 5));
    Status s = Status.parseFrom(r.body());
    assertEquals(com.google.rpc.Code.INVALID_ARGUMENT_VALUE, s.getCode());
    assertTrue(s.getMessage().contains("POST /v1/traces"), s.getMessage());
  }

  @Test
  void invalidJson_is400WithAJsonStatus() throws Exception {
    HttpResponse<byte[]> r =
        refused(400, HttpFront.JSON, "{\"resourceSpans\": [{".getBytes(StandardCharsets.UTF_8));
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertTrue(body.startsWith("{\"code\":3,\"message\":\""), body);
  }

  @Test
  void wrongContentType_is415() throws Exception {
    refused(415, "text/plain", request(1));
  }

  @Test
  void missingContentType_is415() throws Exception {
    refused(415, null, request(1));
  }

  @Test
  void unknownContentEncoding_is415() throws Exception {
    refused(415, HttpFront.PROTOBUF, request(1), "Content-Encoding", "br");
  }

  @Test
  void bodyOverTheLimit_is413() throws Exception {
    refused(413, HttpFront.PROTOBUF, new byte[LIMIT + 1]);
  }

  @Test
  void gzipExpandingPastTheLimit_is413() throws Exception {
    byte[] bomb = gzip(new byte[LIMIT * 16]);
    assertTrue(bomb.length < LIMIT);
    refused(413, HttpFront.PROTOBUF, bomb, "Content-Encoding", "gzip");
  }

  @Test
  void brokenGzip_is400() throws Exception {
    refused(
        400, HttpFront.PROTOBUF, new byte[] {31, -117, 8, 0, 1, 2, 3}, "Content-Encoding", "gzip");
  }

  @Test
  void getOnTraces_is405() throws Exception {
    HttpResponse<String> r = server.get("/v1/traces");
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void gzippedProtobufAndEmptyJson_areAccepted() throws Exception {
    HttpResponse<byte[]> gz =
        server.post("/v1/traces", HttpFront.PROTOBUF, gzip(request(4)), "Content-Encoding", "gzip");
    assertEquals(200, gz.statusCode());
    assertFalse(ExportTraceServiceResponse.parseFrom(gz.body()).hasPartialSuccess());
    HttpResponse<byte[]> json =
        server.post(
            "/v1/traces",
            HttpFront.JSON + "; charset=utf-8",
            "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8));
    assertEquals(200, json.statusCode());
    assertEquals("{}", new String(json.body(), StandardCharsets.UTF_8));
  }

  @Test
  void grpcGarbage_isInvalidArgument_andTooLarge_isResourceExhausted() throws Exception {
    ManagedChannel ch =
        NettyChannelBuilder.forAddress("127.0.0.1", server.server.grpcPort())
            .usePlaintext()
            .build();
    try {
      int before = server.log.size();
      StatusRuntimeException bad =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ClientCalls.blockingUnaryCall(
                      ch,
                      GrpcFront.EXPORT,
                      CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                      new byte[] {10, 100, 1}));
      assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
      StatusRuntimeException big =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ClientCalls.blockingUnaryCall(
                      ch,
                      GrpcFront.EXPORT,
                      CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                      new byte[LIMIT + 1]));
      assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, big.getStatus().getCode());
      ExportTraceServiceResponse ok =
          ClientCalls.blockingUnaryCall(
              ch,
              GrpcFront.EXPORT,
              CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
              request(2));
      assertFalse(ok.hasPartialSuccess());
      assertEquals(before + 2, server.log.size(), "one line each: " + server.log);
      assertTrue(server.log.get(before).startsWith("serve: grpc INVALID_ARGUMENT from "));
      assertTrue(server.log.get(before + 1).startsWith("serve: grpc RESOURCE_EXHAUSTED from "));
    } finally {
      ch.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void fullQueue_answersBusy_andTakesTheRequestWholeOrNotAtAll() {
    LiveEngine engine = new LiveEngine(LiveSettings.defaults(LiveSettings.DEFAULT_WINDOW_NANOS));
    LiveMetrics metrics = new LiveMetrics(engine::view, () -> 0L, () -> 0L);
    // never started: nothing drains the queue
    Intake intake = new Intake(engine, 5, Long.MAX_VALUE, 0, () -> 0L, (v, f, l, p) -> {});
    Receiver receiver = new Receiver(intake, engine, metrics);
    assertEquals(
        Receiver.Kind.OK,
        receiver.export(request(4), TraceFormat.OTLP_PROTO, Transport.HTTP, "t").kind());
    Receiver.Answer busy = receiver.export(request(2), TraceFormat.OTLP_PROTO, Transport.HTTP, "t");
    assertEquals(Receiver.Kind.BUSY, busy.kind());
    assertEquals(4, intake.queuedSpans());
    assertEquals(
        Receiver.Kind.BAD_PAYLOAD,
        receiver.export(new byte[] {10, 100}, TraceFormat.OTLP_PROTO, Transport.HTTP, "t").kind());
    assertEquals(4, intake.queuedSpans());
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }
}
