package io.github.wakeupanalyze.simulate.write;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes whose total length must be known before they are written (a protobuf length prefix): kept
 * in memory up to a limit, then spilled to a temporary file, so a message of any size is written in
 * bounded memory. {@link #writeTo} copies them out and empties the buffer.
 */
final class SpillBuffer extends OutputStream {
  private final int memoryLimit;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private OutputStream fileOut;
  private long size;

  /**
   * @param memoryLimit bytes kept in memory before spilling, e.g. 8 MiB
   */
  SpillBuffer(int memoryLimit) {
    this.memoryLimit = memoryLimit;
  }

  /** Bytes written since the last {@link #writeTo}. */
  long size() {
    return size;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (fileOut == null && memory.size() + (long) len > memoryLimit) {
      file = Files.createTempFile("wakeup-analyze-spans", ".bin");
      fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      memory.writeTo(fileOut);
      memory = new ByteArrayOutputStream();
    }
    (fileOut != null ? fileOut : memory).write(b, off, len);
    size += len;
  }

  /** Copies the bytes to {@code out} and empties this buffer (deleting its file). */
  void writeTo(OutputStream out) throws IOException {
    if (fileOut != null) {
      fileOut.close();
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(out);
      }
      discard();
    } else {
      memory.writeTo(out);
      memory.reset();
    }
    size = 0;
  }

  /** Drops the bytes and any temporary file. */
  void discard() throws IOException {
    if (fileOut != null) {
      fileOut.close();
      Files.deleteIfExists(file);
      fileOut = null;
      file = null;
    }
    memory.reset();
    size = 0;
  }

  @Override
  public void close() throws IOException {
    discard();
  }
}
