package io.github.wakeupanalyze.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The timestamp CSV shared by reconcile files ({@link CsvTraceReader}) and event files ({@link
 * EventTimes}): one record per line, a start time and optionally an end time.
 *
 * <ul>
 *   <li>Blank lines and lines starting with {@code #} are skipped.
 *   <li>The separator is the first of {@code ,} tab {@code ;} found on the first record line (none:
 *       one column). Fields are trimmed; surrounding double quotes are removed.
 *   <li>Header: the first record line is a header when its first field is not a time. The start
 *       column is the first named {@code start}, {@code start_time}, {@code start_unix_nano},
 *       {@code timestamp}, {@code time} or {@code ts} (else the first column); the end column is
 *       the one named {@code end}, {@code end_time} or {@code end_unix_nano} (else none).
 *   <li>Without a header, column 1 is the start and column 2, when the first record has a time
 *       there, the end.
 *   <li>Times as {@link Timestamps#parse}: ISO-8601 with or without zone (none = UTC), {@code
 *       YYYY-MM-DD HH:MM:SS.fffffffff}, unix seconds/ms/µs/ns by magnitude. An empty end means end
 *       = start; an end before the start is an error.
 * </ul>
 *
 * <p>Lines are read with a bounded buffer: a line longer than {@value #MAX_LINE} characters (as
 * binary garbage would be) is an error, never a whole file in memory.
 */
final class TimestampCsv {
  static final int MAX_LINE = 64 * 1024;
  private static final Set<String> START_NAMES =
      Set.of("start", "start_time", "start_unix_nano", "timestamp", "time", "ts");
  private static final Set<String> END_NAMES = Set.of("end", "end_time", "end_unix_nano");

  private TimestampCsv() {}

  /** Receives each record. */
  interface RowSink {
    /**
     * @param line 1-based line number
     * @param start epoch nanoseconds
     * @param end epoch nanoseconds, equal to start when the file has no end
     */
    void row(long line, long start, long end) throws InputException;
  }

  /** Reads every record of {@code in}; errors name {@code file} and line:column. */
  static void read(InputStream in, String file, RowSink sink) throws IOException, InputException {
    LineReader lines = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Layout layout = null;
    String line;
    while ((line = lines.next()) != null) {
      if (lines.tooLong) {
        throw new InputException(
            file,
            InputException.lineColumn(lines.number, 1),
            "line longer than " + MAX_LINE + " characters: expected one timestamp per line");
      }
      if (lines.number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      List<Field> fields;
      if (layout == null) {
        char sep = separator(line);
        fields = split(line, sep);
        layout = Layout.of(fields, sep);
        if (layout.header) {
          continue;
        }
      } else {
        fields = split(line, layout.separator);
      }
      Field startField = layout.start < fields.size() ? fields.get(layout.start) : null;
      if (startField == null || startField.text.isEmpty()) {
        throw new InputException(
            file,
            InputException.lineColumn(lines.number, 1),
            "expected a time in column " + (layout.start + 1) + ", found an empty field");
      }
      long start = time(file, lines.number, startField);
      long end = start;
      if (layout.end >= 0 && layout.end < fields.size() && !fields.get(layout.end).text.isEmpty()) {
        Field endField = fields.get(layout.end);
        end = time(file, lines.number, endField);
        if (end < start) {
          throw new InputException(
              file,
              InputException.lineColumn(lines.number, endField.column),
              "end before start: expected an end at or after "
                  + startField.text
                  + ", found "
                  + endField.text);
        }
      }
      sink.row(lines.number, start, end);
    }
  }

  private static long time(String file, long line, Field f) throws InputException {
    try {
      return Timestamps.parse(f.text);
    } catch (IllegalArgumentException e) {
      throw new InputException(file, InputException.lineColumn(line, f.column), e.getMessage());
    }
  }

  /**
   * Whether a text prefix looks like a timestamp CSV: its first record line has a time in its first
   * field, or it is a header and the next record line has a time in the start column. Only complete
   * lines are looked at, unless {@code complete} says the prefix is the whole input.
   */
  static boolean looksLike(String text, boolean complete) {
    String[] all = text.split("\r?\n", -1);
    int usable = complete ? all.length : all.length - 1;
    Layout layout = null;
    for (int i = 0; i < usable; i++) {
      String line = i == 0 && all[i].startsWith("\uFEFF") ? all[i].substring(1) : all[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.length() > 1000) {
        return false;
      }
      if (layout == null) {
        char sep = separator(line);
        List<Field> fields = split(line, sep);
        layout = Layout.of(fields, sep);
        if (!layout.header) {
          return true;
        }
        if (!layout.namedStart) {
          return false; // a header must name the time column to count as ours
        }
        if (namesIdColumns(fields)) {
          return false; // a per-reconcile table (this tool's labels.csv or reconciles.csv)
        }
        continue;
      }
      List<Field> fields = split(line, layout.separator);
      return layout.start < fields.size() && Timestamps.isTimestamp(fields.get(layout.start).text);
    }
    return false;
  }

  /**
   * True for a header with both {@code trace_id} and {@code span_id}: a table of reconciles that
   * came from a trace, such as the simulator's {@code labels.csv} or {@code reconciles.csv}, not a
   * trace. Sniffing passes it by (so a folder of samples is not read twice); {@code --format csv}
   * still reads it.
   */
  private static boolean namesIdColumns(List<Field> header) {
    boolean trace = false;
    boolean span = false;
    for (Field f : header) {
      String name = f.text.toLowerCase(Locale.ROOT);
      trace |= name.equals("trace_id");
      span |= name.equals("span_id");
    }
    return trace && span;
  }

  /** Which columns hold what, decided on the first record line. */
  private record Layout(boolean header, char separator, int start, int end, boolean namedStart) {
    static Layout of(List<Field> first, char sep) {
      if (Timestamps.isTimestamp(first.get(0).text)) {
        boolean hasEnd = first.size() > 1 && Timestamps.isTimestamp(first.get(1).text);
        return new Layout(false, sep, 0, hasEnd ? 1 : -1, false);
      }
      int start = -1;
      int end = -1;
      for (int i = 0; i < first.size(); i++) {
        String name = first.get(i).text.toLowerCase(Locale.ROOT);
        if (start < 0 && START_NAMES.contains(name)) {
          start = i;
        } else if (end < 0 && END_NAMES.contains(name)) {
          end = i;
        }
      }
      return new Layout(true, sep, Math.max(start, 0), end, start >= 0);
    }
  }

  private record Field(String text, int column) {}

  private static char separator(String line) {
    for (char c : new char[] {',', '\t', ';'}) {
      if (line.indexOf(c) >= 0) {
        return c;
      }
    }
    return 0;
  }

  private static List<Field> split(String line, char sep) {
    List<Field> out = new ArrayList<>(4);
    int from = 0;
    while (true) {
      int to = sep == 0 ? -1 : line.indexOf(sep, from);
      int stop = to < 0 ? line.length() : to;
      int a = from;
      int b = stop;
      while (a < b && Character.isWhitespace(line.charAt(a))) {
        a++;
      }
      while (b > a && Character.isWhitespace(line.charAt(b - 1))) {
        b--;
      }
      if (b - a >= 2 && line.charAt(a) == '"' && line.charAt(b - 1) == '"') {
        a++;
        b--;
      }
      out.add(new Field(line.substring(a, b), a + 1));
      if (to < 0) {
        return out;
      }
      from = to + 1;
    }
  }

  /** Reads lines of at most {@link #MAX_LINE} characters; a longer line sets {@link #tooLong}. */
  private static final class LineReader {
    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private final StringBuilder line = new StringBuilder(128);
    long number;
    boolean tooLong;

    LineReader(Reader in) {
      this.in = in;
    }

    String next() throws IOException {
      line.setLength(0);
      boolean any = false;
      while (true) {
        if (pos == len) {
          len = in.read(buf, 0, buf.length);
          pos = 0;
          if (len <= 0) {
            len = 0;
            if (!any) {
              return null;
            }
            break;
          }
        }
        any = true;
        char c = buf[pos++];
        if (c == '\n') {
          break;
        }
        if (line.length() >= MAX_LINE) {
          tooLong = true;
          number++;
          return line.toString();
        }
        line.append(c);
      }
      number++;
      int n = line.length();
      if (n > 0 && line.charAt(n - 1) == '\r') {
        line.setLength(n - 1);
      }
      return line.toString();
    }
  }
}
