package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.ingest.core.TraceReader;
import io.github.wakeupanalyze.ingest.log.LogReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The trace formats the tool reads. {@code --format NAME} uses {@link #cliName()}; how each is
 * recognized is written once, in {@link FormatSniffer}.
 */
public enum TraceFormat {
  /**
   * OTLP JSON: {@code TracesData} / {@code ExportTraceServiceRequest}, one document or JSON Lines,
   * with the Jaeger api_v3 and Tempo wrappers.
   */
  OTLP_JSON("otlp-json"),
  /**
   * OTLP protobuf: one {@code TracesData} / {@code ExportTraceServiceRequest} message, or the
   * Collector file exporter's {@code format: proto} (4-byte big-endian length before each message).
   */
  OTLP_PROTO("otlp-proto"),
  /**
   * Jaeger JSON: query API / UI download, a single trace, a span array, or api_v2 protobuf-JSON.
   */
  JAEGER_JSON("jaeger-json"),
  /** Zipkin v2 JSON: a span array, a list of traces, or a single span. */
  ZIPKIN_JSON("zipkin-json"),
  /** One reconcile per line: a start timestamp, optionally an end; optional header. */
  CSV("csv"),
  /**
   * An operator's log: zap, klog, tracing, logback/log4j, logfmt or JSON lines, with or without
   * {@code kubectl logs --timestamps/--prefix} ({@link io.github.wakeupanalyze.ingest.log}).
   */
  LOG("log"),
  /**
   * A Kubernetes API server audit log ({@code audit.k8s.io} events, JSON lines or {@code
   * EventList}s): not a trace but the writes of every client, read as evidence beside one ({@link
   * AuditLogReader}).
   */
  K8S_AUDIT("k8s-audit");

  private final String cliName;

  TraceFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name used by {@code --format} and in {@code summary.json}, e.g. {@code otlp-proto}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The format named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static TraceFormat fromCliName(String name) {
    for (TraceFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format \"" + name + "\": expected auto, " + names());
  }

  /** The accepted names, comma separated, e.g. for {@code --help}. */
  public static String names() {
    StringJoiner j = new StringJoiner(", ");
    for (TraceFormat f : values()) {
      j.add(f.cliName);
    }
    return j.toString();
  }

  /**
   * Reads one message held in memory (an export request, a Kafka record), default options: OTLP
   * protobuf straight from the bytes ({@link OtlpProtoDecoder}), the others with their reader.
   *
   * @param source names the message in error messages
   * @throws InputException when the bytes are not this format
   */
  public void readBytes(byte[] message, String source, SpanSink sink) throws InputException {
    if (this == OTLP_PROTO) {
      OtlpProtoDecoder.decode(message, source, sink);
      return;
    }
    try {
      newReader().read(new ByteArrayInputStream(message), source, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("reading memory cannot fail", e);
    }
  }

  /** A fresh reader for this format with default options. */
  public TraceReader newReader() {
    return newReader(ReadOptions.AUTO);
  }

  /**
   * A fresh reader for this format; CSV and logs use the options (the operator name, and for logs
   * {@code --log-match}).
   */
  public TraceReader newReader(ReadOptions options) {
    return switch (this) {
      case OTLP_JSON -> new OtlpJsonReader();
      case OTLP_PROTO -> new OtlpProtoReader();
      case JAEGER_JSON -> new JaegerJsonReader();
      case ZIPKIN_JSON -> new ZipkinJsonReader();
      case CSV -> new CsvTraceReader(options.operator());
      case LOG -> new LogReader(options.operator(), options.logMatch());
      case K8S_AUDIT -> new AuditLogReader();
    };
  }
}
