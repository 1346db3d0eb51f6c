package io.github.wakeupanalyze.ingest;

import java.util.regex.Pattern;

/**
 * How inputs are read, as the command line sets it: one object the CLI passes to {@link
 * TraceInputs#readAll(java.util.List, ReadOptions, java.io.InputStream,
 * TraceInputs.SourceAwareSink)}.
 *
 * @param format the format every input is read as ({@code --format NAME}), or null to sniff each
 *     input ({@code --format auto}, the default)
 * @param operator the operator name for timestamp CSV and log inputs ({@code --operator NAME}), or
 *     null for the file name without its extensions (e.g. {@code psmdb} for {@code psmdb.csv.gz}; a
 *     log line's {@code kubectl --prefix} pod comes first)
 * @param logMatch {@code --log-match REGEX}: in logs, a line whose message contains a match is a
 *     reconcile where no framework line says so; null for none
 */
public record ReadOptions(TraceFormat format, String operator, Pattern logMatch) {

  /** Sniff every input; CSV and log operators named after their files. */
  public static final ReadOptions AUTO = new ReadOptions(null, null, null);

  public ReadOptions {
    if (operator != null && operator.isBlank()) {
      operator = null;
    }
  }

  /** Options without {@code --log-match}. */
  public ReadOptions(TraceFormat format, String operator) {
    this(format, operator, null);
  }

  /**
   * Parses a {@code --format} value: {@code auto} (or null) means sniffing.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static TraceFormat parseFormat(String name) {
    if (name == null || name.equalsIgnoreCase("auto")) {
      return null;
    }
    return TraceFormat.fromCliName(name);
  }
}
