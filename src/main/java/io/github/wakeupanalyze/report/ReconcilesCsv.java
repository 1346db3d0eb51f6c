package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.Classification;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code reconciles.csv}: one row per reconcile, RFC 4180, a header row, rows sorted by operator,
 * controller, object and start. A public interface: columns are only ever added at the end.
 */
public final class ReconcilesCsv {
  public static final String HEADER =
      "operator,controller,object,trace_id,span_id,start_unix_nano,end_unix_nano,trigger,cause,"
          + "confidence,timer_period_s,error,reason,api_reads,api_writes,write_targets,basis";

  private ReconcilesCsv() {}

  public static void write(Analysis analysis, Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    StringBuilder row = new StringBuilder(256);
    for (ClassifiedReconcile cr : analysis.reconciles()) {
      Reconcile r = cr.reconcile();
      Classification c = cr.classification();
      row.setLength(0);
      field(row, r.key().operator()).append(',');
      field(row, r.key().controller()).append(',');
      field(row, r.key().object()).append(',');
      row.append(r.traceIdHex()).append(',').append(r.spanIdHex()).append(',');
      row.append(r.startNanos()).append(',').append(r.endNanos()).append(',');
      row.append(c.trigger().label()).append(',').append(c.cause().label()).append(',');
      row.append(Format.fixed(c.confidence(), 3)).append(',');
      row.append(c.trigger() == Trigger.TIMER ? Format.seconds(c.timerSeconds()) : "").append(',');
      row.append(r.error()).append(',');
      field(row, r.reason() == null ? "" : r.reason()).append(',');
      row.append(r.calls().reads()).append(',').append(r.calls().writes()).append(',');
      field(row, String.join(" ", r.calls().writeTargets())).append(',');
      field(row, c.basis() == null ? "" : c.basis());
      row.append('\n');
      out.append(row);
    }
  }

  /** Appends a CSV field, quoted when it holds a comma, quote, or line break. */
  static StringBuilder field(StringBuilder sb, String v) {
    boolean quote = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      return sb.append(v);
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    return sb.append('"');
  }
}
