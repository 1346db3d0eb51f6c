package io.github.wakeupanalyze.ingest.log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The lines of a log kept in a temporary file, each with its place in the input, so that a log
 * found to list its newest line first can be read again from its end: memory holds one block and
 * one line, whatever the log's length; the disk holds the log's lines once.
 *
 * <p>A line is written as its input line number, a tab, the line and a newline (the lines have no
 * newline of their own). {@link #reversed} reads them last to first.
 */
final class Spool implements AutoCloseable {
  private static final int BLOCK = 1 << 16;

  private final Path file;
  private final OutputStream out;
  private long bytes;

  /** A new, empty spool in the temporary folder. */
  Spool() throws IOException {
    file = Files.createTempFile("wakeup-analyze-log-", ".spool");
    file.toFile().deleteOnExit();
    out = new BufferedOutputStream(Files.newOutputStream(file), BLOCK);
  }

  /** Appends {@code line}, which was line {@code number} of the input. */
  void add(long number, String line) throws IOException {
    byte[] head = (number + "\t").getBytes(StandardCharsets.US_ASCII);
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    out.write(head);
    out.write(text);
    out.write('\n');
    bytes += head.length + text.length + 1L;
  }

  /** The bytes written so far. */
  long bytes() {
    return bytes;
  }

  /** The lines last to first; the spool takes no more lines. */
  Reversed reversed() throws IOException {
    out.close();
    return new Reversed(FileChannel.open(file, StandardOpenOption.READ));
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The spool's lines from the last to the first, read block by block from the file's end. */
  static final class Reversed implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK);

    /** The file's length. */
    private final long size;

    /** Where the part not yet read ends. */
    private long position;

    /** The block's bytes not yet handed out, [0, end) of {@link #block}. */
    private int end;

    /** The start of a line begun in a later block than this one: its bytes, in order. */
    private byte[] tail = new byte[0];

    private long number;

    private Reversed(FileChannel channel) throws IOException {
      this.channel = channel;
      this.size = channel.size();
      this.position = size;
    }

    /** The input line number of the line {@link #next} returned last. */
    long number() {
      return number;
    }

    /** The line before the one returned last, or null when the first was returned. */
    String next() throws IOException {
      while (true) {
        byte[] b = block.array();
        for (int i = end - 1; i >= 0; i--) {
          if (b[i] == '\n') { // the end of the line before: this one starts after it
            String line = line(Arrays.copyOfRange(b, i + 1, end));
            end = i;
            return line;
          }
        }
        // no newline in [0, end): those bytes end a line that began in an earlier block
        tail = concat(Arrays.copyOfRange(b, 0, end), tail);
        end = 0;
        if (position == 0) {
          return tail.length == 0 ? null : line(new byte[0]);
        }
        int n = (int) Math.min(BLOCK, position);
        position -= n;
        block.clear().limit(n);
        while (block.hasRemaining()) {
          if (channel.read(block, position + block.position()) < 0) {
            throw new IOException("the spool file ended early");
          }
        }
        boolean last = position + n == size;
        end = last && b[n - 1] == '\n' ? n - 1 : n; // the newline that ends the last line
      }
    }

    /** Joins {@code start} with {@link #tail} and makes it a line; clears the tail. */
    private String line(byte[] start) {
      byte[] all = concat(start, tail);
      tail = new byte[0];
      int tab = 0;
      long n = 0;
      while (tab < all.length && all[tab] != '\t') {
        n = n * 10 + (all[tab++] - '0');
      }
      number = n;
      return new String(all, tab + 1, all.length - tab - 1, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
      if (b.length == 0) {
        return a;
      }
      byte[] all = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
