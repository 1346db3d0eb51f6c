package io.github.wakeupanalyze.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wakeupanalyze.analyze.Classification;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The output topics' values, one JSON object per line-free record. A public interface: fields are
 * only ever added.
 *
 * <ul>
 *   <li>{@link #reconcile}: the {@code reconciles.csv} columns under the same names, numbers as
 *       numbers; {@code timer_period_s} and {@code reason} null where the CSV leaves them empty.
 *       Example: {@code
 *       {"operator":"percona-server-mongodb-operator","controller":"psmdb-controller",
 *       "object":"mongodb/my-cluster-name","trace_id":"…","span_id":"…",
 *       "start_unix_nano":1767225605000000000,…,"trigger":"timer","cause":"requeue",
 *       "confidence":0.97,"timer_period_s":5.0,…}}
 *   <li>{@link #controller}: a controller's counts per cause and its timers in the window.
 * </ul>
 */
public final class OutputJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private OutputJson() {}

  /** The record key of a reconcile: trace id and span id in hex, e.g. {@code 4bf9…36/00f0…b7}. */
  public static String reconcileKey(Reconcile r) {
    return r.traceIdHex() + "/" + r.spanIdHex();
  }

  /**
   * The record key of a controller, e.g. {@code percona-server-mongodb-operator/psmdb-controller}.
   */
  public static String controllerKey(String operator, String controller) {
    return operator + "/" + controller;
  }

  /** One classified reconcile as JSON. */
  public static String reconcile(ClassifiedReconcile cr) {
    Reconcile r = cr.reconcile();
    Classification c = cr.classification();
    StringWriter out = new StringWriter(384);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("operator", r.key().operator());
      g.writeStringField("controller", r.key().controller());
      g.writeStringField("object", r.key().object());
      g.writeStringField("trace_id", r.traceIdHex());
      g.writeStringField("span_id", r.spanIdHex());
      g.writeNumberField("start_unix_nano", r.startNanos());
      g.writeNumberField("end_unix_nano", r.endNanos());
      g.writeStringField("trigger", c.trigger().label());
      g.writeStringField("cause", c.cause().label());
      g.writeNumberField("confidence", round3(c.confidence()));
      if (c.trigger() == Trigger.TIMER && Double.isFinite(c.timerSeconds())) {
        g.writeNumberField("timer_period_s", round3(c.timerSeconds()));
      } else {
        g.writeNullField("timer_period_s");
      }
      g.writeBooleanField("error", r.error());
      g.writeStringField("reason", r.reason());
      g.writeNumberField("api_reads", r.calls().reads());
      g.writeNumberField("api_writes", r.calls().writes());
      g.writeStringField("write_targets", String.join(" ", r.calls().writeTargets()));
      g.writeStringField("basis", c.basis());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * One controller's result over the window as JSON: counts, causes and timers (delay, period and
   * jitter in seconds).
   *
   * @param watermarkNanos the trace time the result is as of, epoch ns
   */
  public static String controller(ControllerResult c, long watermarkNanos) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("operator", c.operator());
      g.writeStringField("controller", c.controller());
      g.writeNumberField("watermark_unix_nano", watermarkNanos);
      g.writeNumberField("objects", c.objects());
      g.writeNumberField("reconciles", c.reconciles());
      g.writeNumberField("event_driven", c.eventDriven());
      g.writeNumberField("timer_driven", c.timerDriven());
      g.writeObjectFieldStart("causes");
      for (Cause k : Cause.values()) {
        g.writeNumberField(k.label(), c.causes().getOrDefault(k, 0));
      }
      g.writeEndObject();
      g.writeArrayFieldStart("timers");
      for (TimerFinding t : c.timers()) {
        g.writeStartObject();
        g.writeStringField("source", t.source().name().toLowerCase(java.util.Locale.ROOT));
        number(g, "delay_s", t.delaySeconds());
        number(g, "period_s", t.periodSeconds());
        number(g, "jitter_s", t.jitterSeconds());
        g.writeNumberField("reconciles", t.reconciles());
        g.writeNumberField("objects", t.objects());
        number(g, "p_value", t.pValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("insufficient_data_objects", c.insufficientDataObjects());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }

  private static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
