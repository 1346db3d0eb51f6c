package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The spool gives back the lines it took, last to first, each with its input line number: the law
 * {@code reversed(spooled(lines)) = reverse(lines)}, for lines that cross blocks, are longer than a
 * block, are empty or hold characters of several bytes.
 */
class SpoolTest {
  private static final String ALPHABET = "ab \t{}\"é€😀0123456789";

  @Test
  void readsBackEveryLineLastToFirst_withItsNumber() throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int round = 0; round < 12; round++) {
      List<String> lines = new ArrayList<>();
      int n = rnd.nextInt(0, 300);
      for (int i = 0; i < n; i++) {
        int length =
            switch (rnd.nextInt(30)) {
              case 0 -> 0;
              case 1 -> rnd.nextInt(60_000, 200_000); // longer than a block of 64 KiB
              default -> rnd.nextInt(1, 300);
            };
        StringBuilder line = new StringBuilder();
        while (line.length() < length) {
          line.appendCodePoint(
              ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, rnd.nextInt(20))));
        }
        lines.add(line.toString());
      }
      try (Spool spool = new Spool()) {
        for (int i = 0; i < lines.size(); i++) {
          spool.add(3L * i + 1, lines.get(i));
        }
        try (Spool.Reversed back = spool.reversed()) {
          for (int i = lines.size() - 1; i >= 0; i--) {
            assertEquals(lines.get(i), back.next(), "round " + round + ", line " + i);
            assertEquals(3L * i + 1, back.number());
          }
          assertNull(back.next(), "round " + round + ": nothing before the first line");
          assertNull(back.next());
        }
      }
    }
  }
}
