package io.github.wakeupanalyze.ingest.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A log exported as CSV by the store it was collected in (Kibana's "Generate CSV" from Discover,
 * Splunk's export of events, a table of rows saved from a log view), read row by row as the lines
 * {@code kubectl logs --timestamps --prefix} would print for it.
 *
 * <p>The first line is a header; a column named for the log line ({@code event.original}, {@code
 * _raw}, {@code message}, {@code log}, {@code line}, {@code msg}: the first of these there) makes
 * it a log. Fields follow RFC 4180 (quotes, doubled quotes, line ends inside quoted fields); the
 * separator is the first of {@code ,} {@code ;} tab in the header. Of each row:
 *
 * <ul>
 *   <li>the line: that column, without the {@code '} Kibana puts before a value that would start a
 *       spreadsheet formula; a line of several lines gives several, the first after the pod and
 *       time. Where the column is {@code message} or {@code msg} and its value is no log line of
 *       its own (a collector decoded the operator's JSON line into columns, as Filebeat's {@code
 *       decode_json_fields} does), the row is made that JSON line again: {@code msg} and every
 *       other column;
 *   <li>the time ({@code @timestamp}, {@code _time}, {@code timestamp}, {@code time}), taken as the
 *       kubelet's when it is RFC 3339 with a zone (Kibana with an ISO date format, Splunk);
 *       Kibana's default {@code Jan 1, 2026 @ 00:00:00.000} is in the browser's zone, unnamed, so
 *       it is dropped and the line's own time places it;
 *   <li>the pod and container: {@code kubernetes.pod.name} and {@code kubernetes.container.name}
 *       (Filebeat, Elastic Agent, Fluent Bit), {@code k8s.pod.name}, {@code k8s.container.name}
 *       (OpenTelemetry), or the label names of {@link PodLabels}.
 * </ul>
 */
public final class CsvLogLines implements CriLines.Source {
  /** The column names that hold the log line, in the order they are preferred. */
  private static final List<String> MESSAGE =
      List.of("event.original", "_raw", "message", "log", "line", "msg");

  private static final List<String> TIME = List.of("@timestamp", "_time", "timestamp", "time");
  private static final List<String> POD =
      List.of("kubernetes.pod.name", "kubernetes.pod_name", "k8s.pod.name", "kubernetes_pod_name");
  private static final List<String> CONTAINER =
      List.of(
          "kubernetes.container.name",
          "kubernetes.container_name",
          "k8s.container.name",
          "kubernetes_container_name");

  private final CsvParser parser;
  private final MappingIterator<String[]> rows;
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private int message = -1;

  /**
   * The names of the columns besides the line, time, pod and container, where the line column is a
   * decoded message ({@code message}, {@code msg}); else empty.
   */
  private String[] fields = new String[0];

  private int time = -1;
  private int pod = -1;
  private int container = -1;

  public CsvLogLines(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    reader.mark(64 * 1024);
    char separator = separator(reader.readLine());
    reader.reset();
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    rows = mapper.readerFor(String[].class).with(schema).readValues(reader);
    parser = (CsvParser) rows.getParser();
  }

  /**
   * Whether {@code head}, the input's first characters (as much as a sniffer looks at), starts with
   * the header of a log's CSV.
   */
  public static boolean opens(String head) {
    String s = LogJson.head(head);
    int end = s.indexOf('\n');
    if (end < 0) {
      return false; // the header goes on past the bytes looked at, or there is no row
    }
    String header = s.substring(0, end).strip();
    if (header.startsWith("{") || header.startsWith("[")) {
      return false;
    }
    String[] names = header.split(String.valueOf(separator(header)), -1);
    for (int i = 0; i < names.length; i++) {
      names[i] = unquote(names[i]);
    }
    return column(names, MESSAGE) >= 0;
  }

  /** The line of the input the parser has reached, for error messages. */
  public long line() {
    return parser.currentLocation().getLineNr();
  }

  @Override
  public String next() throws IOException {
    while (ready.isEmpty()) {
      if (!rows.hasNextValue()) {
        return null;
      }
      String[] row = rows.nextValue();
      if (message < 0) {
        header(row);
        continue;
      }
      if (message >= row.length) {
        continue; // a short row: no line
      }
      StringBuilder head = new StringBuilder();
      PodPrefix.append(head, field(row, pod), field(row, container));
      String t = field(row, time);
      String kubelet = t == null ? null : KubeletTime.ofWhole(t.strip());
      if (kubelet != null) {
        head.append(kubelet).append(' ');
      }
      String line = formula(row[message]);
      LogJson.addLines(
          ready, head, fields.length > 0 && !aLogLine(line) ? object(row, line) : line);
    }
    return ready.poll();
  }

  private void header(String[] row) {
    String[] names = new String[row.length];
    for (int i = 0; i < row.length; i++) {
      names[i] = row[i].strip();
    }
    message = column(names, MESSAGE);
    time = column(names, TIME);
    pod = column(names, POD);
    container = column(names, CONTAINER);
    for (int i = 0; i < names.length; i++) {
      pod = pod < 0 && PodLabels.pod(names[i]) ? i : pod;
      container = container < 0 && PodLabels.container(names[i]) ? i : container;
    }
    if (message < 0) {
      message = Integer.MAX_VALUE; // not a log's header after all: no row has a line
      return;
    }
    String name = names[message].toLowerCase(Locale.ROOT);
    if (name.equals("message") || name.equals("msg")) {
      List<String> more = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        boolean own = i == message || i == time || i == pod || i == container;
        more.add(own || names[i].isEmpty() ? null : names[i]);
      }
      fields = more.toArray(String[]::new);
    }
  }

  /**
   * Whether {@code line} reads as a log line of its own: a JSON object, a line that starts with a
   * time (zap console, logback, tracing), klog's {@code I0501 } or logfmt's {@code key=}. Otherwise
   * a collector decoded the line into columns and {@code message} is only its message.
   */
  private static boolean aLogLine(String line) {
    if (line.isEmpty() || line.charAt(0) == '{' || Character.isDigit(line.charAt(0))) {
      return true;
    }
    if (KLOG.matcher(line).lookingAt()) {
      return true;
    }
    return LOGFMT.matcher(line).lookingAt();
  }

  private static final Pattern KLOG = Pattern.compile("[IWEF]\\d{4} ");
  private static final Pattern LOGFMT = Pattern.compile("[A-Za-z_][\\w.]*=");

  /**
   * A decoded row as the JSON line it came from: {@code msg} the message, each other non-empty
   * column under its name ({@code json.} taken off, as Filebeat's {@code json} input adds it).
   */
  private String object(String[] row, String message) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = LogJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("msg", message);
      for (int i = 0; i < row.length && i < fields.length; i++) {
        if (fields[i] != null && !row[i].isEmpty()) {
          String name = fields[i].startsWith("json.") ? fields[i].substring(5) : fields[i];
          g.writeStringField(name, row[i]);
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // never: a StringWriter
    }
    return out.toString();
  }

  private static String field(String[] row, int column) {
    return column >= 0 && column < row.length && !row[column].isEmpty() ? row[column] : null;
  }

  /** The first of {@code wanted} among {@code names}, ignoring case; -1 when none is there. */
  private static int column(String[] names, List<String> wanted) {
    for (String w : wanted) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].toLowerCase(Locale.ROOT).equals(w)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The value Kibana wrote as {@code 'VALUE} so that a spreadsheet does not run it. */
  private static String formula(String value) {
    return value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0
        ? value.substring(1)
        : value;
  }

  /** The first of {@code ,} {@code ;} tab in {@code header}; {@code ,} when none is there. */
  private static char separator(String header) {
    if (header != null) {
      for (int i = 0; i < header.length(); i++) {
        char c = header.charAt(i);
        if (c == ',' || c == ';' || c == '\t') {
          return c;
        }
      }
    }
    return ',';
  }

  private static String unquote(String name) {
    String s = name.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1).replace("\"\"", "\"")
        : s;
  }
}
