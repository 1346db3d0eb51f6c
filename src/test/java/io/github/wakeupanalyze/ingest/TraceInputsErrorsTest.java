package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.testing.OtlpJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that fail, compressed inputs and standard input. */
class TraceInputsErrorsTest {
  @TempDir Path dir;

  private final List<Span> spans = new ArrayList<>();
  private final TraceInputs.SourceAwareSink sink =
      new TraceInputs.SourceAwareSink() {
        @Override
        public void startSource(int index, String path) {}

        @Override
        public void accept(Span span) {
          spans.add(span);
        }
      };

  @Test
  void failingInput_doesNotStopTheOthers() throws Exception {
    Path good = dir.resolve("good.json");
    Files.writeString(good, OtlpJson.service("a").span(1, 1, 0, "Reconcile", 0, 1).toJson());
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "not json at all");
    List<InputReport> reports =
        TraceInputs.readAll(
            List.of(bad.toString(), dir.resolve("missing.json").toString(), good.toString()),
            ReadOptions.AUTO,
            java.io.InputStream.nullInputStream(),
            sink);
    assertTrue(reports.get(0).error().startsWith(bad + ":1: not a trace"), reports.get(0).error());
    assertTrue(
        reports.get(1).error().endsWith("missing.json: cannot read: no such file"),
        reports.get(1).error());
    assertNull(reports.get(2).error());
    assertEquals(TraceFormat.OTLP_JSON, reports.get(2).format());
    assertEquals(1, reports.get(2).spans());
    assertEquals(1, spans.size());
  }

  @Test
  void gzip_isDetectedByMagicBytesNotName() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(
          OtlpJson.service("a").span(1, 1, 0, "x", 0, 1).toJson().getBytes(StandardCharsets.UTF_8));
    }
    Path file = dir.resolve("trace.json");
    Files.write(file, bytes.toByteArray());
    List<InputReport> r =
        TraceInputs.readAll(
            List.of(file.toString()),
            ReadOptions.AUTO,
            java.io.InputStream.nullInputStream(),
            sink);
    assertNull(r.get(0).error());
    assertEquals(1, spans.size());
  }

  @Test
  void gzipEndingEarly_isOneLineError() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(
          OtlpJson.service("a").span(1, 1, 0, "x", 0, 1).toJson().getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Path file = dir.resolve("cut.gz");
    Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
    List<InputReport> r =
        TraceInputs.readAll(
            List.of(file.toString()),
            ReadOptions.AUTO,
            java.io.InputStream.nullInputStream(),
            sink);
    String err = r.get(0).error();
    assertTrue(err.startsWith(file.toString()), err);
    assertTrue(err.contains("ends early") || err.contains("truncated"), err);
    assertTrue(!err.contains("\n"));
  }

  @Test
  void dash_readsStandardInput() {
    String json = OtlpJson.service("a").span(1, 1, 0, "x", 0, 1).toJson();
    List<InputReport> r =
        TraceInputs.readAll(
            List.of("-"),
            ReadOptions.AUTO,
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
            sink);
    assertNull(r.get(0).error());
    assertEquals(1, spans.size());
  }

  @Test
  void progress_isToldFileSizeAndEveryByteRead() throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, io.github.wakeupanalyze.testing.DemoTrace.build().toJson());
    long size = Files.size(file);
    long[] seen = {0, -1, 0};
    ReadProgress progress =
        new ReadProgress() {
          @Override
          public void file(String path, long sizeBytes) {
            seen[1] = sizeBytes;
          }

          @Override
          public void advance(long bytesRead, long spans) {
            assertTrue(bytesRead >= seen[0], "bytes only grow");
            seen[0] = bytesRead;
          }

          @Override
          public void done() {
            seen[2]++;
          }
        };
    TraceInputs.readAll(
        List.of(file.toString()),
        ReadOptions.AUTO,
        java.io.InputStream.nullInputStream(),
        sink,
        progress);
    assertEquals(size, seen[1]);
    assertEquals(size, seen[0]);
    assertEquals(1, seen[2], "done once");
  }
}
