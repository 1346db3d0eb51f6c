package io.github.wakeupanalyze.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void slug_keepsSafeNames_hashesTheRest() {
    assertEquals("psmdb-operator", Names.slug("psmdb-operator"));
    assertEquals("script-" + Names.hash8("<script>"), Names.slug("<script>"));
    assertNotEquals(Names.slug("Op"), Names.slug("op"));
  }

  @Test
  void slug_aNameThatLooksLikeAnotherNamesSlug_getsItsOwn() {
    String op = Names.slug("Op"); // op-0ab06d24
    assertEquals("op-" + Names.hash8("Op"), op);
    String other = Names.slug(op);
    assertNotEquals(op, other, "the name " + op + " must not share the folder of Op");
    assertEquals(op + "-" + Names.hash8(op), other);
  }

  @Test
  void slug_windowsDeviceNames_areNeverFileNames() {
    for (String n : List.of("aux", "nul", "con", "prn", "com1", "lpt9", "com0", "aux.txt", "NUL")) {
      String s = Names.slug(n);
      assertFalse(Names.isWindowsReserved(s), n + " -> " + s);
      assertTrue(s.endsWith("-" + Names.hash8(n)), n + " -> " + s);
    }
    assertTrue(Names.isWindowsReserved("Con.tar.gz"));
    assertFalse(Names.isWindowsReserved("console"));
    assertFalse(Names.isWindowsReserved("com10"));
  }

  @Test
  void slug_isShortAndSafe_forAnyName() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      String name = randomName(random);
      String s = Names.slug(name);
      assertTrue(s.matches("[a-z0-9._-]{1,125}"), name + " -> " + s);
      assertFalse(s.startsWith(".") || s.startsWith("-"), s);
      assertFalse(s.endsWith(".") || s.endsWith("-"), s);
      assertFalse(Names.isWindowsReserved(s), s);
    }
  }

  @Test
  void slugs_areDistinct_evenWhereEightDigitHashesCollide() {
    // two names found by search whose slugs share base "a" and the 8-digit hash 9110ae62
    String x = "a*@(*!";
    String y = "a))!%^";
    assertEquals(Names.slug(x), Names.slug(y), "the pair collides at 8 digits");
    Map<String, String> slugs = Names.slugs(List.of(x, y, "a", "b"));
    assertNotEquals(slugs.get(x), slugs.get(y));
    assertTrue(slugs.get(x).matches("a-[0-9a-f]{16}"), slugs.get(x));
    assertEquals("a", slugs.get("a"));
    assertEquals("b", slugs.get("b"), "names without a collision keep their single slug");
  }

  @Test
  void slugs_ofAdversarialSets_areDistinct() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String n = randomName(random);
        names.add(n);
        names.add(Names.slug(n)); // a name equal to another's slug
        names.add(n.toUpperCase(java.util.Locale.ROOT));
      }
      Map<String, String> slugs = Names.slugs(names);
      assertEquals(new HashSet<>(names).size(), new HashSet<>(slugs.values()).size(), "" + names);
    }
  }

  @Test
  void shorten_keepsShortNames_cutsLongOnesWithAHash() {
    String ok = "x".repeat(Names.MAX_NAME);
    assertSame(ok, Names.shorten(ok));
    String a = "y".repeat(1000) + "a";
    String b = "y".repeat(1000) + "b";
    assertTrue(Names.shorten(a).length() <= 250, Names.shorten(a));
    assertNotEquals(Names.shorten(a), Names.shorten(b), "long names that share a prefix differ");
    assertTrue(Names.shorten(a).endsWith("…" + Names.hash8(a)));
    String emoji = "x".repeat(239) + "😀".repeat(100);
    String cut = Names.shorten(emoji);
    assertFalse(Character.isHighSurrogate(cut.charAt(cut.indexOf('…') - 1)), "no split pair");
  }

  @Test
  void printable_replacesControlAndBidiCharacters() {
    assertEquals("a?[31mb?", Names.printable("a\u001b[31mb\u0007"));
    assertEquals("line?break", Names.printable("line\nbreak"));
    assertEquals("?evil", Names.printable("\u202eevil"));
    assertEquals(
        "x".repeat(240) + "…" + Names.hash8("x".repeat(300)), Names.printable("x".repeat(300)));
    assertEquals("x".repeat(300), Names.printableLine("x".repeat(300)), "a message is kept whole");
  }

  @Test
  void abbreviate_cutsAtForty_andIsPrintable() {
    assertEquals("short", Names.abbreviate("short"));
    String cut = Names.abbreviate("x".repeat(50));
    assertEquals(40, cut.length());
    assertEquals("x".repeat(37) + "...", cut);
    assertEquals("a?b", Names.abbreviate("a\u001bb"));
  }

  @Test
  void xml_replacesWhatXmlForbids_keepsTheRest() {
    assertEquals("a?b?c", Names.xml("a\u0001b\u001bc"));
    assertEquals("tab\tnl\ncr\r", Names.xml("tab\tnl\ncr\r"));
    assertEquals("del?c1?", Names.xml("del\u007fc1\u0085"));
    assertEquals("pair😀ok", Names.xml("pair😀ok"));
    assertEquals("lone?x?", Names.xml("lone\ud800x\udc00"));
    assertEquals("?", Names.xml("\uffff"));
    String clean = "<svg>plain</svg>";
    assertSame(clean, Names.xml(clean));
  }

  @Test
  void markdownAndCode_shortenLongNames() {
    String longName = "n".repeat(5000);
    assertTrue(Names.markdown(longName).length() < 260);
    assertTrue(Names.code(longName).length() < 260);
    assertEquals("a?b", Names.markdown("a\u0007b"));
  }

  /** Names as traces have them: letters of any case, punctuation, controls, non-ASCII, long. */
  private static String randomName(Random random) {
    String alphabet = "abcXYZ019.-_ /\\:*?\"<>|\u0000\u001b\u0007\t\néü中😀";
    int len = random.nextInt(10) == 0 ? 300 + random.nextInt(200) : random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      int cp =
          alphabet.codePointAt(
              alphabet.offsetByCodePoints(
                  0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
      sb.appendCodePoint(cp);
    }
    if (random.nextInt(8) == 0) {
      sb.setLength(0);
      sb.append(List.of("aux", "NUL", "con.txt", "lpt1", ".", "..", "").get(random.nextInt(7)));
    }
    return sb.toString();
  }

  @Test
  void randomName_generatorCoversReservedAndEmptyNames() {
    Random random = new Random(42);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      seen.add(randomName(random));
    }
    assertTrue(seen.contains("aux") && seen.contains("") && seen.contains(".."), "" + seen.size());
  }
}
