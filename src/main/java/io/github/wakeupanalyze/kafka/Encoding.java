package io.github.wakeupanalyze.kafka;

import io.github.wakeupanalyze.ingest.TraceFormat;

/**
 * How the Collector's Kafka exporter encodes a record: one {@code ExportTraceServiceRequest} per
 * record, as protobuf ({@code otlp_proto}, the exporter's default) or as OTLP JSON ({@code
 * otlp_json}). Both are read by ingest's decoders.
 */
public enum Encoding {
  OTLP_PROTO("otlp_proto", TraceFormat.OTLP_PROTO),
  OTLP_JSON("otlp_json", TraceFormat.OTLP_JSON);

  private final String collectorName;
  private final TraceFormat format;

  Encoding(String collectorName, TraceFormat format) {
    this.collectorName = collectorName;
    this.format = format;
  }

  /** The exporter's {@code encoding} value, e.g. {@code otlp_proto}. */
  public String collectorName() {
    return collectorName;
  }

  TraceFormat format() {
    return format;
  }

  /** The encoding named {@code name} as the exporter spells it; null when none is. */
  public static Encoding fromCollectorName(String name) {
    for (Encoding e : values()) {
      if (e.collectorName.equals(name)) {
        return e;
      }
    }
    return null;
  }
}
