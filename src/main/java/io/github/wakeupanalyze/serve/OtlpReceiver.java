package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.ingest.OtlpProtoDecoder;
import io.github.wakeupanalyze.ingest.TraceFormat;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.live.LiveEngine;
import io.github.wakeupanalyze.model.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What both receivers do with one export request, whatever the transport: decode the whole body
 * with the streaming decoders (protobuf: {@link OtlpProtoDecoder}; JSON: the OTLP JSON reader),
 * drop the spans that ended before the window (a partial success), and queue the rest.
 *
 * <p>A request is taken whole or not at all: spans are decoded into a list first and queued only
 * when the body decoded to its end, so a 400 never leaves half a request behind, and a retried
 * request is not counted twice (a reconcile seen again is counted once by the window).
 */
final class OtlpReceiver {
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

  OtlpReceiver(Intake intake, LiveEngine engine, LiveMetrics metrics) {
    this.intake = intake;
    this.engine = engine;
    this.metrics = metrics;
  }

  /**
   * Decodes and queues one request body (already decompressed).
   *
   * @param source names the request in error messages, e.g. {@code POST /v1/traces}
   */
  Answer export(byte[] body, boolean json, Transport transport, String source) {
    List<Span> spans = new ArrayList<>();
    try {
      if (json) {
        TraceFormat.OTLP_JSON.newReader().read(new ByteArrayInputStream(body), source, spans::add);
      } else {
        OtlpProtoDecoder.decode(body, source, spans::add);
      }
    } catch (InputException e) {
      metrics.error(transport, "bad_payload");
      return new Answer(Kind.BAD_PAYLOAD, 0, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading memory cannot fail", e);
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
                "%d of %d spans ended before the analysis window and were dropped",
                rejected,
                spans.size()));
  }
}
