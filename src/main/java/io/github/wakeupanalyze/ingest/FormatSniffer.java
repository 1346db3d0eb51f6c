package io.github.wakeupanalyze.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells the format of an input from its first bytes, never from its name.
 *
 * <p>The rules, applied in order (the README's formats table repeats them):
 *
 * <ol>
 *   <li>Compression first: {@code 1f 8b} is gzip; the input is decompressed and sniffed again
 *       ({@link Decompression}).
 *   <li>Skip a UTF-8 byte-order mark and whitespace. A first byte {@code {} or {@code [} means JSON:
 *       a prefix containing the key {@code "resourceSpans"}, {@code "resource_spans"}, {@code
 *       "scopeSpans"}, {@code "instrumentationLibrarySpans"} or {@code "batches"} is OTLP JSON.
 *   <li>Anything else is not a trace this version reads.
 * </ol>
 */
public final class FormatSniffer {
  /** How many bytes the sniffer may look at. */
  static final int PREFIX = 64 * 1024;

  private FormatSniffer() {}

  /**
   * Looks at the first bytes of {@code in} without consuming them.
   *
   * @param in a stream that supports mark/reset
   * @return the format, or empty when no rule matches
   */
  public static Optional<TraceFormat> sniff(BufferedInputStream in) throws IOException {
    in.mark(PREFIX);
    byte[] buf = in.readNBytes(PREFIX);
    in.reset();
    int i = 0;
    if (buf.length >= 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb
        && (buf[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < buf.length && Character.isWhitespace(buf[i])) {
      i++;
    }
    if (i == buf.length) {
      return Optional.empty();
    }
    if (buf[i] == '{' || buf[i] == '[') {
      String text = new String(buf, i, buf.length - i, StandardCharsets.UTF_8);
      if (text.contains("\"resourceSpans\"") || text.contains("\"resource_spans\"")
          || text.contains("\"scopeSpans\"") || text.contains("\"scope_spans\"")
          || text.contains("\"instrumentationLibrarySpans\"") || text.contains("\"batches\"")) {
        return Optional.of(TraceFormat.OTLP_JSON);
      }
    }
    return Optional.empty();
  }

  /** A one-line description of what the input looks like, for the error when nothing matched. */
  static String describePrefix(BufferedInputStream in) throws IOException {
    in.mark(64);
    byte[] b = in.readNBytes(16);
    in.reset();
    if (b.length == 0) {
      return "the input is empty";
    }
    StringBuilder sb = new StringBuilder("it starts with bytes");
    for (byte x : b) {
      sb.append(String.format(java.util.Locale.ROOT, " %02x", x & 0xff));
    }
    return sb.toString();
  }
}
