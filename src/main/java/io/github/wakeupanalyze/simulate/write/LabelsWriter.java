package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.SimSink;
import io.github.wakeupanalyze.simulate.SimSpan;
import io.github.wakeupanalyze.text.Csv;
import io.github.wakeupanalyze.text.Durations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The ground-truth CSV, one line per reconcile in the order reconciles end: {@code
 * trace_id,span_id,start_unix_nano,operator,controller,object,truth,cause,timer_period_s,kept}.
 * {@code truth} is {@code event} or {@code timer}; {@code cause} uses the {@code reconciles.csv}
 * vocabulary; {@code timer_period_s} is the RequeueAfter, backoff, resync or max-interval delay in
 * seconds (e.g. {@code 5}, {@code 0.005}), empty for events; {@code kept} is {@code true} when the
 * reconcile's span is in the trace, {@code false} when sampling or span loss removed it (every
 * reconcile that happened has a line). Starts are as the trace records them (with the operator's
 * clock offset), truncated to the trace format's resolution, so they equal what a reader of that
 * trace sees.
 */
public final class LabelsWriter implements SimSink, AutoCloseable {
  public static final String HEADER =
      "trace_id,span_id,start_unix_nano,operator,controller,object,truth,cause,timer_period_s,kept";

  private final Writer out;
  private final long resolution;

  /**
   * @param resolutionNanos the trace format's time resolution, 1 or 1000
   */
  public LabelsWriter(OutputStream out, long resolutionNanos) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.resolution = resolutionNanos;
    this.out.write(HEADER);
    this.out.write('\n');
  }

  @Override
  public void reconcile(Label l, List<SimSpan> spans) throws IOException {
    long start = l.startNanos() - Math.floorMod(l.startNanos(), resolution);
    out.write(l.traceIdHex());
    out.write(',');
    out.write(l.spanIdHex());
    out.write(',');
    out.write(Long.toString(start));
    out.write(',');
    out.write(Csv.text(l.operator()));
    out.write(',');
    out.write(Csv.text(l.controller()));
    out.write(',');
    out.write(Csv.text(l.object()));
    out.write(',');
    out.write(l.truth().label());
    out.write(',');
    out.write(l.cause().label());
    out.write(',');
    if (l.truth() == io.github.wakeupanalyze.model.Trigger.TIMER) {
      out.write(Durations.plainSeconds(l.periodNanos()));
    }
    out.write(l.kept() ? ",true\n" : ",false\n");
  }

  @Override
  public void other(List<SimSpan> spans) {
    // not a reconcile: no label
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
