package io.github.wakeupanalyze.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Detects compression by magic bytes and wraps the stream to decompress it. */
final class Decompression {
  private Decompression() {}

  /** Returns a buffered stream of the decompressed bytes (the input itself if not compressed). */
  static BufferedInputStream unwrap(BufferedInputStream in) throws IOException {
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return buffered(new GZIPInputStream(in, 1 << 16));
    }
    return in;
  }

  static BufferedInputStream buffered(InputStream in) {
    return new BufferedInputStream(in, 1 << 17);
  }
}
