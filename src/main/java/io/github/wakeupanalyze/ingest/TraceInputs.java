package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.ingest.core.TraceReader;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a list of inputs one after the other into one sink, so that several inputs make one
 * analysis. A failing input is reported and the next one is still read: nothing read before the
 * error is lost.
 *
 * <p>Inputs: a file; {@code -} for standard input; a folder, which stands for every regular file
 * inside it, recursively, sorted by path, hidden files and folders (name starting with {@code .})
 * left out. A file found in a folder whose content matches no format is <em>skipped</em> (folders
 * of exports often hold a README or a checksum): its report says so ({@link InputReport#skipped()})
 * and the CLI sums such files up in one line; with {@code --format} forced it is read, and fails,
 * like any other. A file named on the command line that matches no format is an error. A folder
 * with no files in it is an error.
 *
 * <p>Every file gets its own {@link InputReport} and its own source index, in the order read.
 */
public final class TraceInputs {
  private TraceInputs() {}

  /** Called before each input file with its index, so the sink can attribute spans to it. */
  public interface SourceAwareSink extends SpanSink {
    void startSource(int index, String path);
  }

  /**
   * Reads every input.
   *
   * @param inputs files, folders, or {@code -} for standard input, as the user named them
   * @param options the forced format (or null to sniff) and the CSV operator override
   * @param stdin the stream to read for {@code -}
   * @param sink receives every span; {@code startSource} is called before each file
   * @return one report per file read (folders expanded), in the order of the source indexes
   */
  public static List<InputReport> readAll(
      List<String> inputs, ReadOptions options, InputStream stdin, SourceAwareSink sink) {
    return readAll(inputs, options, stdin, sink, ReadProgress.NONE);
  }

  /** As {@link #readAll(List, ReadOptions, InputStream, SourceAwareSink)}, reporting progress. */
  public static List<InputReport> readAll(
      List<String> inputs,
      ReadOptions options,
      InputStream stdin,
      SourceAwareSink sink,
      ReadProgress progress) {
    try {
      return readEach(inputs, options, stdin, sink, progress);
    } finally {
      progress.done();
    }
  }

  private static List<InputReport> readEach(
      List<String> inputs,
      ReadOptions options,
      InputStream stdin,
      SourceAwareSink sink,
      ReadProgress progress) {
    List<InputReport> reports = new ArrayList<>();
    List<Expanded> expanded = new ArrayList<>();
    List<String> allFiles = new ArrayList<>();
    for (String input : inputs) {
      try {
        List<String> files = expand(input);
        expanded.add(new Expanded(input, files, null));
        allFiles.addAll(files);
      } catch (InputException e) {
        expanded.add(new Expanded(input, List.of(), e));
      }
    }
    Map<String, String> names = options.operator() == null ? fileOperators(allFiles) : Map.of();
    int index = 0;
    for (Expanded x : expanded) {
      if (x.error() != null) {
        sink.startSource(index++, x.input());
        reports.add(
            new InputReport(x.input(), options.format(), 0, List.of(), x.error().getMessage()));
        continue;
      }
      boolean fromFolder = !x.files().equals(List.of(x.input()));
      for (String file : x.files()) {
        sink.startSource(index++, file);
        String name = names.get(file);
        ReadOptions o =
            name == null ? options : new ReadOptions(options.format(), name, options.logMatch());
        reports.add(readOne(file, o, fromFolder, stdin, sink, progress));
      }
    }
    return reports;
  }

  private record Expanded(String input, List<String> files, InputException error) {}

  /**
   * Operator names for files whose own name ({@link Synthetic#operatorOf}) another input file
   * shares ({@code a/psmdb.csv} and {@code b/psmdb.csv}): each gets as many of its parent folders
   * as make it distinct ({@code a/psmdb}, {@code b/psmdb}), so two timestamp files or logs never
   * merge into one stream. Files with a distinct name are not in the map. Applies where the name
   * comes from the file (timestamp CSV, logs without pod names); traces name their operators
   * themselves.
   */
  static Map<String, String> fileOperators(List<String> files) {
    Map<String, List<String>> byName = new HashMap<>();
    for (String f : new LinkedHashSet<>(files)) {
      byName.computeIfAbsent(Synthetic.operatorOf(f), k -> new ArrayList<>()).add(f);
    }
    Map<String, String> out = new HashMap<>();
    for (var e : byName.entrySet()) {
      List<String> same = e.getValue();
      // files in one folder (psmdb.log beside the trace psmdb.otlp.json) no folder tells apart
      long folders = same.stream().map(TraceInputs::folder).distinct().count();
      if (folders < 2) {
        continue;
      }
      for (int depth = 1; depth <= 64; depth++) {
        Map<String, String> named = new HashMap<>();
        for (String f : same) {
          named.put(f, withParents(f, e.getKey(), depth));
        }
        if (new HashSet<>(named.values()).size() == folders || depth == 64) {
          out.putAll(named);
          break;
        }
      }
    }
    return out;
  }

  /** The folder part of a file as given ({@code a/b} for {@code a/b/psmdb.csv}), or "". */
  private static String folder(String file) {
    String f = file.replace('\\', '/');
    int slash = f.lastIndexOf('/');
    return slash < 0 ? "" : f.substring(0, slash);
  }

  /** {@code a/b/psmdb.csv}, depth 1 → {@code b/psmdb}; stops at the path's first folder. */
  private static String withParents(String file, String base, int depth) {
    String[] parts = file.replace('\\', '/').split("/");
    int from = Math.max(0, parts.length - 1 - depth);
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < parts.length - 1; i++) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        sb.append(parts[i]).append('/');
      }
    }
    return sb.append(base).toString();
  }

  /**
   * The files an input stands for: itself, or for a folder every regular, non-hidden file inside,
   * recursively, sorted by path.
   */
  static List<String> expand(String input) throws InputException {
    if (input.equals("-")) {
      return List.of(input);
    }
    Path root = Path.of(input);
    if (!Files.isDirectory(root)) {
      return List.of(input);
    }
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> Files.isRegularFile(p) && !hidden(root, p))
          .map(Path::toString)
          .sorted()
          .forEach(files::add);
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(
          input,
          "",
          "cannot list the folder: " + InputException.oneLine(String.valueOf(e.getMessage())));
    }
    if (files.isEmpty()) {
      throw new InputException(input, "", "the folder has no files: expected trace files inside");
    }
    return files;
  }

  private static boolean hidden(Path root, Path p) {
    Path rel = root.relativize(p);
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static InputReport readOne(String path, TraceFormat forced, InputStream stdin, SpanSink sink) {
    return readOne(path, new ReadOptions(forced, null), false, stdin, sink, ReadProgress.NONE);
  }

  static InputReport readOne(
      String path,
      ReadOptions options,
      boolean skipUnknown,
      InputStream stdin,
      SpanSink sink,
      ReadProgress progress) {
    long[] count = {0};
    SpanSink counting =
        s -> {
          count[0]++;
          sink.accept(s);
        };
    TraceFormat forced = options.format();
    TraceFormat format = forced;
    TraceFormat sniffed = null;
    List<String> warnings = new ArrayList<>();
    try (InputStream raw = counted(open(path, stdin), path, progress, count)) {
      BufferedInputStream in = Decompression.unwrap(Decompression.buffered(raw));
      sniffed = FormatSniffer.sniff(in).orElse(null);
      if (format == null) {
        format = sniffed;
      }
      if (format == null) {
        String what = FormatSniffer.describeUnknown(in);
        if (skipUnknown) {
          return InputReport.skippedFile(path, what);
        }
        throw new InputException(path, FormatSniffer.whereUnknown(in), what);
      }
      TraceReader reader = format.newReader(options);
      try {
        reader.read(in, path, counting);
      } finally {
        warnings.addAll(reader.warnings());
      }
      if (count[0] == 0 && warnings.isEmpty()) {
        warnings.add(path + ": no spans found");
      }
      return new InputReport(path, format, count[0], warnings, null);
    } catch (InputException e) {
      return failed(path, format, count[0], warnings, e.getMessage(), forced, sniffed);
    } catch (Decompression.CorruptException e) {
      String msg =
          new InputException(
                  path, InputException.offset(e.offset()) + " (compressed)", e.getMessage())
              .getMessage();
      return failed(path, format, count[0], warnings, msg, null, null);
    } catch (NoSuchFileException e) {
      return failed(
          path, format, count[0], warnings, path + ": cannot read: no such file", null, null);
    } catch (AccessDeniedException e) {
      return failed(
          path, format, count[0], warnings, path + ": cannot read: permission denied", null, null);
    } catch (IOException e) {
      return failed(
          path,
          format,
          count[0],
          warnings,
          path + ": cannot read: " + InputException.oneLine(String.valueOf(e.getMessage())),
          forced,
          sniffed);
    } catch (RuntimeException e) {
      return failed(
          path,
          format,
          count[0],
          warnings,
          path
              + ": internal error while reading "
              + "(please report it): "
              + InputException.oneLine(e.toString()),
          null,
          null);
    }
  }

  private static InputReport failed(
      String path,
      TraceFormat format,
      long spans,
      List<String> warnings,
      String message,
      TraceFormat forced,
      TraceFormat sniffed) {
    if (forced != null && sniffed != null && sniffed != forced) {
      message +=
          " (the content looks like "
              + sniffed.cliName()
              + ", not "
              + forced.cliName()
              + ": drop --format or use --format "
              + sniffed.cliName()
              + ")";
    }
    return new InputReport(path, format, spans, warnings, message);
  }

  /** Tells {@code progress} how many bytes and spans have been read after every block. */
  private static InputStream counted(
      InputStream in, String path, ReadProgress progress, long[] spans) {
    if (progress == ReadProgress.NONE) {
      return in;
    }
    long size = -1;
    if (!path.equals("-")) {
      try {
        size = Files.size(Path.of(path));
      } catch (IOException e) {
        size = -1;
      }
    }
    progress.file(path, size);
    return new FilterInputStream(in) {
      private long bytes;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytes++;
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          bytes += n;
          progress.advance(bytes, spans[0]);
        }
        return n;
      }
    };
  }

  /** Opens a file, or standard input for {@code -} (never closing it). */
  static InputStream open(String path, InputStream stdin) throws IOException, InputException {
    if (path.equals("-")) {
      return new FilterInputStream(stdin) {
        @Override
        public void close() {
          // never close the process's standard input
        }
      };
    }
    Path p = Path.of(path);
    if (Files.isDirectory(p)) {
      throw new InputException(path, "", "is a folder; expected a trace file");
    }
    return Files.newInputStream(p);
  }
}
