package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.text.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamp and duration syntax: every accepted spelling of one instant gives the same nanos. */
class TimestampsTest {
  /** 2024-05-01T12:00:00.25Z. */
  private static final long NANOS = 1_714_564_800_250_000_000L;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01T12:00:00.25Z",
        "2024-05-01T12:00:00.250000000Z",
        "2024-05-01T14:00:00.25+02:00",
        "2024-05-01T14:00:00.25+0200",
        "2024-05-01T14:00:00.25+02",
        "2024-05-01T12:00:00.25",
        "2024-05-01 12:00:00.250000000",
        "2024-05-01 12:00:00.25z",
        " 2024-05-01T12:00:00.25Z ",
        "1714564800.25",
        "1714564800250",
        "1714564800250.0",
        "1714564800250000",
        "1714564800250000000"
      })
  void everySpelling_givesTheSameInstant(String text) {
    assertEquals(NANOS, Timestamps.parse(text));
  }

  @Test
  void unixUnit_byMagnitude_boundaries() {
    assertEquals(9_000_000_000L * 1_000_000_000L, Timestamps.parse("9000000000"), "seconds");
    assertThrows(
        IllegalArgumentException.class,
        () -> Timestamps.parse("99999999999"),
        "seconds, past 2262");
    assertEquals(100_000_000_000L * 1_000_000L, Timestamps.parse("100000000000"), "millis");
    assertEquals(100_000_000_000_000L * 1_000L, Timestamps.parse("100000000000000"), "micros");
    assertEquals(100_000_000_000_000_000L, Timestamps.parse("100000000000000000"), "nanos");
    assertEquals(1_500_000_000L, Timestamps.parse("1.5"), "small seconds with a fraction");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2024-13-01T00:00:00Z",
        "2024-05-01",
        "-5",
        "1e9",
        "1969-12-31T23:59:59Z",
        "12:00:00"
      })
  void notATime_saysWhatWasExpected(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(text));
    assertTrue(e.getMessage().startsWith("expected a time"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999", "2300-01-01T00:00:00Z"})
  void beyond2262_isOutOfRange(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(text));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
  }

  @Test
  void durations_goAndProtobufSpellings() {
    assertEquals(5000, Durations.parseNanos("5000ns"));
    assertEquals(5000, Durations.parseNanos("5µs"));
    assertEquals(5000, Durations.parseNanos("5us"));
    assertEquals(5000, Durations.parseNanos("0.000005s"));
    assertEquals(1_500_000, Durations.parseNanos("1.5ms"));
    assertEquals(90_000_000_000L, Durations.parseNanos("1m30s"));
    assertEquals(3_600_000_000_000L, Durations.parseNanos("1h"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("5 parsecs"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("5"));
  }
}
