package io.github.wakeupanalyze.serve;

import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.live.FirstVerdict;
import io.github.wakeupanalyze.live.LiveView;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the server's Prometheus metrics, recorded with the Prometheus Java client
 * and written in its text format.
 *
 * <p>Two kinds. <b>Counters since start</b>: {@code wakeup_reconciles_total} counts each reconcile
 * once, with its first verdict ({@link FirstVerdict}), so {@code rate()} follows wake-ups as they
 * happen; receiver counters. <b>Gauges of the current window</b>, built from one {@link LiveView}
 * per scrape, so they agree with each other and with {@code /api/v1/summary}: {@code
 * wakeup_window_reconciles}, {@code wakeup_timer_delay_seconds}, {@code wakeup_timer_share}, ...
 * Names from traces are label values, escaped by the text format.
 */
final class LiveMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private final Counter reconciles =
      Counter.builder()
          .name("wakeup_reconciles_total")
          .help("Reconciles, each counted once with the verdict of the first pass that saw it")
          .labelNames("operator", "controller", "trigger", "cause")
          .withoutExemplars()
          .register(registry);
  private final Counter predictions =
      Counter.builder()
          .name("wakeup_predictions_total")
          .help(
              "Timer-driven reconciles (first verdict, cause requeue) by whether they started inside"
                  + " the interval predicted after the object's previous reconcile")
          .labelNames("operator", "controller", "outcome")
          .withoutExemplars()
          .register(registry);
  private final Counter spansReceived =
      Counter.builder()
          .name("wakeup_spans_received_total")
          .help("Spans received in accepted export requests")
          .labelNames("transport")
          .withoutExemplars()
          .register(registry);
  private final Counter logLinesReceived =
      Counter.builder()
          .name("wakeup_log_lines_received_total")
          .help("Operator log lines received in accepted OTLP logs export requests")
          .labelNames("transport")
          .withoutExemplars()
          .register(registry);
  private final Counter spansDropped =
      Counter.builder()
          .name("wakeup_spans_dropped_total")
          .help(
              "Spans not analysed: backpressure (the request was refused with a retry), before_window"
                  + " (ended before the window, reported as partial success)")
          .labelNames("reason")
          .withoutExemplars()
          .register(registry);
  private final Counter receiverErrors =
      Counter.builder()
          .name("wakeup_receiver_errors_total")
          .help("Export requests refused, by reason")
          .labelNames("transport", "reason")
          .withoutExemplars()
          .register(registry);
  private final Histogram exportSeconds =
      Histogram.builder()
          .name("wakeup_export_duration_seconds")
          .help("Time to receive, decode and queue one export request")
          .labelNames("transport")
          .classicOnly()
          .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)
          .withoutExemplars()
          .register(registry);
  private final Counter passes =
      Counter.builder()
          .name("wakeup_analysis_passes_total")
          .help("Analysis passes run")
          .withoutExemplars()
          .register(registry);
  private final Gauge lag =
      Gauge.builder()
          .name("wakeup_analysis_lag_seconds")
          .help(
              "Wall time from receiving the oldest spans a pass analysed to the end of that pass"
                  + " (the last pass)")
          .withoutExemplars()
          .register(registry);
  private final Gauge passSeconds =
      Gauge.builder()
          .name("wakeup_analysis_pass_seconds")
          .help("Duration of the last analysis pass")
          .withoutExemplars()
          .register(registry);

  /**
   * @param view the latest view, read once per scrape
   * @param queued spans queued for extraction now
   * @param lateLogLines log lines that came later than the hold, since start
   */
  LiveMetrics(Supplier<LiveView> view, Supplier<Long> queued, Supplier<Long> lateLogLines) {
    registry.register(new WindowGauges(view, queued, lateLogLines));
  }

  /** Counts an analysis pass and its first verdicts. */
  void pass(List<FirstVerdict> first, long lagNanos, long passNanos) {
    passes.inc();
    lag.set(lagNanos / 1e9);
    passSeconds.set(passNanos / 1e9);
    for (FirstVerdict v : first) {
      Reconcile r = v.reconcile().reconcile();
      var c = v.reconcile().classification();
      String op = r.key().operator();
      String ctl = r.key().controller();
      reconciles.labelValues(op, ctl, c.trigger().label(), c.cause().label()).inc();
      if (c.cause() == Cause.REQUEUE) {
        String outcome = v.predicted() == null ? "unpredicted" : v.predictedHit() ? "hit" : "miss";
        predictions.labelValues(op, ctl, outcome).inc();
      }
    }
  }

  void received(Transport t, int spans) {
    spansReceived.labelValues(t.label()).inc(spans);
  }

  void receivedLog(Transport t, int lines) {
    logLinesReceived.labelValues(t.label()).inc(lines);
  }

  void dropped(String reason, long spans) {
    if (spans > 0) {
      spansDropped.labelValues(reason).inc(spans);
    }
  }

  void error(Transport t, String reason) {
    receiverErrors.labelValues(t.label(), reason).inc();
  }

  void exportTime(Transport t, long nanos) {
    exportSeconds.labelValues(t.label()).observe(nanos / 1e9);
  }

  /** The text format's content type. */
  String contentType() {
    return writer.getContentType();
  }

  void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** The gauges of the current window, from one view. */
  private static final class WindowGauges implements MultiCollector {
    private final Supplier<LiveView> view;
    private final Supplier<Long> queued;
    private final Supplier<Long> lateLogLines;

    WindowGauges(Supplier<LiveView> view, Supplier<Long> queued, Supplier<Long> lateLogLines) {
      this.view = view;
      this.queued = queued;
      this.lateLogLines = lateLogLines;
    }

    @Override
    public MetricSnapshots collect() {
      LiveView v = view.get();
      List<MetricSnapshot> out = new ArrayList<>();
      Map<List<String>, Integer> byVerdict = new TreeMap<>(LiveMetrics::compareLists);
      for (ClassifiedReconcile cr : v.analysis().reconciles()) {
        var k = cr.reconcile().key();
        var c = cr.classification();
        byVerdict.merge(
            List.of(k.operator(), k.controller(), c.trigger().label(), c.cause().label()),
            1,
            Integer::sum);
      }
      GaugeSnapshot.Builder window =
          gauge("wakeup_window_reconciles", "Reconciles in the window by their current verdict");
      byVerdict.forEach(
          (k, n) ->
              window.dataPoint(
                  point(
                      n,
                      "operator",
                      k.get(0),
                      "controller",
                      k.get(1),
                      "trigger",
                      k.get(2),
                      "cause",
                      k.get(3))));
      out.add(window.build());
      GaugeSnapshot.Builder delay =
          gauge(
              "wakeup_timer_delay_seconds",
              "Delay of each timer found in the window, end of one reconcile to start of the next"
                  + " (timer: rank by delay, from 1)");
      GaugeSnapshot.Builder jitter =
          gauge("wakeup_timer_jitter_seconds", "Robust spread of each timer's delay (1.4826 MAD)");
      GaugeSnapshot.Builder share =
          gauge("wakeup_timer_share", "Share of the window's reconciles that timers drove");
      GaugeSnapshot.Builder objects =
          gauge("wakeup_objects", "Objects with a reconcile in the window");
      for (ControllerResult c : v.analysis().controllers()) {
        int rank = 0;
        for (TimerFinding t : c.timers()) {
          rank++;
          Labels l =
              Labels.of(
                  "operator", c.operator(),
                  "controller", c.controller(),
                  "source", t.source().label(),
                  "timer", Integer.toString(rank));
          if (Double.isFinite(t.delaySeconds())) {
            delay.dataPoint(
                GaugeDataPointSnapshot.builder().value(t.delaySeconds()).labels(l).build());
          }
          if (Double.isFinite(t.jitterSeconds())) {
            jitter.dataPoint(
                GaugeDataPointSnapshot.builder().value(t.jitterSeconds()).labels(l).build());
          }
        }
        share.dataPoint(
            point(
                c.reconciles() == 0 ? 0 : (double) c.timerDriven() / c.reconciles(),
                "operator",
                c.operator(),
                "controller",
                c.controller()));
        objects.dataPoint(
            point(c.objects(), "operator", c.operator(), "controller", c.controller()));
      }
      out.add(delay.build());
      out.add(jitter.build());
      out.add(share.build());
      out.add(objects.build());
      out.add(
          gauge("wakeup_watermark_seconds", "Latest span end received, Unix seconds")
              .dataPoint(point(v.watermarkNanos() == Long.MIN_VALUE ? 0 : v.watermarkNanos() / 1e9))
              .build());
      out.add(
          gauge("wakeup_intake_queued_spans", "Spans received and queued for extraction")
              .dataPoint(point(queued.get()))
              .build());
      out.add(
          gauge("wakeup_held_spans", "Spans held until their trace is final")
              .dataPoint(point(v.counts().heldSpans()))
              .build());
      out.add(
          gauge(
                  "wakeup_orphan_spans",
                  "Spans that joined no reconcile: their parent had gone or never came")
              .dataPoint(point(v.counts().orphanSpans()))
              .build());
      out.add(
          CounterSnapshot.builder()
              .name("wakeup_log_lines_late")
              .help(
                  "Operator log lines that came more than the grace period after a later line of"
                      + " the log, read out of order (a reconcile they start or end may be split)")
              .dataPoint(CounterDataPointSnapshot.builder().value(lateLogLines.get()).build())
              .build());
      return new MetricSnapshots(out);
    }
  }

  private static GaugeSnapshot.Builder gauge(String name, String help) {
    return GaugeSnapshot.builder().name(name).help(help);
  }

  private static GaugeDataPointSnapshot point(double value, String... labels) {
    return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
  }

  private static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
