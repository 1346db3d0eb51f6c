package io.github.wakeupanalyze.ingest;

/**
 * How inputs are read, as the command line sets it: one object the CLI passes to {@link
 * TraceInputs#readAll(java.util.List, ReadOptions, java.io.InputStream,
 * TraceInputs.SourceAwareSink)}.
 *
 * @param format the format every input is read as ({@code --format NAME}), or null to sniff each
 *     input ({@code --format auto}, the default)
 * @param operator the operator name for timestamp CSV inputs ({@code --operator NAME}), or null for
 *     the file name without its extensions (e.g. {@code psmdb} for {@code psmdb.csv.gz})
 */
public record ReadOptions(TraceFormat format, String operator) {

  /** Sniff every input; CSV operators named after their files. */
  public static final ReadOptions AUTO = new ReadOptions(null, null);

  public ReadOptions {
    if (operator != null && operator.isBlank()) {
      operator = null;
    }
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
