package io.github.wakeupanalyze.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
