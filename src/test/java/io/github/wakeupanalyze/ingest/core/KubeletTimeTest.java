package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kubelet's time before each line of {@code kubectl logs --timestamps}, and the line the
 * container runtime split into partial records, whole again.
 */
class KubeletTimeTest {
  private static final String TIME = "2024-05-01T12:00:00.123456789Z";

  @Test
  void theKubeletsLayout_nineDigitsAndAZone_endsAtItsSpace() {
    assertEquals(30, KubeletTime.end(TIME + " x", 0));
    assertEquals(35, KubeletTime.end("2024-05-01T14:00:00.123456789+02:00 x", 0));
    assertEquals(-1, KubeletTime.end("[p] " + TIME + " x", 3), "it starts at 4");
    assertEquals(34, KubeletTime.end("[p] " + TIME + " x", 4));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01T12:00:00.123456Z x", // six digits: a log's own time, not the kubelet's
        "2024-05-01T12:00:00.1234567891Z x",
        "2024-05-01T12:00:00.123456789 x", // no zone
        "2024-05-01T12:00:00.123456789+0200 x",
        "2024-05-01T12:00:00.123456789Z", // no space after it
        "2024-05-01T12:00:00.123456789Zx",
        "2024-05-01 12:00:00.123456789Z x",
        "2024-0a-01T12:00:00.123456789Z x",
        "short"
      })
  void otherTimes_areNotTheKubelets(String s) {
    assertEquals(-1, KubeletTime.end(s, 0));
  }

  @Test
  void timesWrittenWhereTheRuntimeSplitALine_areTakenOut() {
    String line = "{\"a\":\"12345\"," + TIME + " \"b\":1}";
    assertEquals("{\"a\":\"12345\",\"b\":1}", KubeletTime.joinPartials(line));
    String twice = "{\"a\":" + TIME + " 1,\"b\":" + "2024-05-01T12:00:00.123456790Z " + "2}";
    assertEquals("{\"a\":1,\"b\":2}", KubeletTime.joinPartials(twice));
    String none = "{\"time\":\"" + TIME + "\",\"Type\":\"T\"}";
    assertSame(none, KubeletTime.joinPartials(none), "a time in a value, no space after it");
  }

  @Test
  void aKubeletTime_isFoundOnlyWhereItStarts() {
    String line = "[pod/a/b] " + TIME + " {";
    assertTrue(KubeletTime.startsIn(line, 0, line.length() - 1));
    assertTrue(KubeletTime.startsIn(line, 10, 11));
    assertFalse(KubeletTime.startsIn(line, 0, 10), "it starts at 10");
    assertFalse(KubeletTime.startsIn("2026-12-03T10:00:00.131Z {", 0, 25), "CloudWatch's time");
  }

  /**
   * The law: any text, split at any record size, each record written after its own time, comes back
   * as it was (the text holds no kubelet time of its own; text that does is not generated).
   */
  @Test
  void splitAtAnySize_thenJoined_isTheLineAsWritten() {
    Random random = new Random(20261204);
    String alphabet = "T0123456789-:.Z +{}\"ab";
    for (int run = 0; run < 2_000; run++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextInt(4) == 0) {
        text.insert(random.nextInt(text.length() + 1), TIME.substring(0, 29) + "Zx");
      }
      String content = text.toString();
      if (KubeletTime.startsIn(content, 0, content.length())) {
        continue;
      }
      int size = 1 + random.nextInt(64);
      StringBuilder written = new StringBuilder();
      for (int at = 0; at < content.length(); at += size) {
        written
            .append(
                String.format(
                    "2024-05-01T12:00:%02d.%09dZ ", at % 60, random.nextInt(1_000_000_000)))
            .append(content, at, Math.min(content.length(), at + size));
      }
      String line = written.toString();
      int first = line.isEmpty() ? -1 : KubeletTime.end(line, 0);
      String rest = first < 0 ? "" : line.substring(first + 1);
      assertEquals(content, KubeletTime.joinPartials(rest), "record size " + size);
    }
  }
}
