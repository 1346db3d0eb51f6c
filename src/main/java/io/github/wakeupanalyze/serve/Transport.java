package io.github.wakeupanalyze.serve;

import java.util.Locale;

/**
 * How spans (or log lines) reached the server; the {@code transport} label of the receiver metrics.
 */
enum Transport {
  /** OTLP/HTTP, {@code POST /v1/traces}. */
  HTTP,
  /** OTLP/gRPC, {@code TraceService/Export}. */
  GRPC,
  /** The API server's audit webhook, {@code POST /v1/audit}: one span per audited write. */
  AUDIT,
  /** The operators' logs over OTLP/HTTP, {@code POST /v1/logs}: counted by log record line. */
  LOGS,
  /** The operators' logs over OTLP/gRPC, {@code LogsService/Export}. */
  GRPC_LOGS;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
