package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.text.Names;
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
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] row : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    if (!r.sites().isEmpty()) {
      for (String[] row : rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols; i++) {
          sb.append(i == 0 ? "" : "  ")
              .append(row[i])
              .append(" ".repeat(width[i] - row[i].length()));
        }
        out.println(sb.toString().stripTrailing());
      }
    }
    out.println(CallSitesMarkdown.summary(r));
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
