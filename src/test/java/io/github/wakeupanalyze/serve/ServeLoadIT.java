package io.github.wakeupanalyze.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.live.LiveCounts;
import io.github.wakeupanalyze.live.LiveSettings;
import io.github.wakeupanalyze.testing.Replay;
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
    for (int at = 0; at < items.size(); at += Replay.SDK_BATCH) {
      ExportTraceServiceRequest.Builder r = ExportTraceServiceRequest.newBuilder();
      for (Item i : items.subList(at, Math.min(items.size(), at + Replay.SDK_BATCH))) {
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
      long heapMiddle = 0;
      long[] latency = new long[requests.size()];
      int sent = 0;
      int retries = 0;
      long started = System.nanoTime();
      long deadline = started + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
      while (sent < requests.size() && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = s.post("/v1/traces", HttpFront.PROTOBUF, requests.get(sent));
        if (r.statusCode() == 503) {
          retries++;
          Thread.sleep(50);
          continue;
        }
        assertEquals(200, r.statusCode());
        latency[sent++] = System.nanoTime() - t0;
        if (sent == requests.size() / 2) {
          long paused = System.nanoTime();
          heapMiddle = heapAfterGc();
          deadline += System.nanoTime() - paused;
          started += System.nanoTime() - paused;
        }
      }
      long sendNanos = System.nanoTime() - started;
      s.awaitSettled();
      long settledNanos = System.nanoTime() - started;
      long heapAfter = heapAfterGc();
      long[] done = Arrays.copyOf(latency, sent);
      Arrays.sort(done);
      LiveCounts c = s.server.view().counts();
      System.out.printf(
          Locale.ROOT,
          "serve load: %d of %d requests (%d spans, %d h of trace) in %.1f s: %.0f spans/s sent,"
              + " %.0f spans/s analysed; export latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
              + " %d retries after 503; heap after GC %.1f MiB before, %.1f MiB at half,"
              + " %.1f MiB at the end; %d reconciles in the window, %d evicted%n",
          sent,
          requests.size(),
          c.spans(),
          HOURS,
          sendNanos / 1e9,
          c.spans() / (sendNanos / 1e9),
          c.spans() / (settledNanos / 1e9),
          done[done.length / 2] / 1e6,
          done[(int) Math.min(done.length - 1, Math.ceil(done.length * 0.99) - 1)] / 1e6,
          done[done.length - 1] / 1e6,
          retries,
          heapBefore / 1048576.0,
          heapMiddle / 1048576.0,
          heapAfter / 1048576.0,
          c.reconcilesInWindow(),
          c.evictedReconciles());
      assertTrue(sent > requests.size() / 4, "a quarter of the replay at least");
      assertTrue(spans > 0);
      assertTrue(c.evictedReconciles() > 0, "the window moved");
      assertEquals(c.reconciles(), c.reconcilesInWindow() + c.evictedReconciles());
      assertTrue(
          c.reconcilesInWindow() < c.reconciles() / 4,
          "the window holds about 15 min of the trace: " + c);
    }
  }
}
