package io.github.wakeupanalyze.ingest.log;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.wakeupanalyze.ingest.core.CriLines;
import io.github.wakeupanalyze.ingest.core.CsvLogLines;
import io.github.wakeupanalyze.ingest.core.GrafanaJsonLines;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.LokiJsonLines;
import io.github.wakeupanalyze.ingest.core.NodeLogs;
import io.github.wakeupanalyze.ingest.core.OtlpLogLines;
import io.github.wakeupanalyze.ingest.core.SpanSink;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.ingest.core.TextLines;
import io.github.wakeupanalyze.ingest.core.TraceReader;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.WakeupAttributes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Reads an operator's log as reconciles: each line is parsed whatever its format ({@link
 * LineParser}), lines that are not records of their own (stack frames, continuations) belong to the
 * one before, and the reconciles are found by the framework's own lines ({@link FrameworkLines}).
 *
 * <p><b>Time.</b> As {@link LineReading} places a line: its own time when it has milliseconds, else
 * the {@code kubectl logs --timestamps} time, else its own time completed.
 *
 * <p><b>Operator.</b> {@code --operator}, else the pod of a {@code kubectl logs --prefix} line
 * without its ReplicaSet suffixes, else the file name without its extensions.
 *
 * <p><b>Spans.</b> Each reconcile becomes a root span named {@value #SPAN_NAME}, kind INTERNAL,
 * status ERROR when its lines say it failed, with attributes {@code controller}, {@code namespace}
 * and {@code name} (or kube-rs {@code object.ref} and {@code object.reason}), {@value
 * WakeupAttributes#TRIGGER} where the lines name the trigger and {@value
 * WakeupAttributes#REQUEUE_AFTER_NANOS} where they state the requeue delay. Ids are {@link
 * Synthetic}: (a hash of the file name, the reconcile's number).
 *
 * <p><b>Order.</b> A log that lists its newest line first ({@link LogOrder}) is read again from its
 * end: the lines read until the order is known, and after it the rest, go to a temporary file
 * ({@link Spool}), which is then read backwards; what the first reading found is dropped.
 *
 * <p>Memory: one line at a time (at most {@value #MAX_LINE} characters are kept of a longer one),
 * plus the reconciles in flight ({@link Reconciles}); a newest-first log also takes its lines' size
 * on disk.
 */
public final class LogReader implements TraceReader {
  /** The name of the spans made from logs; the default {@code --reconcile-span} matches it. */
  public static final String SPAN_NAME = "reconcile";

  static final int MAX_LINE = 1 << 20;

  /**
   * The bytes looked at to tell a document or a CSV header from lines of text: as many as the
   * format sniffer looks at, so a CSV header it took for a log's is one here too.
   */
  private static final int HEAD = 64 * 1024;

  private final String operatorOverride;
  private final Pattern match;
  private final List<String> warnings = new ArrayList<>();

  /**
   * @param operatorOverride {@code --operator}, or null
   * @param match {@code --log-match}, or null
   */
  public LogReader(String operatorOverride, Pattern match) {
    this.operatorOverride = operatorOverride;
    this.match = match;
  }

  @Override
  public void read(InputStream in, String file, SpanSink sink) throws IOException, InputException {
    warnings.clear();
    long fileHash = Synthetic.hash(file);
    long[] reconciles = {0};
    Span.Builder builder = Span.builder();
    Consumer<LoggedReconcile> emit = x -> sink.accept(span(builder, x, fileHash, ++reconciles[0]));
    BufferedInputStream buffered =
        in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, HEAD);
    buffered.mark(HEAD);
    byte[] head = buffered.readNBytes(HEAD);
    buffered.reset();
    long[] auditEvents = {0};
    Source source = source(head, buffered, auditEvents);
    CriLines.Source logLines = source.lines();
    LongSupplier where = source.where();
    String document = source.document();
    Spool spool = spool();
    try {
      LineReading pass = new LineReading(file, operatorOverride, match, emit, false);
      boolean reversing = false;
      String line;
      while ((line = next(logLines, file, document)) != null) {
        if (spool != null && (reversing || !pass.order.decided())) {
          spool.add(where.getAsLong(), line);
        }
        if (reversing) {
          continue;
        }
        pass.accept(line, where.getAsLong());
        if (pass.order.decided() && pass.order.backwards()) {
          if (spool == null) {
            throw backwards(pass.order, file, where.getAsLong());
          }
          reversing = true; // what it found is dropped; the rest is only kept
        } else if (pass.order.decided() && spool != null) {
          spool.close(); // in time order: read once, as it comes
          spool = null;
        }
      }
      if (!pass.order.decided() && pass.order.backwards()) {
        if (spool == null) {
          throw backwards(pass.order, file, where.getAsLong());
        }
        reversing = true;
      }
      if (reversing) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "%s: the log lists its newest line first (%s), as logcli and log views do by"
                    + " default: read from its end instead, through a temporary copy of %s",
                file,
                pass.order.steps(),
                spool.bytes() < 1_000_000
                    ? String.format(Locale.ROOT, "%.0f kB", spool.bytes() / 1e3)
                    : String.format(Locale.ROOT, "%.1f MB", spool.bytes() / 1e6)));
        pass = new LineReading(file, operatorOverride, match, emit, false);
        try (Spool.Reversed lines = spool.reversed()) {
          while ((line = lines.next()) != null) {
            pass.accept(line, lines.number());
            if (pass.order.decided() && pass.order.backwards()) {
              throw new InputException(
                  file,
                  Long.toString(lines.number()),
                  "the log's lines are in no time order: its newest line comes first at its"
                      + " start, and read from its end ("
                      + pass.order.steps()
                      + ") too; expected one log in time order");
            }
          }
        }
      }
      pass.finish(auditEvents[0], () -> reconciles[0], warnings);
    } finally {
      if (spool != null) {
        spool.close();
      }
    }
  }

  /**
   * Where the lines come from: a document read record by record, or lines of text.
   *
   * @param lines the lines, each as {@code kubectl logs --timestamps} would print it
   * @param where the input's line the reading has reached, for error messages
   * @param document what the input is when it is one JSON or CSV document, for error messages; null
   *     for lines of text
   */
  private record Source(CriLines.Source lines, LongSupplier where, String document) {}

  /**
   * The source for an input whose first bytes are {@code head}; lines of text count the audit
   * events in them into {@code auditEvents[0]}.
   */
  private static Source source(byte[] head, BufferedInputStream in, long[] auditEvents)
      throws IOException {
    String text = new String(head, StandardCharsets.UTF_8);
    if (OtlpLogLines.opens(text)) {
      OtlpLogLines otlp = new OtlpLogLines(in); // the OpenTelemetry Collector's export
      return new Source(otlp, otlp::line, "OTLP JSON logs");
    }
    if (GrafanaJsonLines.opens(text)) {
      GrafanaJsonLines grafana = new GrafanaJsonLines(in);
      return new Source(grafana, grafana::line, "JSON of a Grafana logs download");
    }
    if (LokiJsonLines.opens(text)) {
      LokiJsonLines loki = new LokiJsonLines(in); // curl of Loki's query_range
      return new Source(loki, loki::line, "JSON of a Loki query's answer");
    }
    if (CsvLogLines.opens(text)) {
      CsvLogLines csv = new CsvLogLines(in); // Kibana's, Splunk's, a log view's table
      return new Source(csv, csv::line, "CSV of a log export");
    }
    TextLines lines = new TextLines(in, MAX_LINE);
    CriLines.Source plain = // also the container's file on its node
        NodeLogs.lines(
            () -> {
              String raw = lines.next();
              if (raw != null && raw.contains(LineReading.AUDIT_EVENT)) {
                auditEvents[0]++; // as written: an event in a Docker record is no audit line
              }
              return raw;
            },
            MAX_LINE);
    return new Source(plain, lines::number, null);
  }

  /** A spool for the lines read until the log's order is known, or null when none can be made. */
  private static Spool spool() {
    try {
      return new Spool();
    } catch (IOException | SecurityException e) {
      return null; // a newest-first log then fails, as it says
    }
  }

  /** The next line; a broken JSON document (a {@code document}) is one line naming its place. */
  private static String next(CriLines.Source lines, String file, String document)
      throws IOException, InputException {
    try {
      return lines.next();
    } catch (JsonProcessingException e) {
      if (document == null) {
        throw e; // lines of text: not a document's syntax
      }
      JsonLocation at = e.getLocation();
      throw new InputException(
          file,
          at == null ? "" : InputException.lineColumn(at.getLineNr(), at.getColumnNr()),
          "not valid " + document + ": " + e.getOriginalMessage(),
          e);
    }
  }

  private static InputException backwards(LogOrder order, String file, long line) {
    return new InputException(
        file,
        Long.toString(line),
        "the log lists its newest line first ("
            + order.steps()
            + "), as logcli and log views do by default: expected the oldest first (logcli query"
            + " --forward, Grafana's \"Oldest first\" before \"Download logs\", or reverse the"
            + " file with tac)");
  }

  @Override
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  static Span span(Span.Builder b, LoggedReconcile x, long fileHash, long n) {
    b.reset()
        .service(x.operator)
        .traceId(fileHash, n)
        .spanId(Synthetic.mix(fileHash ^ n))
        .name(SPAN_NAME)
        .kind(1)
        .startNanos(x.start)
        .endNanos(Math.max(x.start, x.end))
        .error(x.error)
        .attribute(WakeupAttributes.COMPLETE, "true");
    if (x.controller != null) {
      b.attribute(WakeupAttributes.CONTROLLER, x.controller);
    }
    if (x.objectRef != null) {
      b.attribute("object.ref", x.objectRef);
    } else if (x.name != null) {
      b.attribute("name", x.name);
      if (x.namespace != null) {
        b.attribute("namespace", x.namespace);
      }
    }
    if (x.reason != null) {
      b.attribute("object.reason", x.reason);
    }
    if (x.hint != null) {
      b.attribute(WakeupAttributes.TRIGGER, x.hint.name().toLowerCase(Locale.ROOT));
    }
    if (x.requeueAfterNanos >= 0) {
      b.attribute(WakeupAttributes.REQUEUE_AFTER_NANOS, Long.toString(x.requeueAfterNanos));
    }
    return b.build();
  }
}
