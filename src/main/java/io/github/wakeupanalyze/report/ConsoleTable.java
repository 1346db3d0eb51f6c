package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.text.TextTable;
import io.github.wakeupanalyze.text.TextTable.Align;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The short table printed on standard output: one row per operator, then a line for each operator
 * whose trace is sampled ({@code op: sampled p≈0.43 (inferred)}).
 */
public final class ConsoleTable {
  private ConsoleTable() {}

  public static void print(Analysis analysis, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"operator", "reconciles", "timer-driven", "timers found", "wake-ups/h"});
    for (OperatorView op : OperatorView.of(analysis)) {
      InputEvidence ev = InputEvidence.of(op.reconciles());
      List<String> ts = new ArrayList<>();
      for (TimerFinding t : op.timers()) {
        String d = ev.timer(t);
        if (!ts.contains(d)) {
          ts.add(d);
        }
      }
      double rate = op.wakeupsPerHour();
      rows.add(
          new String[] {
            Names.printable(op.operator()),
            Integer.toString(op.reconcileCount()),
            Format.percent(op.timerShare()),
            ts.isEmpty() ? "none" : String.join(", ", ts),
            Double.isNaN(rate) ? "n/a" : Format.fixed(rate, 1)
          });
    }
    TextTable.lines(rows, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.LEFT, Align.RIGHT)
        .forEach(out::println);
    if (rows.size() == 1) {
      out.println("(no reconcile spans found)");
    }
    for (OperatorView op : OperatorView.of(analysis)) {
      String sampling = op.samplingSentence();
      if (!sampling.isEmpty()) {
        out.println(Names.printable(op.operator()) + ": " + sampling);
      }
    }
    out.flush();
  }
}
