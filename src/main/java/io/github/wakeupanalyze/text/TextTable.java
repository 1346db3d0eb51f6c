package io.github.wakeupanalyze.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A table for a terminal: columns padded to their widest cell and separated by two spaces, each
 * column aligned left or right, trailing blanks removed. Cells are taken as given: make names from
 * traces printable ({@link Names#printable(String)}) before they get here.
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
}
