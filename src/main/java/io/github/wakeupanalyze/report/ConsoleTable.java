package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.text.Names;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The short table printed on standard output: one row per operator. */
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
    int[] width = new int[5];
    for (String[] r : rows) {
      for (int i = 0; i < 5; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        boolean left = i == 0 || i == 3;
        String cell = left ? pad(r[i], width[i], false) : pad(r[i], width[i], true);
        sb.append(i == 0 ? "" : "  ").append(cell);
      }
      out.println(sb.toString().stripTrailing());
    }
    if (rows.size() == 1) {
      out.println("(no reconcile spans found)");
    }
    out.flush();
  }

  private static String pad(String s, int w, boolean right) {
    String fill = " ".repeat(Math.max(0, w - s.length()));
    return right ? fill + s : s + fill;
  }
}
