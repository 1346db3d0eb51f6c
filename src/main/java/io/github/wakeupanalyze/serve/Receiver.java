package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.OtlpLogRequest;
import io.github.wakeupanalyze.live.LiveEngine;
import io.github.wakeupanalyze.model.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every receiver does with one request, whatever the transport: decode the whole body with the
 * streaming decoders {@code analyze} uses ({@link TraceFormat#readBytes}), drop the spans that
 * ended before the window (a partial success), and queue the rest. The API server's audit webhook
 * ({@code POST /v1/audit}) comes in here too: each audited write is a span of {@code
 * kube-apiserver}, exactly as {@code analyze} reads an audit log beside a trace.
 *
 * <p>A request is taken whole or not at all: spans are decoded into a list first and queued only
 * when the body decoded to its end, so a 400 never leaves half a request behind, and a retried
 * request is not counted twice (a reconcile seen again is counted once by the window).
 */
final class Receiver {
  /** What happened to one request. */
  enum Kind {
    /** Queued; {@code rejected} spans (ended before the window) were left out. */
    OK,
    /** The body is not a valid export request: do not retry. */
    BAD_PAYLOAD,
    /** The queue is full or the server is stopping: retry later. */
    BUSY
  }

  /**
   * @param rejected spans left out of an accepted request
   * @param message one line: the decoding error, or what the rejected spans were
   */
  record Answer(Kind kind, long rejected, String message) {
    /** The OTLP response of an accepted request: partial success when spans were rejected. */
    ExportTraceServiceResponse response() {
      ExportTraceServiceResponse.Builder r = ExportTraceServiceResponse.newBuilder();
      if (rejected > 0) {
        r.setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(rejected)
                .setErrorMessage(message));
      }
      return r.build();
    }
  }

  private final Intake intake;
  private final LiveEngine engine;
  private final LiveMetrics metrics;

  Receiver(Intake intake, LiveEngine engine, LiveMetrics metrics) {
    this.intake = intake;
    this.engine = engine;
    this.metrics = metrics;
  }

  /**
   * Decodes and queues one request body (already decompressed).
   *
   * @param format what the body holds: OTLP protobuf or JSON, or Kubernetes audit events (whose
   *     writes become spans)
   * @param source names the request in error messages, e.g. {@code POST /v1/traces}
   */
  /**
   * Decodes and queues one OTLP logs export request (already decompressed): the operators' own
   * logs, which record every reconcile beside a sampled trace. Nothing is dropped by the window
   * here; the reconciles the lines make are placed by the window as the trace's are.
   *
   * @param json the body is OTLP JSON (else protobuf)
   * @param source names the request in error messages, e.g. {@code POST /v1/logs}
   */
  Answer exportLog(byte[] body, boolean json, Transport transport, String source) {
    List<String> lines;
    try {
      lines = OtlpLogRequest.lines(body, json, source);
    } catch (InputException e) {
      metrics.error(transport, "bad_payload");
      return new Answer(Kind.BAD_PAYLOAD, 0, e.getMessage());
    }
    if (!lines.isEmpty() && !intake.offerLog(lines)) {
      metrics.error(transport, "busy");
      return new Answer(Kind.BUSY, 0, "the analysis is behind: retry later");
    }
    metrics.receivedLog(transport, lines.size());
    return new Answer(Kind.OK, 0, "");
  }

  Answer export(byte[] body, TraceFormat format, Transport transport, String source) {
    List<Span> spans = new ArrayList<>();
    try {
      format.readBytes(body, source, spans::add);
    } catch (InputException e) {
      metrics.error(transport, "bad_payload");
      return new Answer(Kind.BAD_PAYLOAD, 0, e.getMessage());
    }
    long oldest = engine.oldestKeptNanos();
    List<Span> kept = spans;
    if (oldest != Long.MIN_VALUE) {
      kept = new ArrayList<>(spans.size());
      for (Span s : spans) {
        if (s.endNanos() >= oldest) {
          kept.add(s);
        }
      }
    }
    long rejected = spans.size() - kept.size();
    if (!kept.isEmpty() && !intake.offer(kept)) {
      metrics.error(transport, "busy");
      metrics.dropped("backpressure", spans.size());
      return new Answer(Kind.BUSY, 0, "the analysis is behind: retry later");
    }
    metrics.received(transport, kept.size());
    metrics.dropped("before_window", rejected);
    return new Answer(
        Kind.OK,
        rejected,
        rejected == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "%d of %d %s ended before the analysis window and were dropped",
                rejected,
                spans.size(),
                format == TraceFormat.K8S_AUDIT ? "audited writes" : "spans"));
  }
}
