package io.github.wakeupanalyze.serve;

import java.util.Locale;

/** How spans reached the server; the {@code transport} label of the receiver metrics. */
enum Transport {
  /** OTLP/HTTP, {@code POST /v1/traces}. */
  HTTP,
  /** OTLP/gRPC, {@code TraceService/Export}. */
  GRPC,
  /** The API server's audit webhook, {@code POST /v1/audit}: one span per audited write. */
  AUDIT;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
