package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.text.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The table printed on a terminal: one row per call site in product code, then one summary line.
 * Text from the scanned code goes through {@link Names#printable}; long cells are cut with {@code
 * ...} so a row stays on one line of a wide terminal.
 */
public final class CallSitesTable {
  private static final int MAX_CELL = 48;

  private CallSitesTable() {}

  public static void print(ScanResult r, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"site", "controller", "mechanism", "kind", "delay", "condition"});
    for (CallSite s : r.sites()) {
      rows.add(
          new String[] {
            cell(s.file() + ":" + s.line()),
            cell(s.controller()),
            s.mechanism().label(),
            s.kind().label(),
            cell(s.delay().human()),
            cell(s.condition())
          });
    }
    if (!r.sites().isEmpty()) {
      TextTable.lines(rows).forEach(out::println);
    }
    out.println(CallSitesMarkdown.summary(r));
    out.flush();
  }

  /**
   * The timers of an analysis and the call sites matched to each (the best one; {@code (+N)} when
   * more fit), e.g. {@code psmdb-controller 5 s requeue pkg/.../controller.go:64 default 5 s, env
   * RECONCILE_INTERVAL delay and controller}.
   */
  public static void printLinks(Analysis analysis, SourceLinks links, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"controller", "timer", "call site", "delay in code", "matched by"});
    for (ControllerResult c : analysis.controllers()) {
      for (TimerFinding t : c.timers()) {
        TimerMatcher.Link link = links.of(t);
        CallSite best = link.sites().isEmpty() ? null : link.sites().get(0);
        rows.add(
            new String[] {
              cell(c.controller()),
              Durations.human(t.delaySeconds()) + " " + t.source().label(),
              best == null
                  ? "none found"
                  : cell(best.file() + ":" + best.line())
                      + (link.sites().size() > 1 ? " (+" + (link.sites().size() - 1) + ")" : ""),
              best == null ? "" : cell(best.delay().human()),
              link.basis().label()
            });
      }
    }
    if (rows.size() > 1) {
      TextTable.lines(rows).forEach(out::println);
    } else {
      out.println("(no timer found in the traces to match to a call site)");
    }
    out.flush();
  }

  /** Printable, at most {@value #MAX_CELL} characters (a cut ends in {@code ...}). */
  static String cell(String s) {
    String p = Names.printable(s);
    if (p.length() <= MAX_CELL) {
      return p;
    }
    // keep the end of a path (the file name and line matter most)
    return p.contains("/") && !p.contains(" ")
        ? "..." + p.substring(p.length() - (MAX_CELL - 3))
        : p.substring(0, MAX_CELL - 3) + "...";
  }
}
