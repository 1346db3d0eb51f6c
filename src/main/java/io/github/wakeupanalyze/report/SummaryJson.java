package io.github.wakeupanalyze.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.CallTally;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.SamplingEstimate;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.extract.ClockOffset;
import io.github.wakeupanalyze.extract.ExtractCounts;
import io.github.wakeupanalyze.extract.ExtractResult;
import io.github.wakeupanalyze.ingest.InputReport;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.sources.SourceLinks;
import io.github.wakeupanalyze.text.Names;
import io.github.wakeupanalyze.unload.OperatorUnload;
import io.github.wakeupanalyze.unload.PredictiveResult;
import io.github.wakeupanalyze.unload.UnloadAnalysis;
import io.github.wakeupanalyze.unload.UnloadResult;
import io.github.wakeupanalyze.unload.UnloadTable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: the run in numbers, for scripts and for {@code compare}. A public
 * interface, versioned by {@link #SCHEMA}: fields are only added within a version; renaming or
 * removing one bumps it. Keys are snake_case, written in a fixed order; an operator's rates are per
 * hour of its own observed window (its {@code hours}); durations in seconds.
 */
public final class SummaryJson {
  /** Schema version of the document. */
  public static final int SCHEMA = 1;

  private static final JsonFactory FACTORY = new JsonFactory();

  private SummaryJson() {}

  public static void write(
      String toolVersion,
      List<InputReport> inputs,
      ExtractResult extraction,
      Analysis analysis,
      Writer out)
      throws IOException {
    write(
        toolVersion,
        inputs,
        extraction,
        analysis,
        UnloadAnalysis.tables(
            analysis,
            UnloadAnalysis.DEFAULT_UNLOAD_AFTER_NANOS,
            UnloadAnalysis.DEFAULT_RELOAD_LEAD_NANOS),
        SourceLinks.NONE,
        out);
  }

  /**
   * As above, with the unload model already run (per operator, at the default times) and the call
   * sites matched to each timer ({@link SourceLinks#NONE} when no source was scanned).
   */
  static void write(
      String toolVersion,
      List<InputReport> inputs,
      ExtractResult extraction,
      Analysis analysis,
      Map<String, UnloadTable> unload,
      SourceLinks links,
      Writer out)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      DefaultPrettyPrinter pp =
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(pp);
      g.setCharacterEscapes(JsonEscapes.INSTANCE);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("schema", SCHEMA);
      g.writeStringField("tool", "wakeup-analyze " + toolVersion);
      writeInputs(g, inputs, extraction);
      g.writeObjectFieldStart("window");
      g.writeNumberField("start_unix_nano", analysis.windowStartNanos());
      g.writeNumberField("end_unix_nano", analysis.windowEndNanos());
      number(g, "hours", analysis.hours());
      g.writeEndObject();
      g.writeObjectFieldStart("extraction");
      g.writeNumberField("spans", extraction.spans());
      g.writeNumberField("duplicate_spans", extraction.duplicates());
      g.writeNumberField("nested_reconcile_spans", extraction.nestedReconcileSpans());
      g.writeNumberField("orphan_spans", extraction.orphans());
      g.writeNumberField("reconciles", extraction.reconciles().size());
      writeExtractionDetails(g, extraction);
      g.writeEndObject();
      g.writeObjectFieldStart("parameters");
      for (Map.Entry<String, Object> e : analysis.parameters().asMap().entrySet()) {
        Object v = e.getValue();
        if (v instanceof Number n) {
          number(g, e.getKey(), n.doubleValue());
        } else {
          g.writeStringField(e.getKey(), String.valueOf(v));
        }
      }
      g.writeEndObject();
      g.writeArrayFieldStart("operators");
      Map<String, CallTally> writesErrors = CallTally.of(analysis.reconciles());
      for (OperatorView op : OperatorView.of(analysis)) {
        writeOperator(
            g, op, writesErrors, unload.getOrDefault(op.operator(), UnloadTable.EMPTY), links);
      }
      g.writeEndArray();
      writeLongNames(g, analysis);
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /** Lost spans, id collisions, eviction and clock offsets: what extraction repaired or assumed. */
  private static void writeExtractionDetails(JsonGenerator g, ExtractResult ex) throws IOException {
    ExtractCounts c = ex.counts();
    g.writeNumberField("id_collisions", c.idCollisions());
    g.writeNumberField("orphan_reconciles", c.orphanReconciles());
    g.writeNumberField("fragments", c.fragments());
    g.writeNumberField("lost_reconciles", c.lostReconciles());
    g.writeNumberField("lost_parents", c.lostParents());
    g.writeNumberField("late_spans", c.lateSpans());
    g.writeNumberField("late_children", c.lateChildren());
    g.writeNumberField("evicted_entries", c.evictedEntries());
    g.writeNumberField("merged_reconciles", c.mergedReconciles());
    number(g, "horizon_s", c.horizonNanos() / 1e9);
    g.writeArrayFieldStart("clock_offsets");
    for (ClockOffset o : ex.clockOffsets()) {
      g.writeStartObject();
      g.writeStringField("service", o.service());
      g.writeStringField("reference", o.reference());
      number(g, "offset_s", o.offsetNanos() / 1e9);
      number(g, "low_s", o.lowNanos() / 1e9);
      number(g, "high_s", o.highNanos() / 1e9);
      number(g, "spread_s", o.spreadNanos() / 1e9);
      g.writeNumberField("pairs", o.pairs());
      g.writeBooleanField("applied", o.applied());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeInputs(JsonGenerator g, List<InputReport> inputs, ExtractResult ex)
      throws IOException {
    g.writeArrayFieldStart("inputs");
    for (int i = 0; i < inputs.size(); i++) {
      InputReport in = inputs.get(i);
      g.writeStartObject();
      g.writeStringField("path", in.path());
      g.writeStringField("format", in.format() == null ? null : in.format().cliName());
      g.writeNumberField("spans", in.spans());
      g.writeNumberField(
          "reconciles", i < ex.reconcilesPerSource().size() ? ex.reconcilesPerSource().get(i) : 0);
      g.writeArrayFieldStart("warnings");
      for (String w : in.warnings()) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeStringField("error", in.error());
      if (in.wasSkipped()) {
        g.writeStringField("skipped", in.skipped());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeOperator(
      JsonGenerator g,
      OperatorView op,
      Map<String, CallTally> writesErrors,
      UnloadTable unload,
      SourceLinks links)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("operator", Names.shorten(op.operator()));
    g.writeNumberField("reconciles", op.reconcileCount());
    g.writeNumberField("event_driven", op.eventDriven());
    g.writeNumberField("timer_driven", op.timerDriven());
    number(g, "timer_share", op.timerShare());
    number(g, "wakeups_per_hour", op.wakeupsPerHour());
    number(g, "hours", op.hours());
    writeSampling(g, op.sampling(), op.reconcileCount(), op.fullStreamShare(), op.hours());
    writeEvidence(g, op);
    g.writeArrayFieldStart("controllers");
    for (ControllerResult c : op.controllers()) {
      g.writeStartObject();
      g.writeStringField("controller", Names.shorten(c.controller()));
      g.writeNumberField("objects", c.objects());
      g.writeNumberField("insufficient_data_objects", c.insufficientDataObjects());
      g.writeNumberField("reconciles", c.reconciles());
      g.writeNumberField("event_driven", c.eventDriven());
      g.writeNumberField("timer_driven", c.timerDriven());
      number(g, "timer_share", Format.share(c.timerDriven(), c.reconciles()));
      number(g, "wakeups_per_hour", OperatorView.rate(c.reconciles(), op.hours()));
      writeSampling(
          g,
          c.sampling(),
          c.reconciles(),
          SamplingEstimate.fullStreamShare(List.of(c)),
          op.hours());
      g.writeObjectFieldStart("causes");
      for (Cause cause : Cause.values()) {
        g.writeNumberField(cause.label(), c.causes().getOrDefault(cause, 0));
      }
      g.writeEndObject();
      g.writeArrayFieldStart("timers");
      for (TimerFinding t : c.timers()) {
        g.writeStartObject();
        number(g, "delay_s", t.delaySeconds());
        number(g, "period_s", t.periodSeconds());
        number(g, "jitter_s", t.jitterSeconds());
        g.writeNumberField("reconciles", t.reconciles());
        g.writeNumberField("objects", t.objects());
        number(g, "window_low_s", t.windowLowSeconds());
        number(g, "window_high_s", t.windowHighSeconds());
        g.writeStringField("source", t.source().label());
        pValue(g, t.pValue());
        g.writeStringField("queue", t.queue().label());
        g.writeStringField("tier", t.tier().label());
        g.writeArrayFieldStart("active_ranges");
        for (var r : t.activeRanges()) {
          g.writeStartObject();
          g.writeNumberField("start_unix_nano", r.startNanos());
          g.writeNumberField("end_unix_nano", r.endNanos());
          g.writeEndObject();
        }
        g.writeEndArray();
        SourcesSection.json(g, links, t);
        g.writeEndObject();
      }
      g.writeEndArray();
      CallTally we =
          writesErrors.getOrDefault(CallTally.key(op.operator(), c.controller()), CallTally.NONE);
      g.writeNumberField("api_writes", we.writes());
      number(g, "writes_per_wakeup", we.writesPerWakeup());
      g.writeNumberField("errors", we.errors());
      number(
          g,
          "error_share",
          c.reconciles() == 0 ? Double.NaN : (double) we.errors() / c.reconciles());
      g.writeArrayFieldStart("notes");
      for (String note : c.notes()) {
        g.writeString(note);
      }
      g.writeEndArray();
      g.writeNumberField("calls_recorded", we.recorded());
      g.writeEndObject();
    }
    g.writeEndArray();
    writeUnload(g, unload);
    g.writeEndObject();
  }

  /**
   * {@code sampling}: whether the reconciles are a sample of the full stream, with what probability
   * and from where, and what they say of the full stream. {@code sampled}: the trace states a
   * probability below 1, or a timer's comb shows thinning; {@code unresolved}: thinning shows but p
   * could not be estimated; {@code mark}: the line every output prints ("" when not sampled);
   * {@code probability} with its 95 % interval ({@code probability_low}, {@code probability_high}),
   * null when nothing states it and no timer shows it; {@code source}: {@code tracestate}, {@code
   * tag}, {@code option}, {@code inferred}, {@code stated} or {@code none}; {@code evidence}: the
   * reconciles stating p or the comb intervals it was inferred from; {@code
   * estimated_wakeups_per_hour} and {@code estimated_timer_share}: the full stream's, {@code
   * estimate}, {@code low}, {@code high} (95 %; the kept figures exactly when not sampled; a null
   * estimate and high when unresolved).
   */
  private static void writeSampling(
      JsonGenerator g,
      SamplingEstimate s,
      long kept,
      SamplingEstimate.Interval timerShare,
      double hours)
      throws IOException {
    g.writeObjectFieldStart("sampling");
    g.writeBooleanField("sampled", s.sampled());
    g.writeBooleanField("unresolved", s.unresolved());
    g.writeStringField("mark", s.mark());
    number(g, "probability", s.probability());
    number(g, "probability_low", Double.isNaN(s.probability()) ? Double.NaN : s.low());
    number(g, "probability_high", Double.isNaN(s.probability()) ? Double.NaN : s.high());
    g.writeStringField("source", s.sourceLabel());
    g.writeNumberField("evidence", s.evidence());
    interval(g, "estimated_wakeups_per_hour", s.fullStreamRate(kept, hours));
    interval(g, "estimated_timer_share", timerShare);
    g.writeEndObject();
  }

  private static void interval(JsonGenerator g, String name, SamplingEstimate.Interval i)
      throws IOException {
    g.writeObjectFieldStart(name);
    number(g, "estimate", i.estimate());
    number(g, "low", i.low());
    number(g, "high", i.high());
    g.writeEndObject();
  }

  /**
   * {@code evidence}: what the operator's input could show, so a script sees why a statement was or
   * was not made. {@code end_times}: reconciles have ends, so delays are end-to-start
   * (RequeueAfter) gaps; without them only start-to-start periods are given ({@code
   * measured_interval}). {@code api_calls}: API calls were recorded, so shares of reconciles that
   * wrote nothing are stated; without them they are not recorded. {@code external_periodic}:
   * periodic sources found outside the operator (timers with {@code source} {@code
   * external-periodic}), described as external changes, never as timers of its own.
   */
  private static void writeEvidence(JsonGenerator g, OperatorView op) throws IOException {
    InputEvidence ev = InputEvidence.of(op.reconciles());
    long external =
        op.controllers().stream()
            .flatMap(c -> c.timers().stream())
            .filter(InputEvidence::external)
            .count();
    g.writeObjectFieldStart("evidence");
    g.writeBooleanField("end_times", ev.endTimes());
    g.writeStringField("measured_interval", ev.endTimes() ? "end-to-start" : "start-to-start");
    g.writeBooleanField("api_calls", ev.apiCalls());
    g.writeNumberField("external_periodic", external);
    g.writeEndObject();
  }

  /**
   * {@code long_names}: every operator, controller and object name longer than {@value
   * Names#MAX_NAME} characters, which every output shows {@linkplain Names#shorten shortened}, with
   * its full text, once: {@code [{"short": "aaa…3f2a9c01", "full": "aaa…"}]}, sorted by short name.
   */
  private static void writeLongNames(JsonGenerator g, Analysis analysis) throws IOException {
    Map<String, String> longNames = new java.util.TreeMap<>();
    java.util.function.Consumer<String> add =
        n -> {
          if (Names.isLong(n)) {
            longNames.putIfAbsent(Names.shorten(n), n);
          }
        };
    for (ControllerResult c : analysis.controllers()) {
      add.accept(c.operator());
      add.accept(c.controller());
    }
    for (var cr : analysis.reconciles()) {
      add.accept(cr.reconcile().key().object());
    }
    g.writeArrayFieldStart("long_names");
    for (Map.Entry<String, String> e : longNames.entrySet()) {
      g.writeStartObject();
      g.writeStringField("short", e.getKey());
      g.writeStringField("full", e.getValue());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  // ---- unload section: per operator, the last key of its object ------------------------------

  /** Describes the model in one line, repeated in the JSON so a reader can judge the numbers. */
  static final String UNLOAD_MODEL =
      "unloaded once idle (no reconcile running) for unload_after_s,"
          + " reloaded by the next reconcile; loaded with its idle clock starting at the window start;"
          + " without_timers drops timer-driven reconciles and keeps event-driven ones where they ran";

  /** Describes the predictive policy in one line, as {@link #UNLOAD_MODEL} does the other. */
  static final String PREDICTIVE_MODEL =
      "unloaded as soon as no reconcile runs, reloaded reload_lead_s before each predicted timer"
          + " wake-up and kept loaded until the object's next reconcile or the end of the"
          + " prediction's interval; a reconcile that finds it loaded has its reload latency hidden";

  private static void writeUnload(JsonGenerator g, UnloadTable table) throws IOException {
    g.writeObjectFieldStart("unload");
    g.writeStringField("model", UNLOAD_MODEL);
    g.writeArrayFieldStart("rows");
    for (OperatorUnload u : table.idle()) {
      g.writeStartObject();
      number(g, "unload_after_s", u.unloadAfterNanos() / 1e9);
      unloadResult(g, "observed", u.observed());
      unloadResult(g, "without_timers", u.withoutTimers());
      g.writeNumberField("reloads_avoided", u.reloadsAvoided());
      number(g, "unloaded_gained_s", u.unloadedGainedNanos() / 1e9);
      g.writeEndObject();
    }
    g.writeEndArray();
    if (!table.predictive().isEmpty()) {
      g.writeObjectFieldStart("predictive");
      g.writeStringField("model", PREDICTIVE_MODEL);
      g.writeArrayFieldStart("rows");
      for (PredictiveResult p : table.predictive()) {
        g.writeStartObject();
        number(g, "reload_lead_s", p.reloadLeadNanos() / 1e9);
        g.writeNumberField("reloads", p.reloads());
        number(g, "reloads_per_hour", p.reloadsPerHour());
        g.writeNumberField("preloads", p.preloads());
        number(g, "loaded_s", (p.windowNanos() - p.unloadedNanos()) / 1e9);
        number(g, "unloaded_s", p.unloadedNanos() / 1e9);
        number(g, "unloaded_share", p.unloadedShare());
        g.writeNumberField("timer_wakeups", p.timerWakeups());
        g.writeNumberField("timer_wakeups_hidden", p.timerHidden());
        number(g, "timer_hidden_share", p.timerHiddenShare());
        g.writeNumberField("event_wakeups", p.eventWakeups());
        g.writeNumberField("event_wakeups_hidden", p.eventHidden());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void unloadResult(JsonGenerator g, String name, UnloadResult r)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("reloads", r.reloads());
    number(g, "reloads_per_hour", r.reloadsPerHour());
    number(g, "loaded_s", r.loadedNanos() / 1e9);
    number(g, "unloaded_s", r.unloadedNanos() / 1e9);
    number(g, "unloaded_share", r.unloadedShare());
    g.writeEndObject();
  }

  // ---- end of unload section -------------------------------------------------------------------

  /**
   * A p-value with 3 significant digits, keeping tiny values (they underflow to 0 below 1e-300).
   */
  private static void pValue(JsonGenerator g, double p) throws IOException {
    if (Double.isNaN(p)) {
      g.writeNullField("p_value");
    } else {
      g.writeFieldName("p_value");
      g.writeNumber(
          p == 0
              ? "0"
              : new java.math.BigDecimal(p)
                  .round(new java.math.MathContext(3))
                  .stripTrailingZeros()
                  .toString());
    }
  }

  /** Numbers rounded to 6 significant decimals, so output is stable; NaN as null. */
  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNullField(name);
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumberField(name, (long) v);
    } else {
      g.writeFieldName(name);
      g.writeNumber(
          new java.math.BigDecimal(v)
              .round(new java.math.MathContext(6))
              .stripTrailingZeros()
              .toPlainString());
    }
  }
}
