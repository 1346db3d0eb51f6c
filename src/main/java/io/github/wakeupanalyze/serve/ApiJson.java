package io.github.wakeupanalyze.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wakeupanalyze.analyze.Classification;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.extract.ExtractCounts;
import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.live.FirstVerdict;
import io.github.wakeupanalyze.live.LiveCounts;
import io.github.wakeupanalyze.live.LiveView;
import io.github.wakeupanalyze.live.ObjectView;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.report.SummaryJson;
import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Numbers;
import io.github.wakeupanalyze.unload.WakePrediction;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live API's JSON documents: {@code /api/v1/summary} ({@code summary.json}'s schema, written by
 * {@link SummaryJson}, for the current window), {@code /api/v1/objects} (each object's state and
 * its next predicted wake-up) and {@code /api/v1/recent} (the latest first verdicts). Keys are
 * snake_case; times are epoch nanoseconds ({@code _unix_nano}), durations seconds ({@code _s}).
 */
final class ApiJson {
  /** The input named in the live summary: everything the receivers accepted. */
  static final String INPUT = "otlp-receiver";

  private static final JsonFactory FACTORY = new JsonFactory();

  private ApiJson() {}

  /** The window as a batch run would report it: one input, the window's reconciles. */
  static ExtractResult extraction(LiveView v) {
    LiveCounts c = v.counts();
    List<Reconcile> reconciles = new ArrayList<>(v.analysis().reconciles().size());
    for (ClassifiedReconcile cr : v.analysis().reconciles()) {
      reconciles.add(cr.reconcile());
    }
    ExtractCounts counts =
        new ExtractCounts(
            c.spans(),
            c.duplicateSpans(),
            0,
            c.nestedReconcileSpans(),
            c.orphanSpans(),
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0);
    return new ExtractResult(
        reconciles,
        counts.withMerged(c.joinedReconciles()),
        List.of((long) reconciles.size()),
        v.analysis().windowStartNanos(),
        v.analysis().windowEndNanos(),
        Map.of(),
        TraceEvidence.NONE,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * The one input of the live summary, with the receiver's own {@code warnings} after the view's.
   */
  static List<InputReport> inputs(LiveView v, List<String> warnings) {
    List<String> all = new ArrayList<>(v.notes());
    all.addAll(warnings);
    return List.of(new InputReport(INPUT, null, v.counts().spans(), all, null));
  }

  static void summary(LiveView v, List<String> warnings, String toolVersion, Writer out)
      throws IOException {
    SummaryJson.write(toolVersion, inputs(v, warnings), extraction(v), v.analysis(), out);
  }

  /**
   * The warning for the operators' log lines that came later than the hold and were read out of
   * order, or none.
   */
  static List<String> lateLogLines(long late, long graceNanos) {
    if (late == 0) {
      return List.of();
    }
    return List.of(
        String.format(
            Locale.ROOT,
            "%s of the operators' logs came more than --grace (%s s) after a later line and %s"
                + " read where %s came: a reconcile %s start or end may be split in two; a larger"
                + " --grace takes them in",
            Numbers.count(late, "line"),
            Durations.plainSeconds(graceNanos),
            late == 1 ? "was" : "were",
            late == 1 ? "it" : "they",
            late == 1 ? "it" : "they"));
  }

  static void objects(LiveView v, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      window(g, v);
      g.writeArrayFieldStart("objects");
      for (ObjectView o : v.objects()) {
        g.writeStartObject();
        key(g, o.key());
        g.writeNumberField("reconciles", o.result().reconciles());
        g.writeNumberField("timer_driven", o.result().timerDriven());
        g.writeStringField("verdict", o.result().verdict().label());
        g.writeObjectFieldStart("last");
        reconcile(g, o.last());
        g.writeEndObject();
        g.writeArrayFieldStart("timers");
        for (TimerFinding t : o.result().timers()) {
          g.writeStartObject();
          number(g, "delay_s", t.delaySeconds());
          number(g, "jitter_s", t.jitterSeconds());
          g.writeNumberField("reconciles", t.reconciles());
          g.writeStringField("source", t.source().label());
          g.writeStringField("queue", t.queue().label());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("next_wakeup");
        prediction(g, o.next(), v.watermarkNanos());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  static void recent(LiveView v, List<FirstVerdict> recent, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      window(g, v);
      g.writeArrayFieldStart("reconciles");
      for (FirstVerdict f : recent) {
        g.writeStartObject();
        key(g, f.reconcile().reconcile().key());
        reconcile(g, f.reconcile());
        g.writeFieldName("predicted");
        prediction(g, f.predicted(), Long.MIN_VALUE);
        if (f.predicted() != null) {
          g.writeBooleanField("predicted_hit", f.predictedHit());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void window(JsonGenerator g, LiveView v) throws IOException {
    g.writeNumberField("pass", v.pass());
    if (v.watermarkNanos() == Long.MIN_VALUE) {
      g.writeNullField("watermark_unix_nano");
    } else {
      g.writeNumberField("watermark_unix_nano", v.watermarkNanos());
    }
    g.writeObjectFieldStart("window");
    g.writeNumberField("start_unix_nano", v.analysis().windowStartNanos());
    g.writeNumberField("end_unix_nano", v.analysis().windowEndNanos());
    g.writeEndObject();
  }

  private static void key(JsonGenerator g, StreamKey k) throws IOException {
    g.writeStringField("operator", k.operator());
    g.writeStringField("controller", k.controller());
    g.writeStringField("object", k.object());
  }

  private static void reconcile(JsonGenerator g, ClassifiedReconcile cr) throws IOException {
    Reconcile r = cr.reconcile();
    Classification c = cr.classification();
    g.writeNumberField("start_unix_nano", r.startNanos());
    g.writeNumberField("end_unix_nano", r.endNanos());
    g.writeStringField("trace_id", r.traceIdHex());
    g.writeStringField("span_id", r.spanIdHex());
    g.writeStringField("trigger", c.trigger().label());
    g.writeStringField("cause", c.cause().label());
    number(g, "confidence", c.confidence());
    number(g, "timer_s", c.timerSeconds());
    g.writeStringField("basis", c.basis());
  }

  /**
   * A prediction, or null; {@code overdue} when the watermark has passed its latest time without a
   * wake-up (the timer stopped, or the wake-up is still on its way).
   */
  private static void prediction(JsonGenerator g, WakePrediction p, long watermark)
      throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("expected_unix_nano", p.expectedNanos());
    g.writeNumberField("earliest_unix_nano", p.earliestNanos());
    g.writeNumberField("latest_unix_nano", p.latestNanos());
    g.writeNumberField("anchor_end_unix_nano", p.anchorEndNanos());
    number(g, "delay_s", p.delaySeconds());
    number(g, "jitter_s", p.jitterSeconds());
    g.writeStringField("queue", p.queue().label());
    g.writeStringField("deadline", p.deadline());
    if (watermark != Long.MIN_VALUE) {
      g.writeBooleanField("overdue", watermark > p.latestNanos());
    }
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }
}
