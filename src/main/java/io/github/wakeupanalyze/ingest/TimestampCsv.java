package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.TextLines;
import io.github.wakeupanalyze.ingest.core.Timestamps;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The timestamp CSV shared by reconcile files ({@link CsvTraceReader}) and event files ({@link
 * EventTimes}): one record per line, a start time and optionally an end time. Its columns are found
 * by what the rows hold, not by what the header calls them.
 *
 * <ul>
 *   <li>Lines end with LF, CRLF or a lone CR ({@link TextLines}). Blank lines and lines starting
 *       with {@code #} are skipped.
 *   <li>The separator is the first of {@code ,} tab {@code ;} found on the first record line, else
 *       on the second (a one-column header has none); none: one column. Fields are trimmed;
 *       surrounding double quotes are removed.
 *   <li><b>Header</b>: the first record line is a header when none of its fields is a time ({@link
 *       Timestamps#isPlausible}: ISO-8601, or a unix number of at least 10<sup>8</sup>), whatever
 *       it says: {@code reconcile_dates}, {@code reconsile_dates}, {@code date}, {@code
 *       timestamps}, {@code start,end}.
 *   <li><b>Start column</b>: decided on the first data row. With a header, the column named {@code
 *       start}, {@code start_time}, {@code start_unix_nano}, {@code timestamp}, {@code time} or
 *       {@code ts} if it holds a time there; otherwise the first column that holds a time.
 *   <li><b>End column</b>: the column named {@code end}, {@code end_time}, {@code end_unix_nano},
 *       {@code stop} or {@code finish} if it holds a time; otherwise the next column after the
 *       start that holds a time (under a header, only one not before the start on that row: a
 *       column such as {@code created} is not an end); else none.
 *   <li>Times as {@link Timestamps#parse}: ISO-8601 with or without zone (none = UTC), {@code
 *       YYYY-MM-DD HH:MM:SS.fffffffff}, unix seconds/ms/µs/ns by magnitude. An empty end means end
 *       = start; an end before the start is an error.
 *   <li><b>A cut last line</b>: when the input ends inside a line (no line end after it) and that
 *       line does not read like the row before it (unix times with fewer digits, an ISO time that
 *       lost its zone, fewer fields, or no time at all), it is left out with a warning naming the
 *       line: a file cut while it was copied would otherwise give a wrong time, silently.
 * </ul>
 *
 * <p>Lines are read with a bounded buffer: a line longer than {@value #MAX_LINE} characters (as
 * binary garbage would be) is an error, never a whole file in memory.
 */
final class TimestampCsv {
  static final int MAX_LINE = 64 * 1024;
  private static final Set<String> START_NAMES =
      Set.of("start", "start_time", "start_unix_nano", "timestamp", "time", "ts");
  private static final Set<String> END_NAMES =
      Set.of("end", "end_time", "end_unix_nano", "stop", "finish");

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

  /**
   * Reads every record of {@code in}; errors name {@code file} and line:column.
   *
   * @param warnings receives one-line warnings (a cut last line left out)
   */
  static void read(InputStream in, String file, RowSink sink, Consumer<String> warnings)
      throws IOException, InputException {
    TextLines lines = new TextLines(in, MAX_LINE);
    List<Field> header = null;
    char headerSep = 0;
    long headerLine = 0;
    Layout layout = null;
    Row previous = null;
    String line;
    while ((line = lines.next()) != null) {
      long number = lines.number();
      if (lines.cut()) {
        throw new InputException(
            file,
            InputException.lineColumn(number, 1),
            "line longer than " + MAX_LINE + " characters: expected one timestamp per line");
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      boolean last = !lines.terminated();
      if (layout == null) {
        char sep = header == null ? separator(line) : rowSeparator(headerSep, line);
        List<Field> fields = split(line, sep);
        if (header == null && !anyTime(fields)) {
          header = fields;
          headerSep = sep;
          headerLine = number;
          continue;
        }
        layout = Layout.of(header, fields, sep);
        if (layout == null) {
          Field first = fields.get(0);
          throw new InputException(
              file,
              InputException.lineColumn(number, first.column),
              "expected a time in some column under the header on line "
                  + headerLine
                  + " (ISO-8601 such as 2024-05-01T12:00:00.123Z, or unix seconds/ms/µs/ns),"
                  + " found \""
                  + Names.abbreviate(Names.printable(trimmed))
                  + "\"");
        }
      }
      List<Field> fields = split(line, layout.separator);
      Row row;
      try {
        row = Row.of(file, number, fields, layout);
      } catch (InputException e) {
        if (last && previous != null) {
          warnings.accept(cutShort(file, number, trimmed, previous, "it does not read as one"));
          return;
        }
        throw e;
      }
      if (last && previous != null && !row.sameShape(previous)) {
        warnings.accept(cutShort(file, number, trimmed, previous, row.shapeDifference(previous)));
        return;
      }
      sink.row(number, row.start, row.end);
      previous = row;
    }
  }

  private static String cutShort(String file, long line, String text, Row before, String why) {
    return file
        + ":"
        + line
        + ": left out: the input ends inside this line and it looks cut short (\""
        + Names.abbreviate(Names.printable(text))
        + "\", "
        + why
        + "; expected a row like line "
        + before.line
        + ")";
  }

  /**
   * Whether a text prefix looks like a timestamp CSV: its first record line holds a time, or it is
   * a header and the next record line holds a time. Only complete lines are looked at, unless
   * {@code complete} says the prefix is the whole input.
   */
  static boolean looksLike(String text, boolean complete) {
    String[] all = text.split("\r\n|\r|\n", -1);
    int usable = complete ? all.length : all.length - 1;
    List<Field> header = null;
    char headerSep = 0;
    for (int i = 0; i < usable; i++) {
      String line = i == 0 && all[i].startsWith("\uFEFF") ? all[i].substring(1) : all[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.length() > 1000) {
        return false;
      }
      char sep = header == null ? separator(line) : rowSeparator(headerSep, line);
      List<Field> fields = split(line, sep);
      if (header == null) {
        if (anyTime(fields)) {
          return true;
        }
        if (namesIdColumns(fields)) {
          return false; // a per-reconcile table (this tool's labels.csv or reconciles.csv)
        }
        header = fields;
        headerSep = sep;
        continue;
      }
      return Layout.of(header, fields, sep) != null;
    }
    return false;
  }

  /**
   * The 1-based number of the first line of the text that is not blank, and that line stripped, for
   * an error message; null when there is none.
   */
  static Map.Entry<Integer, String> firstLine(String text) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String t = (i == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
      if (!t.isEmpty()) {
        return Map.entry(i + 1, t);
      }
    }
    return null;
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

  private static boolean anyTime(List<Field> fields) {
    for (Field f : fields) {
      if (Timestamps.isPlausible(f.text)) {
        return true;
      }
    }
    return false;
  }

  /** Which columns hold what, decided on the first data row (and the header, if any). */
  private record Layout(char separator, int start, int end, int columns) {
    /** The layout, or null when the row holds no time. */
    static Layout of(List<Field> header, List<Field> row, char sep) {
      int start = named(header, row, START_NAMES, -1);
      if (start < 0) {
        start = nextTime(row, 0, Long.MIN_VALUE);
      }
      if (start < 0) {
        return null;
      }
      long startValue = Timestamps.parse(row.get(start).text);
      int end = named(header, row, END_NAMES, start);
      if (end < 0 && header == null) {
        end = nextTime(row, start + 1, Long.MIN_VALUE);
      } else if (end < 0) {
        end = nextTime(row, start + 1, startValue);
      }
      return new Layout(sep, start, end, row.size());
    }

    /** The first column of the header named in {@code names} that holds a time on the row. */
    private static int named(List<Field> header, List<Field> row, Set<String> names, int not) {
      if (header == null) {
        return -1;
      }
      for (int i = 0; i < Math.min(header.size(), row.size()); i++) {
        if (i != not
            && names.contains(header.get(i).text.toLowerCase(Locale.ROOT))
            && Timestamps.isPlausible(row.get(i).text)) {
          return i;
        }
      }
      return -1;
    }

    private static int nextTime(List<Field> row, int from, long notBefore) {
      for (int i = from; i < row.size(); i++) {
        String t = row.get(i).text;
        if (Timestamps.isPlausible(t) && Timestamps.parse(t) >= notBefore) {
          return i;
        }
      }
      return -1;
    }
  }

  /** One data row, read; its shape tells a cut last line from the rows before. */
  private record Row(long line, long start, long end, String startText, int fields) {
    static Row of(String file, long line, List<Field> fields, Layout layout) throws InputException {
      Field startField = layout.start < fields.size() ? fields.get(layout.start) : null;
      if (startField == null || startField.text.isEmpty()) {
        throw new InputException(
            file,
            InputException.lineColumn(line, 1),
            "expected a time in column " + (layout.start + 1) + ", found an empty field");
      }
      long start = time(file, line, startField);
      long end = start;
      if (layout.end >= 0 && layout.end < fields.size() && !fields.get(layout.end).text.isEmpty()) {
        Field endField = fields.get(layout.end);
        end = time(file, line, endField);
        if (end < start) {
          throw new InputException(
              file,
              InputException.lineColumn(line, endField.column),
              "end before start: expected an end at or after "
                  + startField.text
                  + ", found "
                  + endField.text);
        }
      }
      return new Row(line, start, end, startField.text, fields.size());
    }

    boolean sameShape(Row before) {
      return shapeDifference(before) == null;
    }

    /** How this row differs from {@code other} in a way a cut would cause, or null. */
    String shapeDifference(Row other) {
      Row cut = this;
      Row full = other;
      if (cut.fields < full.fields) {
        return cut.fields + " fields instead of " + full.fields;
      }
      boolean unix = isUnix(full.startText);
      if (unix != isUnix(cut.startText)) {
        return "a different kind of time";
      }
      if (unix && integerDigits(cut.startText) != integerDigits(full.startText)) {
        return integerDigits(cut.startText) + " digits instead of " + integerDigits(full.startText);
      }
      if (!unix && hasZone(full.startText) && !hasZone(cut.startText)) {
        return "no time zone";
      }
      return null;
    }

    private static boolean isUnix(String t) {
      return !t.isEmpty() && Character.isDigit(t.charAt(0)) && t.indexOf('-') < 0;
    }

    private static int integerDigits(String t) {
      int dot = t.indexOf('.');
      return dot < 0 ? t.length() : dot;
    }

    private static boolean hasZone(String t) {
      if (t.endsWith("Z") || t.endsWith("z")) {
        return true;
      }
      int time = t.indexOf(':');
      return time >= 0 && (t.indexOf('+', time) >= 0 || t.indexOf('-', time) >= 0);
    }
  }

  private static long time(String file, long line, Field f) throws InputException {
    try {
      return Timestamps.parse(f.text);
    } catch (IllegalArgumentException e) {
      throw new InputException(file, InputException.lineColumn(line, f.column), e.getMessage());
    }
  }

  private record Field(String text, int column) {}

  /**
   * The separator of a data row under a header: the header's, or the row's own when it has none.
   */
  private static char rowSeparator(char headerSeparator, String line) {
    return headerSeparator != 0 ? headerSeparator : separator(line);
  }

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
}
