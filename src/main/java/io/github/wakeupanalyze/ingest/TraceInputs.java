package io.github.wakeupanalyze.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads a list of inputs one after the other into one sink. A failing input is reported and the
 * next one is still read: nothing read before the error is lost.
 */
public final class TraceInputs {
  private TraceInputs() {}

  /** Called before each input with its index, so the sink can attribute spans to it. */
  public interface SourceAwareSink extends SpanSink {
    void startSource(int index, String path);
  }

  /**
   * Reads every input.
   *
   * @param paths files, or {@code -} for standard input
   * @param forced a format to use instead of sniffing, or null
   * @param stdin the stream to read for {@code -}
   */
  public static List<InputReport> readAll(
      List<String> paths, TraceFormat forced, InputStream stdin, SourceAwareSink sink) {
    List<InputReport> reports = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      sink.startSource(i, path);
      reports.add(readOne(path, forced, stdin, sink));
    }
    return reports;
  }

  static InputReport readOne(String path, TraceFormat forced, InputStream stdin, SpanSink sink) {
    long[] count = {0};
    SpanSink counting = s -> {
      count[0]++;
      sink.accept(s);
    };
    TraceFormat format = forced;
    List<String> warnings = new ArrayList<>();
    try (InputStream raw = open(path, stdin)) {
      BufferedInputStream in = Decompression.unwrap(Decompression.buffered(raw));
      if (format == null) {
        format = FormatSniffer.sniff(in).orElse(null);
        if (format == null) {
          throw new InputException(path, InputException.offset(0),
              "not a trace this tool reads: expected OTLP JSON (an object with \"resourceSpans\"); "
                  + FormatSniffer.describePrefix(in));
        }
      }
      format.newReader().read(in, path, counting);
      if (count[0] == 0) {
        warnings.add(path + ": no spans found");
      }
      return new InputReport(path, format, count[0], warnings, null);
    } catch (InputException e) {
      return new InputReport(path, format, count[0], warnings, e.getMessage());
    } catch (NoSuchFileException e) {
      return new InputReport(path, format, count[0], warnings, path + ": cannot read: no such file");
    } catch (ZipException | EOFException e) {
      return new InputReport(path, format, count[0], warnings,
          path + ": compressed data is corrupt or ends early (" + e.getMessage() + ")");
    } catch (IOException e) {
      return new InputReport(path, format, count[0], warnings,
          path + ": cannot read: " + InputException.oneLine(String.valueOf(e.getMessage())));
    }
  }

  private static InputStream open(String path, InputStream stdin) throws IOException, InputException {
    if (path.equals("-")) {
      return new java.io.FilterInputStream(stdin) {
        @Override
        public void close() {
          // never close the process's standard input
        }
      };
    }
    Path p = Path.of(path);
    if (Files.isDirectory(p)) {
      throw new InputException(path, "", "is a directory; expected a trace file");
    }
    if (Files.exists(p) && !Files.isReadable(p)) {
      throw new InputException(path, "", "cannot read: permission denied");
    }
    return Files.newInputStream(p);
  }
}
