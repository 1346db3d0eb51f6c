package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.Classification;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.text.Csv;
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
      Csv.text(row, r.key().operator()).append(',');
      Csv.text(row, r.key().controller()).append(',');
      Csv.text(row, r.key().object()).append(',');
      row.append(r.traceIdHex()).append(',').append(r.spanIdHex()).append(',');
      row.append(r.startNanos()).append(',').append(r.endNanos()).append(',');
      row.append(c.trigger().label()).append(',').append(c.cause().label()).append(',');
      row.append(Format.fixed(c.confidence(), 3)).append(',');
      row.append(c.trigger() == Trigger.TIMER ? Format.seconds(c.timerSeconds()) : "").append(',');
      row.append(r.error()).append(',');
      Csv.text(row, r.reason() == null ? "" : r.reason()).append(',');
      if (r.calls().recorded()) {
        row.append(r.calls().reads()).append(',').append(r.calls().writes()).append(',');
      } else {
        row.append(",,"); // an operator's log holds no calls: unknown, not none
      }
      Csv.text(row, String.join(" ", r.calls().writeTargets())).append(',');
      Csv.text(row, c.basis() == null ? "" : c.basis());
      row.append('\n');
      out.append(row);
    }
  }
}
