package io.github.wakeupanalyze.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as text, in two forms: for a terminal ({@link #lines}: columns padded to their widest
 * cell and separated by two spaces, each column aligned left or right, trailing blanks removed) and
 * as a GitHub-flavoured Markdown table ({@link #markdown}). Cells are taken as given: make names
 * from traces printable ({@link Names#printable(String)}) or Markdown-safe ({@link
 * Names#markdown(String)}) before they get here.
 */
public final class TextTable {
  /** How a column's cells sit in its width. */
  public enum Align {
    LEFT,
    RIGHT
  }

  private TextTable() {}

  /**
   * The lines of the table, header first when {@code rows.get(0)} is one. A column without an
   * {@code align} entry is left-aligned; a short row leaves its last columns empty.
   *
   * <p>Example: rows {@code [["operator","reconciles"],["percona","468"]]} aligned {@code LEFT,
   * RIGHT} give {@code "operator reconciles"} and {@code "percona 468"}.
   */
  public static List<String> lines(List<String[]> rows, Align... align) {
    int cols = 0;
    for (String[] r : rows) {
      cols = Math.max(cols, r.length);
    }
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>(rows.size());
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String cell = i < r.length ? r[i] : "";
        String fill = " ".repeat(width[i] - cell.length());
        boolean right = i < align.length && align[i] == Align.RIGHT;
        sb.append(i == 0 ? "" : "  ").append(right ? fill + cell : cell + fill);
      }
      out.add(sb.toString().stripTrailing());
    }
    return out;
  }

  /**
   * The lines of a Markdown table: {@code rows.get(0)} is the header, then the delimiter row
   * ({@code ---}, or {@code ---:} for a right-aligned column), then the other rows; every row has
   * the header's number of cells (a short row is filled with empty ones). An empty cell is one
   * blank.
   *
   * <p>Example: rows {@code [["operator","reconciles"],["percona","468"]]} aligned {@code LEFT,
   * RIGHT} give {@code "| operator | reconciles |"}, {@code "|---|---:|"} and {@code "| percona |
   * 468 |"}.
   *
   * @throws IllegalArgumentException when a cell holds a line break, which would end the table
   */
  public static List<String> markdown(List<String[]> rows, Align... align) {
    int cols = rows.get(0).length;
    List<String> out = new ArrayList<>(rows.size() + 1);
    out.add(markdownRow(rows.get(0), cols));
    StringBuilder delimiter = new StringBuilder("|");
    for (int i = 0; i < cols; i++) {
      delimiter.append(i < align.length && align[i] == Align.RIGHT ? "---:|" : "---|");
    }
    out.add(delimiter.toString());
    for (String[] r : rows.subList(1, rows.size())) {
      out.add(markdownRow(r, cols));
    }
    return out;
  }

  private static String markdownRow(String[] cells, int cols) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cols; i++) {
      String cell = i < cells.length ? cells[i] : "";
      if (cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a Markdown table cell holds a line break: " + cell);
      }
      sb.append(cell.isEmpty() ? " |" : " " + cell + " |");
    }
    return sb.toString();
  }
}
