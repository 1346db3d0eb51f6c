package io.github.wakeupanalyze.ingest;

import java.util.List;

/**
 * What reading one input gave.
 *
 * @param path the input as the user named it ({@code -} for standard input)
 * @param format the format read, or null if none was recognized
 * @param spans spans delivered to the sink (duplicates included)
 * @param warnings non-fatal findings
 * @param error the one-line error that stopped reading, or null
 */
public record InputReport(
    String path, TraceFormat format, long spans, List<String> warnings, String error) {
  public InputReport {
    warnings = List.copyOf(warnings);
  }

  public boolean failed() {
    return error != null;
  }
}
