package io.github.wakeupanalyze.model;

import io.github.wakeupanalyze.text.Names;
import java.util.Base64;

/**
 * Trace and span ids as 64-bit halves, with the parsing and formatting every reader shares.
 *
 * <p>Ids are kept as {@code long}s (a trace id as high and low halves) so that a reconcile costs a
 * few words, not three strings. Zero means "unset", as in OTLP, Zipkin and Jaeger.
 */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /**
   * Parses an id written as hex (any case, 1–32 digits) or as base64 of 8 or 16 bytes (as protobuf
   * JSON mappings write them). Returns {@code null} for the empty string (unset).
   *
   * @param text the id as written in the file
   * @param bytes the id length the format promises: 16 for trace ids, 8 for span ids
   * @return {high, low}; high is 0 for 8-byte ids
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static long[] parse(String text, int bytes) {
    if (text.isEmpty()) {
      return null;
    }
    if (isHex(text) && text.length() <= 2 * bytes) {
      return parseHex(text);
    }
    int b64Len = bytes == 16 ? 24 : 12;
    if ((text.length() == b64Len || text.length() == 24 || text.length() == 12)
        && looksBase64(text)) {
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        raw = null;
      }
      if (raw != null && (raw.length == 8 || raw.length == 16) && raw.length <= bytes) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < raw.length; i++) {
          if (raw.length == 16 && i < 8) {
            hi = (hi << 8) | (raw[i] & 0xff);
          } else {
            lo = (lo << 8) | (raw[i] & 0xff);
          }
        }
        return new long[] {hi, lo};
      }
    }
    throw new IllegalArgumentException(
        "expected a "
            + (bytes == 16 ? "trace" : "span")
            + " id of "
            + (2 * bytes)
            + " hex digits or base64 of "
            + bytes
            + " bytes, found \""
            + Names.abbreviate(text)
            + "\"");
  }

  private static long[] parseHex(String text) {
    int n = text.length();
    long hi = 0;
    long lo = 0;
    int loStart = Math.max(0, n - 16);
    for (int i = 0; i < loStart; i++) {
      hi = (hi << 4) | Character.digit(text.charAt(i), 16);
    }
    for (int i = loStart; i < n; i++) {
      lo = (lo << 4) | Character.digit(text.charAt(i), 16);
    }
    return new long[] {hi, lo};
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksBase64(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Lower-case hex of a 64-bit id, 16 digits. */
  public static String hex(long id) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (id & 0xf)];
      id >>>= 4;
    }
    return new String(out);
  }

  /** Lower-case hex of a 128-bit trace id, 32 digits. */
  public static String hex(long high, long low) {
    return hex(high) + hex(low);
  }
}
