package io.github.wakeupanalyze.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void text_quotedOnlyWhenNeeded() {
    assertEquals("mongodb/c1", Csv.text("mongodb/c1"));
    assertEquals("\"a,b\"", Csv.text("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.text("say \"hi\""));
    assertEquals("\"line\nbreak\"", Csv.text("line\nbreak"));
    assertEquals("\"carriage\rreturn\"", Csv.text("carriage\rreturn"));
    assertEquals("", Csv.text(""));
    assertEquals("", Csv.text(null));
  }

  @Test
  void text_formulaStartsAreNeutralized() {
    assertEquals("'=cmd|' /C calc'!A0", Csv.text("=cmd|' /C calc'!A0"));
    assertEquals("'+1", Csv.text("+1"));
    assertEquals("'-2", Csv.text("-2"));
    assertEquals("'@SUM(A1)", Csv.text("@SUM(A1)"));
    assertEquals("'\tx", Csv.text("\tx"));
    assertEquals("\"'\rx\"", Csv.text("\rx"));
    assertEquals("\"'=a,b\"", Csv.text("=a,b"));
  }

  @Test
  void text_controlCharacters_becomeQuestionMarks_longCellsAreShortened() {
    assertEquals("a?[31mb?", Csv.text("a\u001b[31mb\u0007"));
    String longCell = "c".repeat(10_000);
    assertEquals(Names.shorten(longCell), Csv.text(longCell));
  }

  @Test
  void number_isNeverNeutralized() {
    assertEquals("-1.5", Csv.number(new StringBuilder(), "-1.5").toString());
  }
}
