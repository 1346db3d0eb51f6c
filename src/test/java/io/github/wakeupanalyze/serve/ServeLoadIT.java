package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.live.LiveCounts;
import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.live.LiveView;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Replay;
import io.github.wakeupanalyze.testing.SimulatedLog;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load test on loopback: a six-hour simulated Percona-like trace (a 5 s RequeueAfter on
 * three objects) replayed as fast as one exporter can send it, in SDK-sized protobuf requests in
 * the order spans end, into a server with a 15 min window. It stops by itself: after the last
 * request, or after {@value #MAX_SECONDS} s of sending. It prints sustained spans/s, the p50 and
 * p99 export latency (request sent to answer read), and the heap used after a full GC before the
 * replay, at its middle and at its end: the window keeps memory flat, so the last two are close.
 *
 * <p>Figures are printed, not asserted (the bench's rule); what is asserted is that every request
 * was taken (retried after a 503), the window evicted what left it and holds about its share.
 */
class ServeLoadIT {
  static final long HOURS = 6;
  static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(15);
  static final int MAX_SECONDS = 240;

  @TempDir Path dir;

  /** One span with its resource and scope, to be regrouped into requests. */
  private record Item(ResourceSpans resource, ScopeSpans scope, Span span) {}

  /** The trace file as SDK-sized requests, spans in the order they end. */
  static List<byte[]> requests(Path trace) throws Exception {
    return requests(trace, Long.MAX_VALUE);
  }

  /**
   * The trace file as an SDK's batch span processor exports it: spans in the order they end, a
   * request per 512 spans or per {@code maxNanos} of trace time (its schedule delay), whichever
   * comes first.
   */
  static List<byte[]> requests(Path trace, long maxNanos) throws Exception {
    ExportTraceServiceRequest all;
    try (InputStream in = Files.newInputStream(trace)) {
      all = ExportTraceServiceRequest.parseFrom(in);
    }
    List<Item> items = new ArrayList<>();
    for (ResourceSpans rs : all.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          items.add(new Item(rs, ss, s));
        }
      }
    }
    items.sort(Comparator.comparingLong(i -> i.span().getEndTimeUnixNano()));
    List<byte[]> out = new ArrayList<>();
    for (int at = 0, to; at < items.size(); at = to) {
      long first = items.get(at).span().getEndTimeUnixNano();
      to = at + 1;
      while (to < items.size()
          && to - at < Replay.SDK_BATCH
          && items.get(to).span().getEndTimeUnixNano() - first < maxNanos) {
        to++;
      }
      ExportTraceServiceRequest.Builder r = ExportTraceServiceRequest.newBuilder();
      for (Item i : items.subList(at, to)) {
        r.addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(i.resource().getResource())
                .addScopeSpans(
                    ScopeSpans.newBuilder().setScope(i.scope().getScope()).addSpans(i.span())));
      }
      out.add(r.build().toByteArray());
    }
    return out;
  }

  static long heapAfterGc() throws InterruptedException {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return m.getHeapMemoryUsage().getUsed();
  }

  @Test
  void longReplay_sustainedRate_p99Latency_flatHeap() throws Exception {
    Path trace = Replay.simulate(Replay.PERCONA, TimeUnit.HOURS.toNanos(HOURS), dir);
    List<byte[]> requests = requests(trace);
    long spans = Math.min((long) requests.size() * Replay.SDK_BATCH, Long.MAX_VALUE);
    LiveSettings live = LiveSettings.defaults(WINDOW_NANOS);
    try (TestServer s =
        new TestServer(
            live,
            ServeSettings.DEFAULT_MAX_REQUEST_BYTES,
            ServeSettings.DEFAULT_MAX_QUEUED_SPANS,
            null)) {
      long heapBefore = heapAfterGc();
      List<Timed> timed = new ArrayList<>();
      for (byte[] r : requests) {
        timed.add(new Timed(0, HttpFront.TRACES, r));
      }
      Sent sent = send(s, timed);
      long sendNanos = sent.nanos();
      long started = System.nanoTime() - sendNanos;
      s.awaitSettled();
      long settledNanos = System.nanoTime() - started;
      long heapAfter = heapAfterGc();
      LiveCounts c = s.server.view().counts();
      System.out.printf(
          Locale.ROOT,
          "serve load: %d of %d requests (%d spans, %d h of trace) in %.1f s: %.0f spans/s sent,"
              + " %.0f spans/s analysed; export latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
              + " %d retries after 503; heap after GC %.1f MiB before, %.1f MiB at half,"
              + " %.1f MiB at the end; %d reconciles in the window, %d evicted%n",
          sent.count(),
          requests.size(),
          c.spans(),
          HOURS,
          sendNanos / 1e9,
          c.spans() / (sendNanos / 1e9),
          c.spans() / (settledNanos / 1e9),
          sent.quantileMs(0.5),
          sent.quantileMs(0.99),
          sent.quantileMs(1),
          sent.retries(),
          heapBefore / 1048576.0,
          sent.heapAtHalf() / 1048576.0,
          heapAfter / 1048576.0,
          c.reconcilesInWindow(),
          c.evictedReconciles());
      assertTrue(sent.count() > requests.size() / 4, "a quarter of the replay at least");
      assertTrue(spans > 0);
      assertTrue(c.evictedReconciles() > 0, "the window moved");
      assertEquals(c.reconciles(), c.reconcilesInWindow() + c.evictedReconciles());
      assertTrue(
          c.reconcilesInWindow() < c.reconciles() / 4,
          "the window holds about 15 min of the trace: " + c);
    }
  }

  /** A request and the latest time in it (trace time), to interleave traces and logs. */
  record Timed(long nanos, String path, byte[] body) {}

  /**
   * The log as a Collector sends it: a request per second of lines (at most 512), one pod each,
   * each line's time its observed time; each request due {@code delayNanos} after its last line.
   */
  static List<Timed> logRequests(Path log, long delayNanos) throws Exception {
    List<SimulatedLog.Line> lines = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      lines.add(SimulatedLog.parse(l));
    }
    List<Timed> out = new ArrayList<>();
    for (int at = 0, to; at < lines.size(); at = to) {
      to = at + 1;
      while (to < lines.size()
          && to - at < Replay.SDK_BATCH
          && lines.get(to).nanos() - lines.get(at).nanos() < TimeUnit.SECONDS.toNanos(1)) {
        to++;
      }
      List<SimulatedLog.Line> batch = lines.subList(at, to);
      out.add(
          new Timed(
              batch.get(batch.size() - 1).nanos() + delayNanos,
              HttpFront.LOGS,
              SimulatedLog.otlpRequest(batch)));
    }
    return out;
  }

  /**
   * What a replay sent, one request at a time, each when the previous one was answered.
   *
   * @param latency of each request taken (sent to answer read), in the order sent
   * @param retries requests sent again after a 503
   * @param nanos from the first request to the last answer, the pause at half excluded
   * @param heapAtHalf the heap after a full GC when half the requests were taken
   */
  record Sent(long[] latency, int retries, long nanos, long heapAtHalf) {
    int count() {
      return latency.length;
    }

    /** The latency at quantile {@code q} (0 to 1), in ms. */
    double quantileMs(double q) {
      long[] sorted = latency.clone();
      Arrays.sort(sorted);
      return sorted[
              (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))]
          / 1e6;
    }
  }

  /**
   * Sends {@code requests} in order, each retried after a 503, until all were taken or {@value
   * #MAX_SECONDS} s have passed; the heap is measured (and its pause left out) at half.
   */
  static Sent send(TestServer s, List<Timed> requests) throws Exception {
    long[] latency = new long[requests.size()];
    int sent = 0;
    int retries = 0;
    long heapAtHalf = 0;
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
    while (sent < requests.size() && System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      Timed q = requests.get(sent);
      HttpResponse<byte[]> r = s.post(q.path(), HttpFront.PROTOBUF, q.body());
      if (r.statusCode() == 503) {
        retries++;
        Thread.sleep(50);
        continue;
      }
      assertEquals(200, r.statusCode());
      latency[sent++] = System.nanoTime() - t0;
      if (sent == requests.size() / 2) {
        long paused = System.nanoTime();
        heapAtHalf = heapAfterGc();
        deadline += System.nanoTime() - paused;
        started += System.nanoTime() - paused;
      }
    }
    return new Sent(Arrays.copyOf(latency, sent), retries, System.nanoTime() - started, heapAtHalf);
  }

  /**
   * The same load with the operator's own log: a six-hour Percona-like run head-sampled at 10 %,
   * its trace as the SDK's batch processor exports it (512 spans or 5 s), its log a second at a
   * time, each log request sent once the trace has passed its last line by 7 s. Every pass then
   * joins the two records over the whole window. Prints spans/s and lines/s sent, the export
   * latency, the passes run, and the heap; asserts every request taken and the window read as
   * complete.
   */
  @Test
  void longReplay_withTheOperatorsLog_joinedInTheWindow() throws Exception {
    Scenario scenario =
        ScenarioLoader.load(SimulatedLog.PERCONA_SAMPLED_10)
            .withDuration(TimeUnit.HOURS.toNanos(HOURS));
    Path trace = SimulationRun.write(scenario, OutputFormat.OTLP_PROTO, dir, "trace").trace();
    Path log = SimulationRun.write(scenario, OutputFormat.LOG_ZAP_JSON, dir, "log").trace();
    List<Timed> all = new ArrayList<>();
    for (byte[] r : requests(trace, TimeUnit.SECONDS.toNanos(5))) {
      ExportTraceServiceRequest q = ExportTraceServiceRequest.parseFrom(r);
      long last = 0;
      for (ResourceSpans rs : q.getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span sp : ss.getSpansList()) {
            last = Math.max(last, sp.getEndTimeUnixNano());
          }
        }
      }
      all.add(new Timed(last, HttpFront.TRACES, r));
    }
    all.addAll(logRequests(log, TimeUnit.SECONDS.toNanos(7)));
    all.sort(Comparator.comparingLong(Timed::nanos));
    try (TestServer s =
        new TestServer(
            LiveSettings.defaults(WINDOW_NANOS),
            ServeSettings.DEFAULT_MAX_REQUEST_BYTES,
            ServeSettings.DEFAULT_MAX_QUEUED_SPANS,
            null)) {
      long heapBefore = heapAfterGc();
      Sent sent = send(s, all);
      s.awaitSettled();
      long heapAfter = heapAfterGc();
      LiveView v = s.server.view();
      LiveCounts c = v.counts();
      String metrics = s.get("/metrics").body();
      long lines =
          (long)
              metrics
                  .lines()
                  .filter(l -> l.startsWith("wakeup_log_lines_received_total{transport=\"logs\"} "))
                  .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                  .sum();
      System.out.printf(
          Locale.ROOT,
          "serve load with the operator's log: %d of %d requests (%d spans, %d log lines, %d h"
              + " of trace at 10 %%) in %.1f s: %.0f spans/s and %.0f lines/s sent; export latency"
              + " p50 %.1f ms, p99 %.1f ms; %d retries after 503; %d passes; heap after GC %.1f MiB"
              + " before, %.1f MiB at the end; %d reconciles in the window's analysis, %d of them"
              + " joined with their line%n",
          sent.count(),
          all.size(),
          c.spans(),
          lines,
          HOURS,
          sent.nanos() / 1e9,
          c.spans() / (sent.nanos() / 1e9),
          lines / (sent.nanos() / 1e9),
          sent.quantileMs(0.5),
          sent.quantileMs(0.99),
          sent.retries(),
          v.pass(),
          heapBefore / 1048576.0,
          heapAfter / 1048576.0,
          v.analysis().reconciles().size(),
          c.joinedReconciles());
      assertTrue(sent.count() > all.size() / 4, "a quarter of the replay at least");
      assertTrue(c.evictedReconciles() > 0, "the window moved");
      if (sent.count() == all.size()) {
        assertTrue(c.joinedReconciles() > 0, "the window joined the two records: " + c);
        for (ControllerResult cr : v.analysis().controllers()) {
          assertFalse(
              cr.sampling().sampled(),
              () ->
                  c
                      + " "
                      + cr
                      + " p<1: "
                      + v.analysis().reconciles().stream()
                          .filter(x -> x.reconcile().samplingProbability() < 1)
                          .limit(3)
                          .toList());
        }
      }
    }
  }
}
