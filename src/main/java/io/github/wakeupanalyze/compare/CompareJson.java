package io.github.wakeupanalyze.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.wakeupanalyze.compare.Comparison.ControllerDiff;
import io.github.wakeupanalyze.compare.Comparison.OperatorDiff;
import io.github.wakeupanalyze.compare.Comparison.RuleResult;
import io.github.wakeupanalyze.compare.Comparison.TimerDiff;
import io.github.wakeupanalyze.compare.Comparison.UnloadDiff;
import io.github.wakeupanalyze.report.JsonEscapes;
import io.github.wakeupanalyze.sources.SiteDiff;
import io.github.wakeupanalyze.sources.SiteDiffReport;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * {@code compare.json}: the comparison for scripts. A public interface versioned by {@link
 * #SCHEMA}: fields are only added within a version. Keys snake_case in a fixed order; numbers
 * rounded to 6 significant digits; unknown values (and infinite relative changes) are null.
 */
public final class CompareJson {
  /** Schema version of compare.json. */
  public static final int SCHEMA = 1;

  private static final JsonFactory FACTORY = new JsonFactory();

  private CompareJson() {}

  public static void write(Comparison c, String toolVersion, Writer out) throws IOException {
    write(c, toolVersion, null, out);
  }

  /**
   * As {@link #write(Comparison, String, Writer)}, with the call sites that changed between the two
   * versions' sources ({@code call_sites}, see {@link SiteDiffReport#json}) when not null.
   */
  public static void write(Comparison c, String toolVersion, SiteDiff sites, Writer out)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));
      g.setCharacterEscapes(JsonEscapes.INSTANCE);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("schema", SCHEMA);
      g.writeStringField("tool", "wakeup-analyze " + toolVersion);
      g.writeStringField(
          "verdict", c.options().rules().isEmpty() ? "none" : c.regressed() ? "fail" : "pass");
      side(g, "baseline", c.baseline());
      side(g, "candidate", c.candidate());
      g.writeObjectFieldStart("parameters");
      g.writeStringField("timer_tolerance", c.options().tolerance().toString());
      g.writeArrayFieldStart("unload_after_s");
      for (long t : c.options().unloadAfterNanos()) {
        number(g, t / 1e9);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("fail_on");
      for (Rule r : c.options().rules()) {
        g.writeString(r.text());
      }
      g.writeEndArray();
      g.writeEndObject();

      g.writeArrayFieldStart("thresholds");
      for (RuleResult r : c.results()) {
        g.writeStartObject();
        g.writeStringField("rule", r.rule().text());
        g.writeStringField("status", r.status().label());
        g.writeStringField("subject", r.subject());
        if (r.change() != null) {
          change(g, r.change());
        }
        g.writeStringField("detail", r.detail());
        g.writeEndObject();
      }
      g.writeEndArray();

      g.writeArrayFieldStart("operators");
      for (OperatorDiff o : c.operators()) {
        g.writeStartObject();
        g.writeStringField("operator", o.operator());
        g.writeStringField("status", o.presence().label());
        metrics(g, o.metrics());
        g.writeObjectFieldStart("sampling");
        g.writeStringField("baseline", o.sampling().baseline());
        g.writeStringField("candidate", o.sampling().candidate());
        g.writeEndObject();
        g.writeArrayFieldStart("controllers");
        for (ControllerDiff cd : o.controllers()) {
          g.writeStartObject();
          g.writeStringField("controller", cd.controller());
          g.writeStringField("status", cd.presence().label());
          metrics(g, cd.metrics());
          g.writeArrayFieldStart("timers");
          for (TimerDiff t : cd.timers()) {
            g.writeStartObject();
            g.writeStringField("status", t.status());
            timer(g, "baseline", t.baseline());
            timer(g, "candidate", t.candidate());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("unload");
        for (UnloadDiff u : o.unload()) {
          g.writeStartObject();
          g.writeFieldName("unload_after_s");
          number(g, u.unloadAfterNanos() / 1e9);
          metrics(g, u.metrics());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (sites != null) {
        SiteDiffReport.json(g, sites);
      }
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void side(JsonGenerator g, String name, Snapshot s) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("source", s.source());
    g.writeStringField("kind", s.kind() == Snapshot.Kind.TRACE ? "trace" : "summary");
    g.writeFieldName("window_s");
    number(g, s.windowNanos() / 1e9);
    g.writeNumberField("operators", s.operators().size());
    g.writeEndObject();
  }

  private static void metrics(JsonGenerator g, Map<Metric, Change> m) throws IOException {
    g.writeObjectFieldStart("metrics");
    for (Map.Entry<Metric, Change> e : m.entrySet()) {
      g.writeObjectFieldStart(e.getKey().jsonName());
      change(g, e.getValue());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void change(JsonGenerator g, Change c) throws IOException {
    g.writeFieldName("baseline");
    number(g, c.baseline());
    g.writeFieldName("candidate");
    number(g, c.candidate());
    g.writeFieldName("difference");
    number(g, c.difference());
    g.writeFieldName("relative_change");
    number(g, c.relative());
  }

  private static void timer(JsonGenerator g, String name, TimerSnapshot t) throws IOException {
    if (t == null) {
      g.writeNullField(name);
      return;
    }
    g.writeObjectFieldStart(name);
    g.writeFieldName("delay_s");
    number(g, t.delaySeconds());
    g.writeFieldName("period_s");
    number(g, t.periodSeconds());
    g.writeFieldName("jitter_s");
    number(g, t.jitterSeconds());
    g.writeNumberField("reconciles", t.reconciles());
    g.writeNumberField("objects", t.objects());
    if (!t.callSite().isEmpty()) {
      g.writeStringField("call_site", t.callSite());
    }
    g.writeEndObject();
  }

  /** 6 significant digits, integers without a decimal point; NaN and infinities as null. */
  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNull();
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(
          new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString());
    }
  }
}
