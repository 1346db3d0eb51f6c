package io.github.wakeupanalyze.simulate.write;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** The trace formats {@code simulate} writes; {@code --format NAME} uses {@link #cliName()}. */
public enum OutputFormat {
  OTLP_JSON("otlp-json", ".otlp.json", 1),
  OTLP_JSONL("otlp-jsonl", ".otlp.jsonl", 1),
  OTLP_PROTO("otlp-proto", ".otlp.pb", 1),
  OTLP_PROTO_DELIMITED("otlp-proto-delimited", ".otlp-delimited.pb", 1),
  JAEGER_JSON("jaeger-json", ".jaeger.json", 1000),
  ZIPKIN_JSON("zipkin-json", ".zipkin.json", 1000),
  CSV("csv", ".csv", 1),
  // operator logs, one framework's lines in one of its formats (docs/logs.md)
  LOG_ZAP_JSON("log-zap-json", ".zap.log", LogFormat.ZAP_JSON),
  LOG_ZAP_CONSOLE("log-zap-console", ".zap-console.log", LogFormat.ZAP_CONSOLE),
  LOG_KLOG("log-klog", ".klog.log", LogFormat.KLOG),
  LOG_KUBE_RS("log-kube-rs", ".kube-rs.log", LogFormat.KUBE_RS_FULL),
  LOG_KUBE_RS_COMPACT("log-kube-rs-compact", ".kube-rs-compact.log", LogFormat.KUBE_RS_COMPACT),
  LOG_KUBE_RS_JSON("log-kube-rs-json", ".kube-rs.jsonl", LogFormat.KUBE_RS_JSON),
  LOG_JOSDK("log-josdk", ".josdk.log", LogFormat.JOSDK),
  LOG_JOSDK_LOGBACK("log-josdk-logback", ".josdk-logback.log", LogFormat.JOSDK_LOGBACK),
  LOG_JOSDK_JSON("log-josdk-json", ".josdk.jsonl", LogFormat.JOSDK_JSON);

  private final String cliName;
  private final String extension;
  private final long resolutionNanos;
  private final LogFormat log;

  OutputFormat(String cliName, String extension, long resolutionNanos) {
    this.cliName = cliName;
    this.extension = extension;
    this.resolutionNanos = resolutionNanos;
    this.log = null;
  }

  OutputFormat(String cliName, String extension, LogFormat log) {
    this.cliName = cliName;
    this.extension = extension;
    this.resolutionNanos = log.resolutionNanos();
    this.log = log;
  }

  /** The log format of a {@code log-…} format; null for a trace. */
  public LogFormat logFormat() {
    return log;
  }

  /** True for an operator's log ({@code log-…}), false for a trace. */
  public boolean isLog() {
    return log != null;
  }

  public String cliName() {
    return cliName;
  }

  /** File name suffix, e.g. {@code .otlp.json}. */
  public String extension() {
    return extension;
  }

  /**
   * Time resolution of the format in nanoseconds: 1, 1000 for microsecond formats, 1000000 for logs
   * with milliseconds.
   */
  public long resolutionNanos() {
    return resolutionNanos;
  }

  public static OutputFormat fromCliName(String name) {
    for (OutputFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format \""
            + name
            + "\"; expected one of "
            + java.util.Arrays.stream(values()).map(OutputFormat::cliName).toList());
  }

  /** A writer of this format onto {@code out} (not closed by the writer). */
  public TraceWriter open(OutputStream out) throws IOException {
    return open(out, 0);
  }

  /**
   * A writer of this format onto {@code out} (not closed by the writer).
   *
   * @param batchSpans spans per export batch of the OTLP formats (one ResourceSpans per service per
   *     batch), e.g. 200000; 0 for the default (512 in a document, 32 per JSON line, 128 per
   *     delimited message)
   */
  public TraceWriter open(OutputStream out, int batchSpans) throws IOException {
    return switch (this) {
      case OTLP_JSON -> new OtlpJsonWriter(out, false, batch(batchSpans, 512));
      case OTLP_JSONL -> new OtlpJsonWriter(out, true, batch(batchSpans, 32));
      case OTLP_PROTO -> new OtlpProtoWriter(out, false, batch(batchSpans, 512));
      case OTLP_PROTO_DELIMITED -> new OtlpProtoWriter(out, true, batch(batchSpans, 128));
      case JAEGER_JSON -> new JaegerJsonWriter(out);
      case ZIPKIN_JSON -> new ZipkinJsonWriter(out);
      case CSV -> new TimestampCsvWriter(out);
      default -> log.open(out);
    };
  }

  private static int batch(int requested, int dflt) {
    return requested > 0 ? requested : dflt;
  }
}
