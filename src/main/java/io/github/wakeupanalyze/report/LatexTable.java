package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.report.chart.TexText;
import io.github.wakeupanalyze.text.Names;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline numbers as a LaTeX table that fits {@code \linewidth} (six columns, a {@code
 * tabularx} whose two text columns wrap, each operator as a row of its own, notes below): per
 * controller the reconciles, wake-ups per hour, share timer-driven, the timers found and the share
 * of timer-driven reconciles that wrote nothing. To {@code \input} inside the reader's own {@code
 * table} environment; needs the booktabs and tabularx packages.
 *
 * <p>Only what the input shows: without end times a timer is given by its start→start period,
 * without API calls "wrote nothing" is n/a, and a periodic source outside the operator is listed as
 * external changes, not as a timer.
 */
public final class LatexTable {
  private LatexTable() {}

  public static void write(Analysis analysis, String toolVersion, Writer w) throws IOException {
    // controller → {timer-driven with calls recorded, of those wrote nothing}
    Map<String, int[]> timerWrote = new HashMap<>();
    boolean unrecorded = false;
    for (ClassifiedReconcile cr : analysis.reconciles()) {
      unrecorded |= !cr.reconcile().calls().recorded();
      if (cr.classification().trigger() == Trigger.TIMER && cr.reconcile().calls().recorded()) {
        StreamKey k = cr.reconcile().key();
        int[] c =
            timerWrote.computeIfAbsent(k.operator() + "\u0000" + k.controller(), x -> new int[2]);
        c[0]++;
        if (cr.reconcile().calls().writes() == 0) {
          c[1]++;
        }
      }
    }
    InputEvidence ev = InputEvidence.of(analysis.reconciles());
    w.write("% Headline numbers written by wakeup-analyze " + escape(toolVersion) + ".\n");
    w.write("% Needs \\usepackage{booktabs} and \\usepackage{tabularx}; fits \\linewidth.\n");
    w.write(
        "\\begin{tabularx}{\\linewidth}{@{}>{\\raggedright\\arraybackslash}X"
            + " r r r >{\\raggedright\\arraybackslash}X r@{}}\n\\toprule\n");
    w.write(
        "Controller & Reconciles & Per hour & Timer-driven & "
            + (ev.endTimes() ? "Timers (delay $\\pm$ jitter)" : "Timers (period $\\pm$ jitter)")
            + " & Wrote nothing \\\\\n\\midrule\n");
    List<OperatorView> ops = OperatorView.of(analysis);
    for (int o = 0; o < ops.size(); o++) {
      OperatorView op = ops.get(o);
      if (o > 0) {
        w.write("\\addlinespace\n");
      }
      w.write("\\multicolumn{6}{@{}l}{\\textit{" + breakable(op.operator()) + "}} \\\\\n");
      for (ControllerResult c : op.controllers()) {
        List<String> timers = new ArrayList<>();
        for (TimerFinding t : c.timers()) {
          double d = ev.endTimes() ? t.delaySeconds() : t.periodSeconds();
          String text = duration(d) + " $\\pm$ " + duration(t.jitterSeconds());
          timers.add(InputEvidence.external(t) ? "external, every " + text : text);
        }
        int[] tw = timerWrote.getOrDefault(c.operator() + "\u0000" + c.controller(), new int[2]);
        double rate = OperatorView.rate(c.reconciles(), op.hours());
        w.write(
            "\\quad "
                + breakable(c.controller())
                + " & "
                + c.reconciles()
                + " & "
                + (Double.isNaN(rate) ? "n/a" : Format.fixed(rate, 1))
                + " & "
                + percent(Format.share(c.timerDriven(), c.reconciles()))
                + " & "
                + (timers.isEmpty() ? "none" : String.join("; ", timers))
                + " & "
                + (ev.apiCalls() ? percent(Format.share(tw[1], tw[0])) : "n/a")
                + " \\\\\n");
      }
    }
    w.write("\\bottomrule\n\\end{tabularx}\n");
    w.write("\\par\\smallskip{\\footnotesize\\raggedright ");
    w.write(
        "Per hour: reconciles per hour of the observed window ("
            + escape(Format.duration(analysis.hours() * 3600))
            + "). ");
    w.write(
        ev.endTimes()
            ? "Delay: from the end of one reconcile to the start of the next on the same object. "
            : "The input has start times only, so timers are given by their start-to-start period,"
                + " not by their delay. ");
    w.write(
        ev.apiCalls()
            ? "Wrote nothing: share of the timer-driven reconciles that made no API write"
                + (unrecorded ? ", of those whose calls the input records (not a log's)." : ".")
            : "Wrote nothing: n/a, the input records no API calls.");
    for (OperatorView op : ops) {
      String sampling = op.samplingSentence();
      if (!sampling.isEmpty()) {
        w.write(
            " \\textit{"
                + breakable(op.operator())
                + "}: counts and rates are of the kept reconciles, "
                + TexText.escape(sampling)
                + ".");
      }
    }
    w.write("\\par}\n");
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : Format.fixed(100 * share, 1) + "\\,\\%";
  }

  private static String duration(double s) {
    return escape(Format.duration(s)).replace(" ", "\\,");
  }

  /** A name that may break after {@code - / . _ :} when its column is narrow. */
  private static String breakable(String name) {
    return escape(name).replaceAll("(-|/|\\.|\\\\_|:)", "$1\\\\allowbreak{}");
  }

  /**
   * A name from a trace, shortened ({@link Names#shorten}) and escaped ({@link TexText#escape}).
   */
  public static String escape(String s) {
    return TexText.escape(Names.shorten(s));
  }
}
