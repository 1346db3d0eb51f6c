package io.github.wakeupanalyze.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void fixed_roundsHalfUpOnTheShortestDecimal() {
    assertEquals("0.13", Numbers.fixed(0.125, 2));
    assertEquals("5.2", Numbers.fixed(5.15, 1), "5.15 is written 5.15, so it rounds up");
    assertEquals("1000", Numbers.fixed(999.6, 0));
    assertEquals("-2.50", Numbers.fixed(-2.5, 2));
    assertEquals("NaN", Numbers.fixed(Double.NaN, 1));
  }

  @Test
  void fixed_neverUsesTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals("3.14", Numbers.fixed(Math.PI, 2));
      assertEquals("95.1 %", Numbers.percent(0.951));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void signed_alwaysCarriesASignAndNeverWritesMinusZero() {
    assertEquals("+2.2", Numbers.signed(2.2, 1));
    assertEquals("-0.5", Numbers.signed(-0.5, 1));
    assertEquals("+0.0", Numbers.signed(-0.01, 1));
    assertEquals("+0", Numbers.signed(-0.4, 0));
  }

  @Test
  void signed_readsBackWithinHalfAUnitOfTheLastDecimal() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(8));
      int decimals = random.nextInt(4);
      String s = Numbers.signed(v, decimals);
      assertFalse(s.startsWith("-0") && Double.parseDouble(s) == 0, s);
      double back = Double.parseDouble(s);
      assertEquals(v, back, 0.5 * Math.pow(10, -decimals) + 1e-9 * Math.abs(v), s);
    }
  }

  @Test
  void percent_oneDecimalAndNotAvailableForNaN() {
    assertEquals("77.8 %", Numbers.percent(0.7777));
    assertEquals("0.0 %", Numbers.percent(0));
    assertEquals("n/a", Numbers.percent(Double.NaN));
  }

  @Test
  void ordinal_takesTheSuffixOfItsLastDigit_butTheTeensTakeTh() {
    String[] expected = {
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
      "112th", "1002nd"
    };
    long[] n = {1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 1002};
    for (int i = 0; i < n.length; i++) {
      assertEquals(expected[i], Numbers.ordinal(n[i]));
    }
  }
}
