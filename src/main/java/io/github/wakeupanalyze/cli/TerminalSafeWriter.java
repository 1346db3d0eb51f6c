package io.github.wakeupanalyze.cli;

import io.github.wakeupanalyze.text.Names;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Standard error as the tool writes it: as {@link Names#printableText}, every control character
 * other than line feed, carriage return (the progress line redraws itself with it) and tab, and
 * every bidirectional override, becomes {@code ?}. Names from traces are already made printable
 * where messages are built; this is the guard for everything else (picocli's messages quote the
 * arguments as typed), so ESC and BEL never reach the terminal raw.
 */
final class TerminalSafeWriter extends FilterWriter {
  TerminalSafeWriter(Writer out) {
    super(out);
  }

  static boolean passes(char c) {
    return !Names.isUnsafeInText(c);
  }

  @Override
  public void write(int c) throws IOException {
    out.write(passes((char) c) ? c : '?');
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    char[] copy = null;
    for (int i = 0; i < len; i++) {
      if (!passes(cbuf[off + i])) {
        if (copy == null) {
          copy = new char[len];
          System.arraycopy(cbuf, off, copy, 0, len);
        }
        copy[i] = '?';
      }
    }
    if (copy == null) {
      out.write(cbuf, off, len);
    } else {
      out.write(copy, 0, len);
    }
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    write(str.toCharArray(), off, len);
  }
}
