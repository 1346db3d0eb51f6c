package io.github.wakeupanalyze.ingest;

import io.airlift.compress.zstd.ZstdInputStream;
import io.github.wakeupanalyze.ingest.core.InputException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Detects compression by magic bytes, never by file name, and wraps the stream to decompress it:
 * gzip ({@code 1f 8b}) and zstd ({@code 28 b5 2f fd}). The decompressed bytes are sniffed again, so
 * a gzip inside a zstd is unwrapped too (at most {@value #MAX_LAYERS} layers).
 *
 * <p>A decompressor failing (data corrupt or ending early) surfaces as {@link CorruptException},
 * naming the compressed byte offset reached, so that no reader mistakes it for its own format
 * error.
 */
final class Decompression {
  static final int MAX_LAYERS = 4;

  private Decompression() {}

  /** A compressed stream that is corrupt or ends early. The message is one line. */
  static final class CorruptException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    CorruptException(String message, long offset, Throwable cause) {
      super(message, cause);
      this.offset = offset;
    }

    /** Compressed bytes read when the failure was seen. */
    long offset() {
      return offset;
    }
  }

  /** The compression found at the start of a stream. */
  enum Kind {
    NONE,
    GZIP,
    ZSTD
  }

  static Kind detect(BufferedInputStream in) throws IOException {
    in.mark(4);
    byte[] b = in.readNBytes(4);
    in.reset();
    if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
      return Kind.GZIP;
    }
    if (b.length == 4
        && (b[0] & 0xff) == 0x28
        && (b[1] & 0xff) == 0xb5
        && (b[2] & 0xff) == 0x2f
        && (b[3] & 0xff) == 0xfd) {
      return Kind.ZSTD;
    }
    return Kind.NONE;
  }

  /** Returns a buffered stream of the decompressed bytes (the input itself if not compressed). */
  static BufferedInputStream unwrap(BufferedInputStream in) throws IOException {
    BufferedInputStream current = in;
    for (int layer = 0; layer < MAX_LAYERS; layer++) {
      Kind kind = detect(current);
      if (kind == Kind.NONE) {
        return current;
      }
      CountingInputStream counted = new CountingInputStream(current);
      InputStream decoded;
      try {
        decoded =
            kind == Kind.GZIP
                ? new GZIPInputStream(counted, 1 << 16)
                : new ZstdInputStream(counted);
      } catch (IOException | RuntimeException e) {
        throw corrupt(kind, counted, e);
      }
      current = buffered(new Guarded(decoded, kind, counted));
    }
    return current;
  }

  static BufferedInputStream buffered(InputStream in) {
    return new BufferedInputStream(in, 1 << 17);
  }

  private static CorruptException corrupt(Kind kind, CountingInputStream counted, Exception e) {
    String name = kind == Kind.GZIP ? "gzip" : "zstd";
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    boolean early =
        e instanceof java.io.EOFException
            || detail.contains("nexpected end")
            || detail.contains("ends early")
            || detail.contains("Not enough input");
    String what =
        early
            ? name + " data ends early: expected more compressed bytes (" + detail + ")"
            : name + " data is corrupt: expected a valid " + name + " stream (" + detail + ")";
    return new CorruptException(InputException.oneLine(what), counted.count, e);
  }

  /** Counts the compressed bytes a decompressor consumed, for error offsets. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = in.skip(n);
      count += s;
      return s;
    }
  }

  /** Turns every failure of a decompressor into a {@link CorruptException}. */
  private static final class Guarded extends FilterInputStream {
    private final Kind kind;
    private final CountingInputStream counted;

    Guarded(InputStream decoded, Kind kind, CountingInputStream counted) {
      super(decoded);
      this.kind = kind;
      this.counted = counted;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (CorruptException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw corrupt(kind, counted, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (CorruptException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw corrupt(kind, counted, e);
      }
    }
  }
}
