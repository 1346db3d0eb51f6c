package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.extract.ExtractRules;
import io.github.wakeupanalyze.extract.ReconcileExtractor;
import io.github.wakeupanalyze.ingest.core.InputException;
import io.github.wakeupanalyze.ingest.core.Synthetic;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.StreamKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timestamp CSVs: one reconcile per line; and event CSVs for --events. */
class CsvTraceReaderTest {
  private static final long T = 1_714_564_800_000_000_000L; // 2024-05-01T12:00:00Z
  private static final long S = 1_000_000_000L;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static List<Span> spans(Path p) {
    Collected c = Collected.read(p).ok();
    assertEquals(TraceFormat.CSV, c.report().format());
    return c.spans;
  }

  @Test
  void onePerLine_noHeader_isoTimes_operatorFromFileName() throws IOException {
    List<Span> s = spans(write("psmdb.csv", "2024-05-01T12:00:00Z\n2024-05-01T12:00:05Z\n"));
    assertEquals(2, s.size());
    assertEquals("psmdb", s.get(0).service());
    assertEquals(CsvTraceReader.SPAN_NAME, s.get(0).name());
    assertEquals(T, s.get(0).startNanos());
    assertEquals(T, s.get(0).endNanos(), "no end column: ends when it starts");
    assertEquals(T + 5 * S, s.get(1).startNanos());
    assertFalse(s.get(0).hasParent());
  }

  @Test
  void header_startAndEndColumns_anyOrder_extraColumnsIgnored() throws IOException {
    List<Span> s =
        spans(
            write(
                "x.csv",
                "object,end,start\ncluster-a,2024-05-01 12:00:01.5,2024-05-01 12:00:00.000000001\n"));
    assertEquals(T + 1, s.get(0).startNanos());
    assertEquals(T + 1_500_000_000L, s.get(0).endNanos());
  }

  @Test
  void noHeader_secondColumnTime_isTheEnd_unixNumbersByMagnitude() throws IOException {
    List<Span> s = spans(write("x.csv", "1714564800,1714564800.5\n1714564805000,\n"));
    assertEquals(T, s.get(0).startNanos());
    assertEquals(T + S / 2, s.get(0).endNanos());
    assertEquals(T + 5 * S, s.get(1).startNanos());
    assertEquals(T + 5 * S, s.get(1).endNanos(), "an empty end: ends when it starts");
  }

  @Test
  void commentsBlankLinesCrlfQuotesAndBom_tolerated() throws IOException {
    List<Span> s =
        spans(
            write(
                "x.csv",
                "\uFEFF# exported by hand\r\n\r\n\"timestamp\"\r\n\"1714564800\"\r\n  1714564801  \r\n"));
    assertEquals(List.of(T, T + S), s.stream().map(Span::startNanos).toList());
  }

  @Test
  void operatorOverride_andNamesWithoutExtensions() throws IOException {
    Path p = dir.resolve("psmdb.reconciles.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("1714564800\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("psmdb", spans(p).get(0).service());
    Collected c = Collected.read(new ReadOptions(null, "mongo-op"), p.toString()).ok();
    assertEquals("mongo-op", c.spans.get(0).service());
    assertEquals("stdin", Synthetic.operatorOf("-"));
    assertEquals("a", Synthetic.operatorOf("dir.d/a.b.c"));
  }

  @Test
  void ids_deterministic_andDistinctAcrossFilesAndLines() throws IOException {
    Path a = write("a.csv", "1714564800\n1714564805\n");
    Path b = write("b.csv", "1714564800\n1714564805\n");
    List<Span> a1 = spans(a);
    List<Span> a2 = spans(a);
    List<Span> b1 = spans(b);
    assertEquals(a1, a2);
    assertNotEquals(a1.get(0).spanId(), a1.get(1).spanId());
    assertNotEquals(a1.get(0).traceIdHigh(), b1.get(0).traceIdHigh());
  }

  @Test
  void extractedAsOneReconcilePerLine_oneStreamPerFile() throws IOException {
    Path a = write("op-a.csv", "1714564800\n1714564805\n1714564810\n");
    Path b = write("op-b.csv", "start,end\n1714564800,1714564801\n");
    ReconcileExtractor x = new ReconcileExtractor(ExtractRules.defaults());
    TraceInputs.readAll(
        List.of(a.toString(), b.toString()), ReadOptions.AUTO, InputStream.nullInputStream(), x);
    List<Reconcile> r = x.finish().reconciles();
    assertEquals(4, r.size());
    assertEquals(new StreamKey("op-a", "reconcile", StreamKey.ANY_OBJECT), r.get(0).key());
    assertEquals(new StreamKey("op-b", "reconcile", StreamKey.ANY_OBJECT), r.get(3).key());
    assertEquals(S, r.get(3).durationNanos());
  }

  @Test
  void badTime_namesLineAndColumn() throws IOException {
    Path p = write("x.csv", "start,end\n1714564800,1714564801\n1714564802,soon\n");
    String e = Collected.read(p).error();
    assertEquals(
        p
            + ":3:12: expected a time (ISO-8601 such as 2024-05-01T12:00:00.123Z, or unix"
            + " seconds/ms/µs/ns), found \"soon\"",
        e);
  }

  @Test
  void endBeforeStart_isAnError() throws IOException {
    Path p = write("x.csv", "1714564800,1714564799\n");
    String e = Collected.read(new ReadOptions(TraceFormat.CSV, null), p.toString()).error();
    assertTrue(e.startsWith(p + ":1:12: end before start"), e);
  }

  @Test
  void endColumnDecidedOnTheFirstLine_notATimeThere_isIgnored() throws IOException {
    List<Span> s = spans(write("x.csv", "1714564800,cluster-a\n1714564801,cluster-b\n"));
    assertEquals(T, s.get(0).endNanos());
  }

  @Test
  void eventTimes_sorted_headerAndEndColumnIgnored_gzipUnwrapped() throws Exception {
    Path p = dir.resolve("events.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(
          "time,end\n1714564805,\n2024-05-01T12:00:00Z,1714564809\n1714564801000\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    assertArrayEquals(
        new long[] {T, T + S, T + 5 * S},
        EventTimes.read(p.toString(), InputStream.nullInputStream()));
  }

  @Test
  void eventTimes_fromStdin_andOneLineErrors() throws Exception {
    assertArrayEquals(
        new long[] {T},
        EventTimes.read(
            "-", new ByteArrayInputStream("1714564800\n".getBytes(StandardCharsets.UTF_8))));
    Path bad = write("ev.csv", "1714564800\nlater\n");
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class,
            () -> EventTimes.read(bad.toString(), InputStream.nullInputStream()));
    assertTrue(e.getMessage().startsWith(bad + ":2:1: expected a time"), e.getMessage());
    InputException missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class,
            () ->
                EventTimes.read(dir.resolve("nope.csv").toString(), InputStream.nullInputStream()));
    assertEquals(dir.resolve("nope.csv") + ": cannot read: no such file", missing.getMessage());
  }
}
