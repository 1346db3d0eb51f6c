package io.github.wakeupanalyze.ingest;

/**
 * Told how far reading has come, for a progress display. Called from the reading thread: {@link
 * #advance} after every block read (about every 128 KiB), so an implementation must be cheap.
 */
public interface ReadProgress {
  /** Reports nothing. */
  ReadProgress NONE = new ReadProgress() {};

  /**
   * A file starts.
   *
   * @param sizeBytes its size on disk, or -1 when unknown (standard input)
   */
  default void file(String path, long sizeBytes) {}

  /**
   * Reading advanced.
   *
   * @param bytesRead bytes read from the file so far (compressed bytes for a compressed file)
   * @param spans spans read from the file so far
   */
  default void advance(long bytesRead, long spans) {}

  /** All inputs are read. */
  default void done() {}
}
