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
 * @param skipped why a file found in a folder was passed over without reading (its content is not a
 *     format the tool reads, e.g. {@code not a trace this tool reads: found "# Exports"}), or null
 *     when it was read
 */
public record InputReport(
    String path,
    TraceFormat format,
    long spans,
    List<String> warnings,
    String error,
    String skipped) {
  public InputReport {
    warnings = List.copyOf(warnings);
  }

  /** A file that was read, completely or up to an error. */
  public InputReport(
      String path, TraceFormat format, long spans, List<String> warnings, String error) {
    this(path, format, spans, warnings, error, null);
  }

  /** A file in a folder that was passed over: {@code why} is one line, without the path. */
  public static InputReport skippedFile(String path, String why) {
    return new InputReport(path, null, 0, List.of(), null, why);
  }

  /** True when the file was passed over without reading ({@link #skipped} says why). */
  public boolean wasSkipped() {
    return skipped != null;
  }

  public boolean failed() {
    return error != null;
  }
}
