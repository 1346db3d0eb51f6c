package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.live.LiveSettings;
import java.nio.file.Path;

/**
 * How {@code serve} listens and how much it takes in.
 *
 * @param bind the address both receivers listen on, e.g. {@code 127.0.0.1} (no authentication: keep
 *     it local unless something in front of it guards it)
 * @param httpPort OTLP/HTTP, the audit webhook, API, metrics and page, e.g. 4318; 0 picks a free
 *     port
 * @param grpcPort OTLP/gRPC, e.g. 4317; 0 picks a free port, -1 turns gRPC off
 * @param maxRequestBytes largest export request, after decompression, e.g. 16 MiB (413 /
 *     RESOURCE_EXHAUSTED past it)
 * @param maxQueuedSpans spans queued for extraction before requests are refused with a retry
 * @param out where the final report is written on shutdown, or null for none
 * @param minPassNanos least wall time between two analysis passes
 * @param idleFlushNanos wall time without spans after which held traces are extracted
 * @param live the online engine's settings
 */
public record ServeSettings(
    String bind,
    int httpPort,
    int grpcPort,
    int maxRequestBytes,
    long maxQueuedSpans,
    Path out,
    long minPassNanos,
    long idleFlushNanos,
    LiveSettings live) {
  /** 16 MiB: four times the Collector's default 4 MiB gRPC limit, ample for an SDK batch. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 << 20;

  /** Spans queued before backpressure: about 200 SDK batches. */
  public static final long DEFAULT_MAX_QUEUED_SPANS = 100_000;

  public static final long DEFAULT_MIN_PASS_NANOS = 1_000_000_000L;

  public static final long DEFAULT_IDLE_FLUSH_NANOS = 10_000_000_000L;
}
