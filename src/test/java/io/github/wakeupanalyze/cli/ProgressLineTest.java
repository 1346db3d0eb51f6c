package io.github.wakeupanalyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.wakeupanalyze.ingest.ReadProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private long now;
  private final StringWriter out = new StringWriter();
  private final ProgressLine line = new ProgressLine(new PrintWriter(out), () -> now);

  @Test
  void line_showsBytesShareSpansRateAndEta() {
    line.file("big.jsonl", 800_000_000L);
    assertEquals(
        "reading big.jsonl  200.0 / 800.0 MB  25.0 %  1.21 M spans  100 MB/s  ETA 6 s",
        line.line(200_000_000L, 1_210_000, 2.0));
  }

  @Test
  void line_unknownSize_forStandardInput() {
    line.file("-", -1);
    assertEquals("reading -  5.0 MB  950 spans  5 MB/s", line.line(5_000_000L, 950, 1.0));
  }

  @Test
  void redraws_atMostEveryQuarterSecond_andErasesWhenDone() {
    line.file("t.json", 1_000_000L);
    now += 100_000_000L;
    line.advance(100_000, 10);
    assertEquals("", out.toString(), "nothing before 250 ms");
    now += 200_000_000L;
    line.advance(300_000, 30);
    String drawn = out.toString();
    assertEquals('\r', drawn.charAt(0));
    assertEquals(true, drawn.contains("30.0 %"));
    line.done();
    String erased = out.toString().substring(drawn.length());
    assertEquals("\r" + " ".repeat(drawn.length() - 1) + "\r", erased);
  }

  @Test
  void quiet_meansNoProgress() {
    assertSame(ReadProgress.NONE, ProgressLine.forTerminal(new PrintWriter(out), true));
  }

  @Test
  void namesFromTheCommandLine_areMadePrintable() {
    line.file("a\u001b[2Jb", -1);
    assertEquals("reading a?[2Jb  0.0 MB  0 spans  0 MB/s", line.line(0, 0, 0));
  }
}
