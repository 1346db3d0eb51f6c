package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.text.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * One reading of a log's lines, in the order given: each line parsed ({@link LineParser}), placed
 * in time, and handed to the framework's rules ({@link FrameworkLines}), which find the reconciles.
 * A file is read by one ({@link LogReader}, twice for a newest-first log); lines that arrive while
 * the operator runs by another ({@link LiveLog}), whose order is time order by construction.
 *
 * <p><b>Time.</b> A line's own time is used when it is complete and has at least millisecond
 * digits; otherwise the {@code kubectl logs --timestamps} time (nanoseconds); otherwise the own
 * time, completed by {@link LogTime.Clock} when it has no date, and with a warning when it is whole
 * seconds. The choice is made on the first line with a time and kept.
 */
final class LineReading {
  /** What a line holding a Kubernetes audit event has, as the API server writes it. */
  static final String AUDIT_EVENT = "\"apiVersion\":\"audit.k8s.io/";

  private enum TimeSource {
    UNDECIDED,
    OWN,
    PREFIX
  }

  private final String file;
  private final String operatorOverride;
  private final String fileOperator;
  private final Consumer<LoggedReconcile> emit;
  final LogOrder order = new LogOrder();
  private final List<LoggedReconcile> held = new ArrayList<>(); // until the order is known
  private final Reconciles tracker;
  private final FrameworkLines frameworks;
  private final LogTime.Clock clock = new LogTime.Clock();
  private final LogRecord r = new LogRecord();
  private TimeSource source = TimeSource.UNDECIDED;
  private String first;
  private long firstNumber;
  private long records;
  private boolean wholeSeconds;

  /**
   * @param file names the input in messages, and the operator when neither {@code operatorOverride}
   *     nor a line's pod does
   * @param operatorOverride {@code --operator}, or null
   * @param match {@code --log-match}, or null
   * @param inTimeOrder the lines are known to come oldest first: nothing is held to find out
   */
  LineReading(
      String file,
      String operatorOverride,
      Pattern match,
      Consumer<LoggedReconcile> emit,
      boolean inTimeOrder) {
    this.file = file;
    this.operatorOverride = operatorOverride;
    this.fileOperator = operatorOverride != null ? operatorOverride : Synthetic.operatorOf(file);
    this.emit = emit;
    if (inTimeOrder) {
      order.assumeForward();
    }
    this.tracker =
        new Reconciles(
            x -> {
              if (order.decided()) {
                emit.accept(x);
              } else {
                held.add(x);
              }
            });
    this.frameworks = new FrameworkLines(tracker, match);
  }

  /**
   * Reads {@code line}, line {@code number} of the input. Once the order is known to be time order,
   * the reconciles held until then go on; in a newest-first log nothing does.
   */
  void accept(String line, long number) {
    if (first == null && !line.isBlank()) {
      first = line;
      firstNumber = number;
    }
    if (line.contains(AUDIT_EVENT)) {
      return; // an API server's output: its audit events between its own log lines
    }
    if (!LineParser.parse(line, r)) {
      return;
    }
    long own = r.partial == LogTime.COMPLETE ? r.ownNanos : -1;
    if (r.prefixNanos >= 0) {
      clock.saw(r.prefixNanos);
    } else if (own >= 0) {
      clock.saw(own);
    }
    if (source == TimeSource.UNDECIDED && (r.partial != LogTime.NONE || r.prefixNanos >= 0)) {
      boolean fine = own >= 0 && r.fractionDigits >= 3;
      source = fine || r.prefixNanos < 0 ? TimeSource.OWN : TimeSource.PREFIX;
      wholeSeconds = source == TimeSource.OWN && own >= 0 && r.fractionDigits == 0;
    }
    long t;
    if (source == TimeSource.PREFIX && r.prefixNanos >= 0) {
      t = r.prefixNanos;
    } else if (own >= 0) {
      t = own;
    } else if (r.partial != LogTime.NONE) {
      t = clock.complete(r);
    } else if (r.prefixNanos >= 0) {
      t = r.prefixNanos;
    } else {
      return; // a record without any time: nothing to place it by
    }
    records++;
    String operator =
        operatorOverride != null
            ? operatorOverride
            : r.pod != null ? LineParser.operatorOfPod(r.pod) : fileOperator;
    if (!order.decided()) {
      if (r.prefixNanos >= 0 || own >= 0) {
        order.saw(r.pod != null ? r.pod : operator, t);
      }
      if (order.decided() && order.backwards()) {
        return; // the caller reads the log again from its end
      }
      if (order.decided()) {
        held.forEach(emit);
        held.clear();
      }
    }
    frameworks.accept(r, t, operator);
  }

  /** Hands on the reconciles that ended and now need no more lines (live: the input paused). */
  void releaseEnded() {
    tracker.releaseEnded();
  }

  /**
   * The end of the input: what is left goes on; warnings for what the reading assumed.
   *
   * @param auditEvents lines of the input that hold Kubernetes audit events
   * @param found how many reconciles the reading handed on
   */
  void finish(long auditEvents, LongSupplier found, List<String> warnings) throws InputException {
    tracker.finish();
    if (!order.decided()) {
      held.forEach(emit);
      held.clear();
    }
    if (records == 0) {
      throw new InputException(
          file,
          first == null ? "" : Long.toString(firstNumber),
          first == null
              ? "empty: expected operator log lines"
              : "not an operator log: expected log lines with a time (zap, klog, tracing, "
                  + "logback, log4j, logfmt, JSON, or kubectl logs --timestamps), found \""
                  + Names.abbreviate(Names.printable(first.strip()))
                  + "\"");
    }
    if (clock.assumed()) {
      warnings.add(
          file
              + ": the log's times carry no date (klog writes no year; this pattern only the time"
              + " of day): read as days from 2000-01-01; kubectl logs --timestamps gives the"
              + " real dates");
    }
    if (wholeSeconds) {
      warnings.add(
          file
              + ": the log's times are whole seconds, so gaps shorter than a few seconds blur;"
              + " kubectl logs --timestamps gives nanoseconds");
    }
    if (found.getAsLong() == 0) {
      warnings.add(
          file
              + ": "
              + records
              + " log lines but no reconcile found: expected controller-runtime's V(5) lines"
              + " (--zap-log-level=5), Java Operator SDK DEBUG lines, kube-rs lines inside the"
              + " reconciling-object span, or --log-match REGEX (see docs/logs.md)"
              + (auditEvents == 0
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; %d %s Kubernetes audit events (an API server's output with its audit"
                          + " log in it): --format k8s-audit reads them",
                      auditEvents,
                      auditEvents == 1 ? "line holds" : "lines hold")));
    }
  }

  /** The end of a live input: every reconcile still open or lingering goes on. */
  void close() {
    tracker.finish();
  }
}
