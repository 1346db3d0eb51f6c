package io.github.wakeupanalyze.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.text.TextTable.Align;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void columns_arePaddedToTheWidestCellAndAlignedAsAsked() {
    List<String> lines =
        TextTable.lines(
            List.of(
                new String[] {"operator", "reconciles", "timers"},
                new String[] {"percona", "468", "5 s"},
                new String[] {"kube-rs-example", "87", "none"}),
            Align.LEFT,
            Align.RIGHT);
    assertEquals(
        List.of(
            "operator         reconciles  timers",
            "percona                 468  5 s",
            "kube-rs-example          87  none"),
        lines);
  }

  @Test
  void shortRows_leaveTheirLastColumnsEmptyWithoutTrailingBlanks() {
    List<String> lines =
        TextTable.lines(List.of(new String[] {"a", "bb", "c"}, new String[] {"aaa"}));
    assertEquals(List.of("a    bb  c", "aaa"), lines);
  }

  @Test
  void everyLine_hasTheSameColumnStartsAsTheHeader() {
    List<String> lines =
        TextTable.lines(
            List.of(
                new String[] {"x", "y", "z"},
                new String[] {"longer cell", "2", "3"},
                new String[] {"s", "22222", "3"}));
    int start = lines.get(0).indexOf('y');
    for (String line : lines.subList(1, lines.size())) {
      assertEquals(' ', line.charAt(start - 1), line);
      assertEquals(' ', line.charAt(start - 2), line);
    }
  }

  @Test
  void markdown_isHeaderDelimiterAndRows_withRightAlignedColumnsMarked() {
    List<String> lines =
        TextTable.markdown(
            List.of(
                new String[] {"operator", "reconciles"},
                new String[] {"percona", "468"},
                new String[] {"kube-rs", "87"}),
            Align.LEFT,
            Align.RIGHT);
    assertEquals(
        List.of("| operator | reconciles |", "|---|---:|", "| percona | 468 |", "| kube-rs | 87 |"),
        lines);
  }

  @Test
  void markdown_fillsShortRowsToTheHeader_andWritesAnEmptyCellAsOneBlank() {
    List<String> lines =
        TextTable.markdown(
            List.of(new String[] {"", "baseline", "candidate"}, new String[] {"window", "1h"}));
    assertEquals(
        List.of("| | baseline | candidate |", "|---|---|---|", "| window | 1h | |"), lines);
  }

  @Test
  void markdown_refusesALineBreakInACell_whichWouldEndTheTable() {
    List<String[]> rows = List.of(new String[] {"name"}, new String[] {"a\nb"});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TextTable.markdown(rows));
    assertTrue(
        e.getMessage().startsWith("a Markdown table cell holds a line break"), e.getMessage());
  }
}
