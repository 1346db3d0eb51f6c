package io.github.wakeupanalyze.ingest.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads one trace export and streams its spans into a sink. A reader never holds the whole file:
 * memory stays bounded by one record (one ResourceSpans, one Jaeger trace, one line).
 */
public interface TraceReader {

  /**
   * Reads the input to its end.
   *
   * @param in the (already decompressed) bytes; the reader does not close it
   * @param file the name used in error messages
   * @param sink receives every span in file order
   * @throws InputException when the input is not what this format expects; spans delivered before
   *     the error stay delivered
   */
  void read(InputStream in, String file, SpanSink sink) throws IOException, InputException;

  /**
   * Non-fatal findings of the last {@link #read}, one line each naming the file and, where known,
   * the line: e.g. {@code x.csv:1001: left out: the input ends inside this line ...}.
   */
  default List<String> warnings() {
    return List.of();
  }
}
