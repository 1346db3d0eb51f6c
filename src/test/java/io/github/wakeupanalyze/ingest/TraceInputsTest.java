package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources: standard input, folders, several inputs merged; the options record. */
class TraceInputsTest {
  @TempDir Path dir;

  private static byte[] sameTrace(String file) throws IOException {
    return Files.readAllBytes(SameTraceFiles.FOLDER.resolve(file));
  }

  @Test
  void stdin_dash_readsCompressedInputToo() throws IOException {
    Collected c =
        Collected.read(
            ReadOptions.AUTO,
            new ByteArrayInputStream(FormatSnifferTest.zstd(sameTrace("trace.jaeger.json"))),
            "-");
    assertNull(c.report().error());
    assertEquals("-", c.report().path());
    assertEquals(TraceFormat.JAEGER_JSON, c.report().format());
    assertEquals(9, c.spans.size());
  }

  @Test
  void folder_recursive_sortedByPath_hiddenLeftOut_nonTracesSkipped() throws IOException {
    Files.createDirectories(dir.resolve("b/deeper"));
    Files.createDirectories(dir.resolve(".git"));
    Files.write(dir.resolve("b/deeper/z.pb"), sameTrace("trace.pb"));
    Files.write(dir.resolve("b/a.json"), sameTrace("trace.zipkin.json"));
    Files.write(dir.resolve("a.jsonl"), sameTrace("trace.otlp.jsonl"));
    Files.writeString(dir.resolve("README.md"), "# exports\n\nfrom the staging cluster\n");
    Files.write(dir.resolve(".hidden.json"), sameTrace("trace.otlp.json"));
    Files.write(dir.resolve(".git/HEAD"), sameTrace("trace.otlp.json"));
    Collected c = Collected.read(ReadOptions.AUTO, dir.toString());
    assertEquals(
        List.of(
            dir.resolve("README.md").toString(),
            dir.resolve("a.jsonl").toString(),
            dir.resolve("b/a.json").toString(),
            dir.resolve("b/deeper/z.pb").toString()),
        c.reports.stream().map(InputReport::path).toList());
    assertEquals(
        c.sources,
        c.reports.stream().map(InputReport::path).toList(),
        "one source index per file, in report order");
    InputReport readme = c.reports.get(0);
    assertNull(readme.error());
    assertNull(readme.format());
    assertEquals(List.of(), readme.warnings(), "a skipped file is summed up, not warned about");
    assertTrue(readme.wasSkipped());
    assertTrue(
        readme.skipped().startsWith("not a trace, timestamp CSV or operator log this tool reads"),
        readme.skipped());
    assertEquals(27, c.spans.size());
  }

  @Test
  void folder_withForcedFormat_readsEveryFile_nonTracesFail() throws IOException {
    Files.write(dir.resolve("a.json"), sameTrace("trace.otlp.json"));
    Files.writeString(dir.resolve("notes.txt"), "hello\n");
    Collected c = Collected.read(new ReadOptions(TraceFormat.OTLP_JSON, null), dir.toString());
    assertNull(c.reports.get(0).error());
    assertTrue(
        c.reports.get(1).error().startsWith(dir.resolve("notes.txt") + ":1:"),
        c.reports.get(1).error());
  }

  @Test
  void fileNamedOnTheCommandLine_thatIsNoTrace_isAnError() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    assertTrue(Collected.read(notes).report().failed());
  }

  @Test
  void severalInputs_mergedIntoOneSink_inOrder() throws IOException {
    Path a = Files.write(dir.resolve("a"), sameTrace("trace.framed.pb"));
    Path b = Files.write(dir.resolve("b"), FormatSnifferTest.gzip(sameTrace("trace.otlp.json")));
    Collected c =
        Collected.read(
            ReadOptions.AUTO,
            new ByteArrayInputStream(sameTrace("trace.zipkin.json")),
            a.toString(),
            "-",
            b.toString());
    assertEquals(List.of(a.toString(), "-", b.toString()), c.sources);
    assertEquals(List.of(9L, 9L, 9L), c.reports.stream().map(InputReport::spans).toList());
    assertEquals(27, c.spans.size());
  }

  @Test
  void noSpans_isAWarningNotAnError() throws IOException {
    Path p = Files.writeString(dir.resolve("empty.json"), "{\"resourceSpans\": []}");
    InputReport r = Collected.read(p).report();
    assertNull(r.error());
    assertEquals(List.of(p + ": no spans found"), r.warnings());
  }

  @Test
  void formatNames_forTheCommandLine() {
    assertNull(ReadOptions.parseFormat("auto"));
    assertEquals(TraceFormat.OTLP_PROTO, ReadOptions.parseFormat("OTLP-proto"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.parseFormat("jaeger"));
    assertEquals(
        "unknown format \"jaeger\": expected auto, otlp-json, otlp-proto, jaeger-json,"
            + " zipkin-json, csv, log, k8s-audit",
        e.getMessage());
    assertNull(new ReadOptions(null, " ").operator(), "a blank operator means none");
  }
}
