package io.github.wakeupanalyze.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parse_goUnitsAndSums() {
    assertEquals(5_000, Durations.parseNanos("5000ns"));
    assertEquals(5_000, Durations.parseNanos("5µs"));
    assertEquals(5_000, Durations.parseNanos("5μs"));
    assertEquals(5_000, Durations.parseNanos("5us"));
    assertEquals(5_000, Durations.parseNanos("0.000005s"));
    assertEquals(1_500_000, Durations.parseNanos("1.5ms"));
    assertEquals(500_000_000, Durations.parseNanos(".5s"));
    assertEquals(90_000_000_000L, Durations.parseNanos("1m30s"));
    assertEquals(120_000_000_000L, Durations.parseNanos("2min"));
    assertEquals(3_600_000_000_000L, Durations.parseNanos("1h"));
    assertEquals(86_400_000_000_000L, Durations.parseNanos("1d"));
    assertEquals(5_000_000_000L, Durations.parseNanos(" 5S "));
  }

  @Test
  void parse_bareNumberIsSecondsOnlyWhenAllowed() {
    assertEquals(1_500_000_000L, Durations.parseNanos("1.5", true));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("5"));
    assertEquals("expected a duration like 5s, 150ms or 1m30s, found \"5\"", e.getMessage());
  }

  @Test
  void parse_rejectsWhatIsNotADuration() {
    for (String bad : new String[] {"", "s", "5 parsecs", "-1s", "5s5", "1..5s", "5 s"}) {
      assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(bad), bad);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("99999999999999h"));
    assertTrue(e.getMessage().startsWith("duration out of range"), e.getMessage());
  }

  @Test
  void plainSeconds_exactFromNanos_andRoundTrips() {
    assertEquals("5", Durations.plainSeconds(5_000_000_000L));
    assertEquals("0.005", Durations.plainSeconds(5_000_000L));
    assertEquals("36000", Durations.plainSeconds(36_000_000_000_000L));
    Random rnd = new Random(3);
    for (int i = 0; i < 1000; i++) {
      long nanos = Math.abs(rnd.nextLong() % 1_000_000_000_000_000L);
      assertEquals(nanos, Durations.parseNanos(Durations.plainSeconds(nanos), true));
    }
  }

  @Test
  void plainSeconds_sixDecimalsAtMost_noTrailingZeros() {
    assertEquals("5", Durations.plainSeconds(5.0));
    assertEquals("5.15", Durations.plainSeconds(5.15));
    assertEquals("0.000123", Durations.plainSeconds(0.000123));
    assertEquals("0.000001", Durations.plainSeconds(0.0000005));
    assertEquals("", Durations.plainSeconds(Double.NaN));
  }

  @Test
  void human_largestReadableUnit_threeSignificantDigits() {
    assertEquals("5 s", Durations.human(5));
    assertEquals("5.15 s", Durations.human(5.1537));
    assertEquals("117 s", Durations.human(117.45));
    assertEquals("150 ms", Durations.human(0.15));
    assertEquals("12.5 µs", Durations.human(12.5e-6));
    assertEquals("10 min", Durations.human(600));
    assertEquals("10 h", Durations.human(36_000));
    assertEquals("3 d", Durations.human(3 * 86_400));
    assertEquals("0 s", Durations.human(0));
    assertEquals("n/a", Durations.human(Double.NaN));
  }
}
