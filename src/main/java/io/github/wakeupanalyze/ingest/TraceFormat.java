package io.github.wakeupanalyze.ingest;

import java.util.Locale;

/** The trace formats the tool reads. {@code --format NAME} uses {@link #cliName()}. */
public enum TraceFormat {
  /** OTLP JSON ({@code TracesData} / {@code ExportTraceServiceRequest}), one document or JSON Lines. */
  OTLP_JSON("otlp-json");

  private final String cliName;

  TraceFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static TraceFormat fromCliName(String name) {
    for (TraceFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format \"" + name + "\"");
  }

  /** A fresh reader for this format. */
  public TraceReader newReader() {
    return switch (this) {
      case OTLP_JSON -> new OtlpJsonReader();
    };
  }
}
