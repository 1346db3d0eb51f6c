package io.github.wakeupanalyze.ingest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Line splitting: LF, CRLF and lone CR end a line alike, wherever the reader's blocks happen to
 * split the text; long lines are cut to the limit; a byte-order mark only counts at the start.
 */
class TextLinesTest {

  private record Line(String text, boolean cut, boolean terminated) {}

  private static List<Line> split(InputStream in, int limit) throws IOException {
    TextLines lines = new TextLines(in, limit);
    List<Line> out = new ArrayList<>();
    for (String s = lines.next(); s != null; s = lines.next()) {
      assertEquals(out.size() + 1, lines.number());
      out.add(new Line(s, lines.cut(), lines.terminated()));
    }
    assertNull(lines.next(), "stays at the end");
    return out;
  }

  private static List<Line> split(String text, int limit) throws IOException {
    return split(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
  }

  /** The obviously correct splitter: one character at a time, as the specification reads. */
  private static List<Line> reference(String text, int limit) {
    List<Line> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    boolean cut = false;
    boolean any = false;
    int i = 0;
    if (text.startsWith("\uFEFF")) {
      i = 1;
    }
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(new Line(line.toString(), cut, true));
        line.setLength(0);
        cut = false;
        any = false;
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        continue;
      }
      any = true;
      if (line.length() < limit) {
        line.append(c);
      } else {
        cut = true;
      }
    }
    if (any) {
      out.add(new Line(line.toString(), cut, false));
    }
    return out;
  }

  /** Hands out at most {@code max} bytes per read, so block ends fall everywhere. */
  private static InputStream trickle(byte[] bytes, int max) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, max));
      }
    };
  }

  @Test
  void everyLineEnding_splitsAlike_mixedInOneFile() throws IOException {
    List<Line> lines = split("a\nb\r\nc\rd\n\ne", 100);
    assertEquals(
        List.of(
            new Line("a", false, true),
            new Line("b", false, true),
            new Line("c", false, true),
            new Line("d", false, true),
            new Line("", false, true),
            new Line("e", false, false)),
        lines);
  }

  @Test
  void crlfSplitAcrossReads_isOneLineEnd() throws IOException {
    byte[] text = "ab\r\ncd\r\n".getBytes(StandardCharsets.UTF_8);
    List<Line> lines = split(trickle(text, 3), 100); // "ab\r" | "\ncd" | "\r\n"
    assertEquals(List.of(new Line("ab", false, true), new Line("cd", false, true)), lines);
  }

  @Test
  void longLine_cutToTheLimit_nextLineWhole() throws IOException {
    String longLine = "x".repeat(20_000);
    List<Line> lines = split(longLine + "\nshort\n", 1000);
    assertEquals(2, lines.size());
    assertEquals("x".repeat(1000), lines.get(0).text());
    assertTrue(lines.get(0).cut());
    assertEquals(new Line("short", false, true), lines.get(1));
  }

  @Test
  void byteOrderMark_droppedAtTheStartOnly() throws IOException {
    List<Line> lines = split("\uFEFFa\n\uFEFFb\n", 100);
    assertEquals("a", lines.get(0).text());
    assertEquals("\uFEFFb", lines.get(1).text());
  }

  @Test
  void emptyInput_noLines() throws IOException {
    assertEquals(List.of(), split("", 10));
    assertFalse(split("\n", 10).get(0).cut());
  }

  @Test
  void randomText_randomReadSizes_agreeWithTheReference() throws IOException {
    Random random = new Random(20260512L);
    String alphabet = "ab\n\r\r\n\uFEFFé";
    for (int round = 0; round < 300; round++) {
      int n = random.nextInt(round < 250 ? 200 : 30_000);
      StringBuilder text = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      int limit = 1 + random.nextInt(40);
      String s = text.toString();
      List<Line> expected = reference(s, limit);
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      assertEquals(expected, split(trickle(bytes, 1 + random.nextInt(9000)), limit), s);
    }
  }
}
