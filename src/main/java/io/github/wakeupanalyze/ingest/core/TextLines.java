package io.github.wakeupanalyze.ingest.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Lines of UTF-8 text with a bounded buffer, for the line-oriented readers (timestamp CSV, operator
 * logs). A line ends at LF, CRLF or a lone CR (old Mac files), so all three endings, and a mix,
 * read alike. A line longer than the limit is cut: {@link #next()} returns its first {@code limit}
 * characters, skips the rest and sets {@link #cut()}, so binary garbage or a huge log message never
 * sits whole in memory. A UTF-8 byte-order mark at the start is dropped; malformed UTF-8 becomes
 * U+FFFD.
 */
public final class TextLines {
  private final Reader in;
  private final int limit;
  private final char[] buf = new char[8192];
  private final StringBuilder line = new StringBuilder(128);
  private int pos;
  private int len;
  private boolean pendingCr;
  private long number;
  private boolean cut;
  private boolean terminated = true;
  private boolean eof;

  /**
   * @param in the text; not closed here
   * @param limit the longest line kept, in characters, e.g. 65536
   */
  public TextLines(InputStream in, int limit) {
    this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    this.limit = limit;
  }

  /** The next line without its line end, or null at the end of the input. */
  public String next() throws IOException {
    line.setLength(0);
    cut = false;
    boolean any = false;
    while (true) {
      if (pos == len) {
        if (eof || !fill()) {
          eof = true;
          if (!any) {
            return null;
          }
          terminated = false;
          break;
        }
      }
      if (pendingCr) {
        pendingCr = false;
        if (buf[pos] == '\n') {
          pos++; // the LF of a CRLF
          continue;
        }
      }
      int end = pos;
      while (end < len && buf[end] != '\n' && buf[end] != '\r') {
        end++;
      }
      if (end > pos) {
        any = true;
        append(pos, end);
      }
      if (end == len) {
        pos = len;
        continue; // the line goes on in the next block
      }
      pendingCr = buf[end] == '\r';
      pos = end + 1;
      terminated = true;
      break;
    }
    number++;
    return line.toString();
  }

  /** Appends {@code buf[from, to)} up to the limit; a byte-order mark at the start is dropped. */
  private void append(int from, int to) {
    if (number == 0 && line.length() == 0 && !cut && buf[from] == '\uFEFF') {
      from++;
    }
    int room = limit - line.length();
    if (to - from > room) {
      cut = true;
      to = from + Math.max(0, room);
    }
    line.append(buf, from, to - from);
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      len = pos = 0;
      return false;
    }
    len = n;
    pos = 0;
    return true;
  }

  /** 1-based number of the line {@link #next()} returned last. */
  public long number() {
    return number;
  }

  /** True when the last line was longer than the limit and was cut to it. */
  public boolean cut() {
    return cut;
  }

  /**
   * False when the last line returned ended with the input instead of a line end: the last line of
   * a file without a final newline, or of one cut off while it was written.
   */
  public boolean terminated() {
    return terminated;
  }
}
