package io.github.wakeupanalyze.ingest;

import io.github.wakeupanalyze.model.Span;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a timestamp CSV ({@link TimestampCsv}: one reconcile per line, a start and optionally an
 * end) as synthetic spans, so that timestamps from earlier research go through the same analysis.
 *
 * <p>Each record becomes one root span named {@value #SPAN_NAME}, kind INTERNAL, no attributes,
 * whose service (the operator) is the override given, else the file name without directory and
 * extensions ({@code psmdb} for {@code logs/psmdb.csv.gz}; {@code stdin} for {@code -}). Its
 * controller is therefore {@code reconcile} and its object {@code *}: one stream per file.
 *
 * <p>Ids are deterministic: the trace id is (a 64-bit hash of the file name as given, the line
 * number) and the span id a mix of both, so two files never collide and a re-run gives the same
 * ids.
 */
final class CsvTraceReader implements TraceReader {
  static final String SPAN_NAME = "reconcile";

  private final String operatorOverride;
  private final Span.Builder builder = Span.builder();

  CsvTraceReader(String operatorOverride) {
    this.operatorOverride = operatorOverride;
  }

  @Override
  public void read(InputStream in, String file, SpanSink sink) throws IOException, InputException {
    String operator = operatorOverride != null ? operatorOverride : operatorOf(file);
    long fileHash = hash(file);
    long[] rows = {0};
    TimestampCsv.read(
        in,
        file,
        (line, start, end) -> {
          rows[0]++;
          sink.accept(
              builder
                  .reset()
                  .service(operator)
                  .traceId(fileHash, line)
                  .spanId(mix(fileHash ^ line))
                  .name(SPAN_NAME)
                  .kind(1)
                  .startNanos(start)
                  .endNanos(end)
                  .build());
        });
    if (rows[0] == 0) {
      throw new InputException(file, "", "no timestamps: expected one time per line");
    }
  }

  /** The operator name a CSV file gives: its name without directory and extensions. */
  static String operatorOf(String file) {
    if (file.equals("-")) {
      return "stdin";
    }
    String name = file.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.indexOf('.', 1);
    String base = dot < 0 ? name : name.substring(0, dot);
    return base.isEmpty() ? file : base;
  }

  /** FNV-1a over the UTF-8 bytes, then mixed. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** A 64-bit finalizer (SplitMix64); never returns 0. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return z == 0 ? 1 : z;
  }
}
