package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamp CSVs are told by what their rows hold: any header, the time column wherever it is, any
 * line ending; read from standard input without {@code --format}, as the thesis data is.
 */
class TimestampCsvContentTest {
  private static final long T = 1_714_564_800_000_000_000L; // 2024-05-01T12:00:00Z
  private static final long S = 1_000_000_000L;

  private static List<Long> starts(Collected c) {
    return c.spans.stream().map(Span::startNanos).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "reconsile_dates",
        "reconcile_dates",
        "date",
        "timestamps",
        "reconcile_time",
        "Reconcile Time",
        "\"dates\"",
        "start",
        "x"
      })
  void oneColumn_anyHeader_readWithoutFormat(String header) {
    Collected c =
        Collected.stdin(header + "\n2024-05-01 12:00:00.000\n2024-05-01 12:00:05.000\n").ok();
    assertEquals(TraceFormat.CSV, c.report().format(), header);
    assertEquals(List.of(T, T + 5 * S), starts(c), header);
  }

  @ParameterizedTest
  @ValueSource(strings = {"LF", "CRLF", "CR (old Mac)"})
  void lineEndings_allRead_withAndWithoutAFinalLineEnd(String name) {
    String eol = name.equals("LF") ? "\n" : name.equals("CRLF") ? "\r\n" : "\r";
    String body = "reconsile_dates" + eol + "1714564800" + eol + "1714564805" + eol + "1714564810";
    for (String text : List.of(body, body + eol, "\uFEFF" + body + eol)) {
      Collected c = Collected.stdin(text).ok();
      assertEquals(TraceFormat.CSV, c.report().format(), name);
      assertEquals(List.of(T, T + 5 * S, T + 10 * S), starts(c), name);
      assertEquals(List.of(), c.report().warnings(), name);
    }
  }

  @Test
  void mixedLineEndings_andBlankLines_read() {
    Collected c = Collected.stdin("dates\r\n1714564800\r\r1714564805\n\n1714564810\r\n").ok();
    assertEquals(List.of(T, T + 5 * S, T + 10 * S), starts(c));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-05-01T12:00:00Z|ISO with zone",
        "2024-05-01 12:00:00|ISO with a space, no zone (UTC)",
        "2024-05-01T14:00:00+02:00|ISO with an offset",
        "2024-05-01 12:00:00,000|ISO with a decimal comma (log4j)",
        "1714564800|unix seconds",
        "1714564800.000|unix seconds with a fraction",
        "1714564800000|unix milliseconds",
        "1714564800000000|unix microseconds",
        "1714564800000000000|unix nanoseconds"
      })
  void timeColumn_anyTimeFormat(String time, String what) {
    Collected c = Collected.stdin("when\n" + time + "\n").ok();
    assertEquals(List.of(T), starts(c), what);
  }

  @Test
  void timeColumn_chosenByContent_notPosition() {
    Collected c =
        Collected.stdin(
                "id,object,reconciled_at\n17,cluster-a,1714564800\n18,cluster-a,1714564805\n")
            .ok();
    assertEquals(TraceFormat.CSV, c.report().format());
    assertEquals(List.of(T, T + 5 * S), starts(c), "small numbers (ids, counts) are not times");
    assertEquals(List.of(T, T + 5 * S), c.spans.stream().map(Span::endNanos).toList());
  }

  @Test
  void endColumn_chosenByContent_andANamedOneWins() {
    Collected byContent =
        Collected.stdin("object,began,finished_at\na,1714564800,1714564801.5\n").ok();
    assertEquals(T + 1_500_000_000L, byContent.spans.get(0).endNanos());
    Collected created = Collected.stdin("created,reconciled\n1714564700,1714564800\n").ok();
    assertEquals(T - 100 * S, created.spans.get(0).startNanos(), "the first time column starts");
    assertEquals(T, created.spans.get(0).endNanos());
    Collected before = Collected.stdin("reconciled,created\n1714564800,1714564700\n").ok();
    assertEquals(T, before.spans.get(0).endNanos(), "an earlier time is not the end");
    Collected named = Collected.stdin("end,start\n1714564801,1714564800\n").ok();
    assertEquals(T, named.spans.get(0).startNanos());
    assertEquals(T + S, named.spans.get(0).endNanos());
  }

  @Test
  void headerWithoutTimesUnderIt_isNotACsv_andTheErrorQuotesTheFirstLine() {
    String e = Collected.stdin("reconcile_dates\nyesterday\n").error();
    assertEquals(
        "-:1: not a trace, timestamp CSV or operator log this tool reads: found"
            + " \"reconcile_dates\"; if the file holds one reconcile time per line, --format csv"
            + " reads it (and names the line it cannot); if it is an operator's log, --format log",
        e);
    assertFalse(e.contains(" 72 65 "), "no hex dump of text");
    Collected forced =
        Collected.read(
            new ReadOptions(TraceFormat.CSV, null),
            new java.io.ByteArrayInputStream(
                "reconcile_dates\nyesterday\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "-");
    assertTrue(
        forced
            .error()
            .startsWith("-:2:1: expected a time in some column under the header on line 1"),
        forced.error());
  }

  @Test
  void nonTraceText_quotedPrintableAndAbbreviated() {
    String e =
        Collected.stdin(
                "\n\n\u001b[31mThis folder holds the exports of the"
                    + " production cluster, one file per day\n")
            .error();
    assertTrue(e.startsWith("-:3: not a trace"), e);
    assertTrue(e.contains("found \"?[31mThis folder holds the exports of...\""), e);
  }

  @Test
  void cutLastLine_unixDigitsMissing_leftOutWithAWarning() {
    Collected c = Collected.stdin("dates\n1714564800000\n1714564805000\n17145648").ok();
    assertEquals(List.of(T, T + 5 * S), starts(c));
    assertEquals(1, c.report().warnings().size());
    assertEquals(
        "-:4: left out: the input ends inside this line and it looks cut short (\"17145648\", 8"
            + " digits instead of 13; expected a row like line 3)",
        c.report().warnings().get(0));
  }

  @Test
  void cutLastLine_isoZoneMissing_orUnreadable_leftOut() {
    Collected zone =
        Collected.stdin(
                "2024-05-01T12:00:00.123456Z\n2024-05-01T12:00:05.123456Z\n2024-05-01T12:00:1")
            .ok();
    assertEquals(2, zone.spans.size());
    assertTrue(zone.report().warnings().get(0).contains("it does not read as one"));
    Collected fields = Collected.stdin("start,end\n1714564800,1714564801\n1714564805,17145").ok();
    assertEquals(1, fields.spans.size());
    assertTrue(fields.report().warnings().get(0).startsWith("-:3: left out"));
  }

  @Test
  void lastLineWithoutLineEnd_likeTheOthers_isTaken() {
    Collected c = Collected.stdin("dates\n1714564800000\n1714564805000").ok();
    assertEquals(List.of(T, T + 5 * S), starts(c));
    assertEquals(List.of(), c.report().warnings());
  }

  @Test
  void cutLastLine_inAnEventsFile_isAnError() {
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class,
            () ->
                EventTimes.read(
                    new java.io.ByteArrayInputStream(
                        "1714564800000\n17145".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    "ev.csv"));
    assertTrue(e.getMessage().startsWith("ev.csv:2: left out"), e.getMessage());
  }

  @Test
  void sniffedOnlyOnCompleteLines_andAHeaderNeedsATimeBelow() {
    assertNull(sniff("reconcile_dates\n", true));
    assertNull(sniff("reconcile_dates\n17145", false), "the cut line is not looked at");
    assertEquals(TraceFormat.CSV, sniff("reconcile_dates\r1714564800\r", true));
  }

  private static TraceFormat sniff(String text, boolean complete) {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return FormatSniffer.sniff(b, b.length, complete);
  }
}
