package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline numbers as a LaTeX {@code booktabs} table, one row per controller: reconciles,
 * wake-ups per hour, share timer-driven, timers found (delay ± jitter) and the share of
 * timer-driven reconciles that wrote nothing. A bare {@code tabular} to {@code \input} inside the
 * reader's own {@code table} environment; needs the booktabs package.
 */
public final class LatexTable {
  private LatexTable() {}

  public static void write(Analysis analysis, String toolVersion, Writer w) throws IOException {
    Map<String, int[]> timerWrote = new HashMap<>(); // controller → {timer-driven, wrote nothing}
    for (ClassifiedReconcile cr : analysis.reconciles()) {
      if (cr.classification().trigger() == Trigger.TIMER) {
        StreamKey k = cr.reconcile().key();
        int[] c =
            timerWrote.computeIfAbsent(k.operator() + "\u0000" + k.controller(), x -> new int[2]);
        c[0]++;
        if (cr.reconcile().calls().writes() == 0) {
          c[1]++;
        }
      }
    }
    w.write("% Headline numbers written by wakeup-analyze " + escape(toolVersion) + ".\n");
    w.write(
        "% Needs \\usepackage{booktabs}. Rates are per hour of the observed window ("
            + Format.duration(analysis.hours() * 3600)
            + ").\n");
    w.write("\\begin{tabular}{llrrrlr}\n\\toprule\n");
    w.write(
        "Operator & Controller & Reconciles & Wake-ups/h & Timer-driven & Timers (delay "
            + "$\\pm$ jitter) & Timer-driven, wrote nothing \\\\\n\\midrule\n");
    List<OperatorView> ops = OperatorView.of(analysis);
    for (int o = 0; o < ops.size(); o++) {
      OperatorView op = ops.get(o);
      if (o > 0) {
        w.write("\\addlinespace\n");
      }
      for (ControllerResult c : op.controllers()) {
        List<String> timers = new ArrayList<>();
        for (TimerFinding t : c.timers()) {
          timers.add(duration(t.delaySeconds()) + " $\\pm$ " + duration(t.jitterSeconds()));
        }
        int[] tw = timerWrote.getOrDefault(c.operator() + "\u0000" + c.controller(), new int[2]);
        double rate = OperatorView.rate(c.reconciles(), op.hours());
        w.write(
            escape(c.operator())
                + " & "
                + escape(c.controller())
                + " & "
                + c.reconciles()
                + " & "
                + (Double.isNaN(rate) ? "n/a" : Format.fixed(rate, 1))
                + " & "
                + percent(Format.share(c.timerDriven(), c.reconciles()))
                + " & "
                + (timers.isEmpty() ? "none" : String.join(", ", timers))
                + " & "
                + percent(Format.share(tw[1], tw[0]))
                + " \\\\\n");
      }
    }
    w.write("\\bottomrule\n\\end{tabular}\n");
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : Format.fixed(100 * share, 1) + "\\,\\%";
  }

  private static String duration(double s) {
    return Format.duration(s).replace(" ", "\\,");
  }

  /**
   * Text safe in LaTeX: the ten special characters and {@code < > |} become commands, control
   * characters {@code ?}; everything else is kept (UTF-8 input, as with a modern LaTeX).
   */
  public static String escape(String name) {
    String s = Names.shorten(name);
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\textbackslash{}");
        case '{', '}', '$', '&', '#', '_', '%' -> sb.append('\\').append(c);
        case '^' -> sb.append("\\textasciicircum{}");
        case '~' -> sb.append("\\textasciitilde{}");
        case '<' -> sb.append("\\textless{}");
        case '>' -> sb.append("\\textgreater{}");
        case '|' -> sb.append("\\textbar{}");
        default -> sb.append(Character.isISOControl(c) ? '?' : c);
      }
    }
    return sb.toString();
  }
}
