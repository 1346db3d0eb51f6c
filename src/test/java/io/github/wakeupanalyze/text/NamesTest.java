package io.github.wakeupanalyze.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void slug_keepsSafeNames_hashesTheRest() {
    assertEquals("psmdb-operator", Names.slug("psmdb-operator"));
    assertEquals("script-" + Names.hash8("<script>"), Names.slug("<script>"));
    assertNotEquals(Names.slug("Op"), Names.slug("op"));
  }

  @Test
  void printable_replacesControlCharacters() {
    assertEquals("a?[31mb?", Names.printable("a\u001b[31mb\u0007"));
  }

  @Test
  void abbreviate_cutsAtForty() {
    assertEquals("short", Names.abbreviate("short"));
    String cut = Names.abbreviate("x".repeat(50));
    assertEquals(40, cut.length());
    assertEquals("x".repeat(37) + "...", cut);
  }
}
