package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void fixed_agreesWithStringFormat() {
    Random rnd = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      double v = rnd.nextInt(3) == 0 ? rnd.nextInt(2001) / 2000.0 : rnd.nextDouble() * 1000 - 500;
      for (int d : new int[] {1, 3}) {
        assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Format.fixed(v, d), "v=" + v);
      }
    }
  }

  @Test
  void seconds_sixDecimalsAtMost_noTrailingZeros() {
    assertEquals("5", Format.seconds(5.0));
    assertEquals("5.15", Format.seconds(5.15));
    assertEquals("0.000123", Format.seconds(0.000123));
    assertEquals("0", Format.seconds(0));
    assertEquals("0.000001", Format.seconds(0.0000005));
    assertEquals("", Format.seconds(Double.NaN));
    assertEquals("36000", Format.seconds(36000));
  }
}
