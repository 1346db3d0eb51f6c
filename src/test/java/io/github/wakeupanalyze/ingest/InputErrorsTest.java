package io.github.wakeupanalyze.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of issue 3 gets one line: the file, where (line:column or byte offset), and what
 * was expected; never a stack trace, never an out-of-memory; the other inputs are still read.
 */
class InputErrorsTest {
  @TempDir Path dir;

  private Path write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private Path write(String name, String content) throws IOException {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sameTrace(String file) throws IOException {
    return Files.readAllBytes(SameTraceFiles.FOLDER.resolve(file));
  }

  /** Reads {@code p} (then a good file, to show reading goes on) and returns the one-line error. */
  private String error(Path p, TraceFormat forced, String where, String... expected)
      throws IOException {
    Path good = dir.resolve("good");
    if (forced == TraceFormat.CSV) {
      Files.writeString(good, "1714564800\n".repeat(9));
    } else if (forced == TraceFormat.LOG) {
      Files.writeString(
          good,
          "2024-05-01T12:00:00.000Z\tERROR\tReconciler error\t{\"controller\": \"c\"}\n".repeat(9));
    } else {
      Files.write(
          good,
          sameTrace(
              forced == null
                  ? "trace.pb"
                  : switch (forced) {
                    case OTLP_JSON -> "trace.otlp.json";
                    case OTLP_PROTO -> "trace.pb";
                    case JAEGER_JSON -> "trace.jaeger.json";
                    case ZIPKIN_JSON -> "trace.zipkin.json";
                    case CSV, LOG, K8S_AUDIT -> throw new AssertionError();
                  }));
    }
    Collected c = Collected.read(new ReadOptions(forced, null), p.toString(), good.toString());
    String e = c.reports.get(0).error();
    assertTrue(e != null, "expected an error, read " + c.reports.get(0));
    String sep = where.startsWith("offset") ? ": " : ":";
    assertTrue(e.startsWith(p + sep + where), "location: " + e);
    for (String x : expected) {
      assertTrue(e.contains(x), "expected \"" + x + "\" in: " + e);
    }
    assertFalse(e.contains("\n") || e.contains("\r"), "one line: " + e);
    assertFalse(e.contains("Exception") || e.contains("\tat "), "no stack trace: " + e);
    assertNull(c.reports.get(1).error(), "the next input is still read");
    assertEquals(9, c.reports.get(1).spans());
    return e;
  }

  @Test
  void wrongFormatForced_protoOnJson_saysWhatItLooksLike() throws IOException {
    Path p = write("t.json", sameTrace("trace.otlp.json"));
    error(
        p,
        TraceFormat.OTLP_PROTO,
        "offset 0: ",
        "expected OTLP protobuf",
        "looks like otlp-json",
        "--format otlp-json");
  }

  @Test
  void wrongFormatForced_jaegerOnOtlpJson() throws IOException {
    Path p = write("t.json", sameTrace("trace.otlp.json"));
    error(
        p,
        TraceFormat.JAEGER_JSON,
        "1:1: ",
        "not a Jaeger trace: expected an object with",
        "looks like otlp-json");
  }

  @Test
  void wrongFormatForced_jsonOnProtobuf() throws IOException {
    Path p = write("t.pb", sameTrace("trace.pb"));
    error(p, TraceFormat.OTLP_JSON, "", "looks like otlp-proto");
  }

  @Test
  void wrongFormatForced_csvOnJaeger() throws IOException {
    Path p = write("t.json", sameTrace("trace.jaeger.json"));
    error(p, TraceFormat.CSV, "2:3: ", "expected a time", "looks like jaeger-json");
  }

  @Test
  void binaryGarbage_notRecognized() throws IOException {
    byte[] garbage = new byte[100_000];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = 0x13;
    error(
        write("garbage.bin", garbage),
        null,
        "offset 0: ",
        "not a trace this tool reads: expected OTLP JSON or protobuf, Jaeger JSON, Zipkin JSON, a"
            + " timestamp CSV or an operator log; found bytes 13");
  }

  @Test
  void binaryGarbage_forcedAsJson() throws IOException {
    byte[] garbage = new byte[100_000];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = (byte) 0xc3;
    error(write("garbage.bin", garbage), TraceFormat.OTLP_JSON, "1:", "not valid JSON");
  }

  @Test
  void binaryGarbage_forcedAsCsv_boundedLine() throws IOException {
    byte[] garbage = new byte[200_000];
    Arrays.fill(garbage, (byte) 'x');
    error(
        write("garbage.bin", garbage),
        TraceFormat.CSV,
        "1:1: ",
        "line longer than 65536 characters");
  }

  @Test
  void truncatedProtobuf() throws IOException {
    byte[] full = sameTrace("trace.pb");
    Path p = write("cut.pb", Arrays.copyOf(full, full.length - 100));
    error(
        p,
        null,
        "offset ",
        "truncated protobuf: the input ends inside span #3 of scope_spans #1 of resource_spans #2",
        "expected the rest of it");
  }

  @Test
  void truncatedLengthPrefixedProtobuf() throws IOException {
    byte[] full = sameTrace("trace.framed.pb");
    Path p = write("cut.pb", Arrays.copyOf(full, full.length - 100));
    error(p, null, "offset ", "truncated protobuf", "message #2");
  }

  @Test
  void lengthPrefixClaiming2GB_rejectedWithoutAllocating() throws IOException {
    byte[] message = sameTrace("trace.pb");
    byte[] framed = ByteBuffer.allocate(4 + message.length).putInt(0x80000000).put(message).array();
    error(
        write("huge.pb", framed),
        null,
        "offset 0: ",
        "length prefix of message #1 claims 2147483648 bytes: expected at most");
  }

  @Test
  void lengthPrefixClaimingNearly2GB_endsAsTruncated() throws IOException {
    byte[] message = sameTrace("trace.pb");
    byte[] framed =
        ByteBuffer.allocate(4 + message.length).putInt(0x7000_0000).put(message).array();
    error(
        write("huge.pb", framed), null, "offset ", "truncated protobuf", "claims 1879048192 bytes");
  }

  @Test
  void gzipEndingEarly() throws IOException {
    byte[] gz = FormatSnifferTest.gzip(sameTrace("trace.otlp.json"));
    Path p = write("cut.json.gz", Arrays.copyOf(gz, gz.length / 2));
    error(p, null, "offset ", "(compressed): gzip data ends early: expected more compressed bytes");
  }

  @Test
  void zstdEndingEarly() throws IOException {
    byte[] z = FormatSnifferTest.zstd(sameTrace("trace.otlp.json"));
    Path p = write("cut.json.zst", Arrays.copyOf(z, z.length / 2));
    error(p, null, "offset ", "(compressed): zstd data");
  }

  @Test
  void invalidTraceId() throws IOException {
    Path p =
        write(
            "bad-id.json",
            "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [\n"
                + "  {\"traceId\": \"not-an-id\", \"spanId\": \"0000000000000001\"}]}]}]}");
    error(
        p,
        null,
        "2:15: ",
        "expected a trace id of 32 hex digits or base64 of 16 bytes, found" + " \"not-an-id\"");
  }

  @Test
  void invalidSpanId_inJaeger() throws IOException {
    Path p =
        write(
            "bad-id.json",
            "{\"data\": [{\"spans\": [{\"traceID\": \"1\", "
                + "\"spanID\": \"00112233445566778899\", \"operationName\": \"x\", \"startTime\": 1}]}]}");
    error(p, null, "1:49: ", "expected a span id of 16 hex digits");
  }

  @Test
  void timeOutOfRange_otlpJson() throws IOException {
    Path p =
        write(
            "range.json",
            "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"spanId\":"
                + " \"01\", \"startTimeUnixNano\": \"99999999999999999999\"}]}]}]}");
    error(p, null, "1:85: ", "expected nanoseconds since the epoch below 2^63");
  }

  @Test
  void timeOutOfRange_zipkinMicros() throws IOException {
    Path p =
        write(
            "range.json",
            "[{\"traceId\": \"1\", \"id\": \"1\", \"timestamp\": " + "9300000000000000}]");
    error(p, null, "1:43: ", "a timestamp out of range", "beyond the year 2262");
  }

  @Test
  void jsonNestedThousandsDeep() throws IOException {
    String deep = "{\"resourceSpans\": [], \"x\": " + "[".repeat(50_000) + "]".repeat(50_000) + "}";
    error(write("deep.json", deep), null, "1:", "JSON nested deeper than 200 levels");
  }

  @Test
  void truncatedJson() throws IOException {
    byte[] full = sameTrace("trace.otlp.json");
    String e =
        error(
            write("cut.json", Arrays.copyOf(full, full.length / 2)),
            null,
            "",
            "truncated JSON: Unexpected end-of-input: expected close marker for Object (start marker"
                + " at line ");
    assertFalse(e.contains("Source"), e);
  }

  @Test
  void spanEndingBeforeItStarts_namesTheSpan() throws IOException {
    Path p =
        write(
            "neg.json",
            "[{\"traceId\": \"1\", \"id\": \"2\", \"name\": \"Reconcile\","
                + " \"timestamp\": 10, \"duration\": -1}]");
    error(p, null, "1:", "expected a duration of zero or more microseconds, found -1");
  }

  @Test
  void missingFile_andEmptyFolder() throws IOException {
    Path missing = dir.resolve("nope.json");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Collected c = Collected.read(ReadOptions.AUTO, missing.toString(), empty.toString());
    assertEquals(missing + ": cannot read: no such file", c.reports.get(0).error());
    assertEquals(
        empty + ": the folder has no files: expected trace files inside", c.reports.get(1).error());
  }

  @Test
  void emptyFile() throws IOException {
    error(write("empty.json", new byte[0]), null, "offset 0: ", "found an empty input");
  }

  @Test
  void everyErrorCarriesNoTrace_evenForTheFixturesFolderForcedWrong() throws IOException {
    List<InputReport> reports =
        Collected.read(
                new ReadOptions(TraceFormat.ZIPKIN_JSON, null), SameTraceFiles.FOLDER.toString())
            .reports;
    assertEquals(6, reports.size());
    for (InputReport r : reports) {
      if (r.path().endsWith("zipkin.json")) {
        assertNull(r.error());
      } else {
        assertTrue(r.failed(), r.toString());
        assertFalse(r.error().contains("\n"), r.error());
      }
    }
  }
}
