package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.ingest.core.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an events file ({@code --events FILE}): the times of external changes to the watched
 * objects, so that reconciles following them count as event-driven even when the changes are
 * themselves periodic.
 *
 * <p>The file is a timestamp CSV of the same syntax as reconcile CSVs ({@link TimestampCsv}): one
 * time per line in the start column, optional header, ISO-8601 or unix seconds/ms/µs/ns; an end
 * column is ignored. gzip and zstd are unwrapped; {@code -} is standard input.
 */
public final class EventTimes {
  private EventTimes() {}

  /**
   * Reads every event time.
   *
   * @param path a file, or {@code -} for {@code stdin}
   * @param stdin the stream read for {@code -}
   * @return epoch nanoseconds, sorted ascending (duplicates kept)
   * @throws InputException one line naming the file and line:column
   */
  public static long[] read(String path, InputStream stdin) throws InputException {
    try (InputStream raw = TraceInputs.open(path, stdin)) {
      BufferedInputStream in = Decompression.unwrap(Decompression.buffered(raw));
      return read(in, path);
    } catch (InputException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new InputException(path, "", "cannot read: no such file");
    } catch (Decompression.CorruptException e) {
      throw new InputException(path, InputException.offset(e.offset()), e.getMessage());
    } catch (IOException e) {
      throw new InputException(path, "", "cannot read: " + e.getMessage());
    }
  }

  /** Reads event times from an already decompressed stream; {@code file} names it in errors. */
  public static long[] read(InputStream in, String file) throws IOException, InputException {
    long[][] times = {new long[1024]};
    int[] n = {0};
    List<String> cut = new ArrayList<>(1);
    TimestampCsv.read(
        in,
        file,
        (line, start, end) -> {
          if (n[0] == times[0].length) {
            times[0] = Arrays.copyOf(times[0], n[0] * 2);
          }
          times[0][n[0]++] = start;
        },
        cut::add);
    if (!cut.isEmpty()) {
      // an events file has no warning channel of its own: a cut last line stops the run
      String rest = cut.get(0).substring(file.length() + 1); // "LINE: left out: ..."
      int colon = rest.indexOf(": ");
      throw new InputException(file, rest.substring(0, colon), rest.substring(colon + 2));
    }
    long[] out = Arrays.copyOf(times[0], n[0]);
    Arrays.sort(out);
    return out;
  }
}
