package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.simulate.Label;
import java.util.Locale;

/**
 * The Java Operator SDK's DEBUG lines around each reconcile (package {@code
 * io.javaoperatorsdk.operator.processing.event}): the event source that triggered it ({@code
 * TimerEventSource - Producing event …} for a timer, {@code ControllerEventSource - Event received
 * …} for a watch event), the dispatch ({@code Running reconcile executor for: «scope»}, {@code
 * Handling dispatch}, {@code Reconciling resource …}, with a {@code retryInfo} for a retry), the
 * reconciler's own INFO line, {@code Event processing finished}, and after it what the reconcile
 * asked for ({@code Rescheduling event with delay: «ms»}, or for a failure {@code Uncaught error
 * during event processing …} with its stack trace and {@code Scheduling timer event for retry with
 * delay:«ms»}). {@link LogFormat#JOSDK} writes version 5.2's messages; the others the newest, whose
 * dispatch and event lines no longer name the resource (logstash JSON carries it in the MDC).
 */
final class JosdkLog implements LogWriter.Dialect {
  private static final String P = "io.javaoperatorsdk.operator.processing.event.";
  private static final String EP = P + "EventProcessor";
  private static final String RD = P + "ReconciliationDispatcher";
  private static final String TIMER = P + "source.timer.TimerEventSource";
  private static final String CONTROLLER = P + "source.controller.ControllerEventSource";
  private static final String[] STACK = {
    "java.lang.IllegalStateException: 500 Internal Server Error",
    "\tat com.example.operator.Reconciler.reconcile(Reconciler.java:42)",
    "\tat io.javaoperatorsdk.operator.processing.Controller$1.execute(Controller.java:155)"
  };

  private final LogFormat format;

  JosdkLog(LogFormat format) {
    this.format = format;
  }

  private boolean v52() {
    return format == LogFormat.JOSDK;
  }

  @Override
  public void opening(LogWriter.Reconcile r, long previousStart, LogWriter.Lines out) {
    String rid = rid(r);
    long lead = previousStart == Long.MIN_VALUE ? 1_000_000 : (r.start() - previousStart) / 2;
    long t = r.start() - Math.min(1_000_000, lead);
    Label l = r.label();
    if (l.truth() == Trigger.TIMER) {
      out.add(
          t,
          line(
              t,
              "Timer-0",
              "DEBUG",
              TIMER,
              "Producing event for custom resource id: " + rid,
              r,
              false));
      out.add(
          t,
          line(
              t,
              "Timer-0",
              "DEBUG",
              EP,
              "Received event: Event{relatedCustomResource=" + rid + "}",
              r,
              false));
    } else {
      String received =
          v52()
              ? "Event received for resource: "
                  + rid
                  + " version: "
                  + (1000 + r.objectIndex())
                  + " uuid: "
                  + LogText.reconcileId(l)
                  + " action: UPDATED"
              : "Event received with action: UPDATED";
      out.add(t, line(t, "informer-1", "DEBUG", CONTROLLER, received, r, false));
      out.add(
          t,
          line(
              t,
              "informer-1",
              "DEBUG",
              EP,
              "Received event: ResourceEvent{action=UPDATED, associated resource id=" + rid + "}",
              r,
              false));
    }
    String scope = scope(r);
    long s = r.start();
    out.add(
        s,
        line(
            s,
            "pool-1-thread-" + (r.objectIndex() % 8 + 1),
            "DEBUG",
            EP,
            "Running reconcile executor for: " + scope,
            r,
            true));
    String executor = executor(r);
    out.add(
        s,
        line(
            s,
            executor,
            "DEBUG",
            RD,
            v52()
                ? "Handling dispatch for resource name: "
                    + r.name()
                    + " namespace: "
                    + r.namespace()
                : "Handling dispatch",
            r,
            true));
    out.add(
        s,
        line(
            s,
            executor,
            "DEBUG",
            RD,
            v52()
                ? "Reconciling resource "
                    + r.name()
                    + " with version: "
                    + (1000 + r.objectIndex())
                    + " with execution scope: "
                    + scope
                : "Reconciling resource execution scope: " + scope,
            r,
            true));
    long mid = s + (r.end() - s) / 3;
    out.add(
        mid,
        line(
            mid,
            executor,
            "INFO",
            "com.example.operator.Reconciler",
            "Reconciling " + LogWriter.kind(r.controller()) + " " + r.name(),
            r,
            true));
  }

  @Override
  public void closing(LogWriter.Reconcile r, Label next, LogWriter.Lines out) {
    String executor = executor(r);
    long e = r.end();
    boolean error = r.label().error();
    String pec =
        "PostExecutionControl{onlyFinalizerHandled=false, updatedCustomResource=Optional.empty, runtimeException="
            + (error ? "Optional[" + STACK[0] + "]" : "Optional.empty")
            + "}";
    out.add(
        e,
        line(
            e,
            executor,
            "DEBUG",
            EP,
            "Event processing finished. Scope: " + scope(r) + ", PostExecutionControl: " + pec,
            r,
            true));
    long delayMs = next == null ? -1 : next.periodNanos() / 1_000_000;
    if (error) {
      String msg =
          "Uncaught error during event processing "
              + scope(r)
              + " - but another reconciliation will be attempted because a superseding event has been received or another retry attempt is pending.";
      out.add(e, line(e, executor, "WARN", EP, msg, r, true));
      if (format != LogFormat.JOSDK_JSON) {
        for (String s : STACK) {
          out.add(e, s);
        }
      }
      if (next != null && next.cause() == Cause.ERROR_RETRY) {
        out.add(
            e,
            line(
                e,
                executor,
                "DEBUG",
                EP,
                "Scheduling timer event for retry with delay:" + delayMs,
                r,
                true));
      }
      return;
    }
    out.add(e, line(e, executor, "DEBUG", EP, "Cleanup for successful execution", r, true));
    if (next != null && next.truth() == Trigger.TIMER && next.periodNanos() > 0) {
      out.add(
          e, line(e, executor, "DEBUG", EP, "Rescheduling event with delay: " + delayMs, r, true));
    }
  }

  private static String rid(LogWriter.Reconcile r) {
    return "ResourceID{name='" + r.name() + "', namespace='" + r.namespace() + "'}";
  }

  private static String scope(LogWriter.Reconcile r) {
    boolean retry = r.label().cause() == Cause.ERROR_RETRY;
    return "ExecutionScope{resource="
        + rid(r)
        + ", retryInfo="
        + (retry
            ? "io.javaoperatorsdk.operator.processing.retry.GenericRetryExecution@"
                + Integer.toHexString(0x5e9f23b4 + r.objectIndex())
            : "null")
        + ", deleteEvent=false, isDeleteFinalStateUnknown=false}";
  }

  private static String executor(LogWriter.Reconcile r) {
    return "ReconcilerExecutor-"
        + r.controller().toLowerCase(Locale.ROOT)
        + "-"
        + (50 + r.objectIndex());
  }

  /**
   * One line in this format.
   *
   * @param mdc whether the MDC holds the resource (inside the executor), for the JSON format
   */
  private String line(
      long t,
      String thread,
      String level,
      String logger,
      String msg,
      LogWriter.Reconcile r,
      boolean mdc) {
    return switch (format) {
      case JOSDK -> LogText.iso(t, 3) + " [" + thread + "] " + level + " " + logger + " - " + msg;
      case JOSDK_LOGBACK ->
          LogText.timeOfDay(t)
              + " ["
              + thread
              + "] "
              + String.format(Locale.ROOT, "%-5s", level)
              + " "
              + logger
              + " -- "
              + msg;
      default ->
          "{\"@timestamp\":\""
              + LogText.iso(t, 3)
              + "\",\"@version\":\"1\",\"message\":"
              + LogText.json(msg)
              + ",\"logger_name\":"
              + LogText.json(logger)
              + ",\"thread_name\":"
              + LogText.json(thread)
              + ",\"level\":\""
              + level
              + "\",\"level_value\":"
              + (level.equals("WARN") ? 30000 : level.equals("INFO") ? 20000 : 10000)
              + (mdc
                  ? ",\"resource.name\":"
                      + LogText.json(r.name())
                      + ",\"resource.namespace\":"
                      + LogText.json(r.namespace())
                      + ",\"resource.kind\":"
                      + LogText.json(LogWriter.kind(r.controller()))
                  : "")
              + "}";
    };
  }
}
