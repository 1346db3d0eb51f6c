package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.compare.Comparison.ControllerDiff;
import io.github.wakeupanalyze.compare.Comparison.OperatorDiff;
import io.github.wakeupanalyze.compare.Comparison.RuleResult;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.text.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal output: one row per operator (controller {@code *}) and per controller, then every
 * threshold with its result, then the verdict.
 */
public final class CompareTable {
  private static final List<Metric> COLUMNS = Metric.CONTROLLER_COLUMNS;

  private CompareTable() {}

  public static void print(Comparison c, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("operator", "controller", "status"));
    COLUMNS.forEach(m -> header.add(m.cliName()));
    rows.add(header.toArray(String[]::new));
    for (OperatorDiff o : c.operators()) {
      rows.add(row(o.operator(), "*", o.presence().label(), o.metrics()));
      for (ControllerDiff cd : o.controllers()) {
        rows.add(row(o.operator(), cd.controller(), cd.presence().label(), cd.metrics()));
      }
    }
    TextTable.lines(rows).forEach(out::println);
    for (OperatorDiff o : c.operators()) {
      if (!o.sampling().note().isEmpty()) {
        out.println(Names.printable(o.operator()) + ": " + o.sampling().note());
      }
    }
    out.println();
    if (c.options().rules().isEmpty()) {
      out.println("thresholds: none (--fail-on not given)");
    } else {
      out.println("thresholds:");
      for (RuleResult r : c.results()) {
        out.println(
            "  "
                + r.status().label().toUpperCase(Locale.ROOT)
                + "  "
                + r.rule().text()
                + "  "
                + Names.printable(r.subject())
                + ": "
                + r.detail());
      }
    }
    out.println(
        "verdict: "
            + CompareMarkdown.verdictWord(c)
            + " (baseline "
            + Names.printable(c.baseline().source())
            + ", "
            + Fmt.duration(c.baseline().windowNanos() / 1e9)
            + "; candidate "
            + Names.printable(c.candidate().source())
            + ", "
            + Fmt.duration(c.candidate().windowNanos() / 1e9)
            + ")");
    out.flush();
  }

  private static String[] row(
      String op, String controller, String status, java.util.Map<Metric, Change> metrics) {
    List<String> r =
        new ArrayList<>(List.of(Names.printable(op), Names.printable(controller), status));
    for (Metric m : COLUMNS) {
      r.add(Fmt.cell(m, metrics.get(m)));
    }
    return r.toArray(String[]::new);
  }
}
