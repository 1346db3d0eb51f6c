package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.SimSpan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The timestamp CSV of earlier research: a header {@code start,end}, then one reconcile per line as
 * ISO-8601 UTC instants with nanoseconds ({@code 2026-01-01T00:00:05.200000000Z}), in the order
 * reconciles end. The format has no stream columns: every reconcile of the scenario lands in one
 * series, so use it with single-stream scenarios (one controller, one object).
 */
public final class TimestampCsvWriter implements TraceWriter {
  private final Writer out;

  public TimestampCsvWriter(OutputStream out) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.out.write("start,end\n");
  }

  @Override
  public void reconcile(Label label, List<SimSpan> spans) throws IOException {
    if (!label.kept()) {
      return; // not in the trace: the timestamp export would not have it either
    }
    out.write(iso(label.startNanos()));
    out.write(',');
    out.write(iso(label.endNanos()));
    out.write('\n');
  }

  @Override
  public void other(List<SimSpan> spans) {
    // only reconciles are written
  }

  static String iso(long nanos) {
    Instant i =
        Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    String s = i.toString(); // drops trailing zero groups; rewrite with 9 digits
    int dot = s.indexOf('.');
    String base = dot < 0 ? s.substring(0, s.length() - 1) : s.substring(0, dot);
    return base + "." + String.format(java.util.Locale.ROOT, "%09d", i.getNano()) + "Z";
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
