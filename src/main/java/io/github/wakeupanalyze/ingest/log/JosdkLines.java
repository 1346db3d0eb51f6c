package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.model.TriggerHint;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java Operator SDK's DEBUG lines (package {@code
 * io.javaoperatorsdk.operator.processing.event}, v4.9 to v5), matched by the logger's class name so
 * any abbreviation of the package reads.
 *
 * <p><b>One reconcile per dispatch.</b> {@code EventProcessor - Running reconcile executor for:
 * «scope»}, {@code ReconciliationDispatcher - Handling dispatch [for resource name: N namespace:
 * NS]} and {@code ReconciliationDispatcher - Reconciling resource …} all belong to one reconcile of
 * one resource: the first starts it, the others add to it (the dispatcher's logger name and its
 * message both contain "reconcil", so counting matching lines would count each reconcile twice).
 * {@code EventProcessor - Event processing finished. Scope: …} ends it, with an error when its
 * {@code runtimeException} is set. Lines are paired by the resource id ({@code ResourceID{name='x',
 * namespace='y'}}, the dispatch line's name and namespace, or the MDC {@code resource.name}/{@code
 * resource.namespace}); a line that names none (newer versions' {@code Handling dispatch}, {@code
 * Rescheduling event with delay: 2000}) belongs to the reconcile its thread runs ({@code
 * ReconcilerExecutor-«controller»-«id»}, which also names the controller).
 *
 * <p><b>The trigger</b>, which JOSDK writes down: {@code TimerEventSource - Producing event for
 * custom resource id: …} is a timer ({@link TriggerHint#TIMER}); {@code ControllerEventSource -
 * Event received …} and {@code EventProcessor - Received event: ResourceEvent{…}} a watch event,
 * {@code Received event: Event{…}} an event of a secondary resource unless the timer line just came
 * from the same thread ({@link TriggerHint#EVENT}). The first trigger since a resource's last
 * reconcile started is the next one's. A {@code retryInfo} that is not {@code null} in the
 * execution scope makes a timer-started reconcile a retry ({@link TriggerHint#RETRY}).
 *
 * <p><b>After the end</b>: {@code Rescheduling event with delay: «ms»} (also {@code … for max
 * reconciliation interval …}) is the requeue delay the reconcile asked for; {@code Scheduling timer
 * event for retry with delay:«ms»}, {@code Uncaught error during event processing …}, {@code Error
 * during event processing …} and {@code Exhausted retries …} mark it failed.
 *
 * <p>Memory: one pending trigger per resource waiting for its reconcile, one entry per thread.
 */
final class JosdkLines {
  private static final Pattern RESOURCE_ID =
      Pattern.compile("ResourceID\\{name='([^']*)', namespace='([^']*)'\\}");
  private static final Pattern DISPATCH_FOR =
      Pattern.compile("resource name: (\\S+) namespace: (\\S+)");
  private static final Pattern EXECUTOR = Pattern.compile("ReconcilerExecutor-(.+)-\\d+");

  /** A delay in milliseconds; more than 12 digits (31 years) is not one, and is not read. */
  private static final Pattern DELAY = Pattern.compile("delay: ?(\\d{1,12})(?!\\d)");

  private final Reconciles reconciles;
  private final Map<String, TriggerHint> pending = new HashMap<>();
  private final Map<String, String> threadResource = new HashMap<>();
  private final Map<String, String> lastTimer = new HashMap<>();

  JosdkLines(Reconciles reconciles) {
    this.reconciles = reconciles;
  }

  boolean accept(LogRecord r, long t, String operator) {
    String msg = r.message;
    switch (r.loggerClass()) {
      case "TimerEventSource" -> {
        if (!msg.startsWith("Producing event")) {
          return false;
        }
        String res = resource(r);
        if (res != null) {
          pending.putIfAbsent(res, TriggerHint.TIMER);
          lastTimer.put(r.thread, res);
        }
        return true;
      }
      case "ControllerEventSource" -> {
        if (!msg.startsWith("Event received")) {
          return false;
        }
        trigger(resource(r), TriggerHint.EVENT);
        return true;
      }
      case "EventProcessor" -> {
        return eventProcessor(r, t, operator);
      }
      case "ReconciliationDispatcher" -> {
        if (msg.startsWith("Handling dispatch")
            || msg.startsWith("Reconciling resource")
            || msg.startsWith("Executing delete for resource")) {
          dispatch(r, t, operator);
          return true;
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  private boolean eventProcessor(LogRecord r, long t, String operator) {
    String msg = r.message;
    if (msg.startsWith("Received event: ")) {
      String res = resource(r);
      boolean timer = res != null && res.equals(lastTimer.remove(r.thread));
      if (!timer) {
        trigger(res, TriggerHint.EVENT);
      }
      return true;
    }
    if (msg.startsWith("Running reconcile executor for")) {
      dispatch(r, t, operator);
      return true;
    }
    if (msg.startsWith("Event processing finished")) {
      LoggedReconcile x = find(r);
      if (x == null) {
        return true;
      }
      x.error |= msg.contains("runtimeException=Optional[");
      reconciles.end(x, t);
      return true;
    }
    boolean retry = msg.startsWith("Scheduling timer event for retry");
    if (msg.startsWith("Rescheduling event") || retry) {
      LoggedReconcile x = find(r);
      Matcher m = DELAY.matcher(msg);
      if (x != null && m.find()) {
        x.requeueAfterNanos = Long.parseLong(m.group(1)) * 1_000_000L;
        x.error |= retry;
      }
      return true;
    }
    if (msg.startsWith("Uncaught error during event processing")
        || msg.startsWith("Error during event processing")
        || msg.startsWith("Exhausted retries")) {
      LoggedReconcile x = find(r);
      if (x != null) {
        x.error = true;
      }
      return true;
    }
    return false;
  }

  private void trigger(String res, TriggerHint hint) {
    if (res != null) {
      pending.putIfAbsent(res, hint);
    }
  }

  /** A line of the dispatch: starts the resource's reconcile, or adds to the open one. */
  private void dispatch(LogRecord r, long t, String operator) {
    String res = resource(r);
    if (res == null) {
      res = threadResource.get(r.thread);
      if (res == null || reconciles.open(key(res)) == null) {
        return; // a newer version's bare "Handling dispatch": the other lines name the resource
      }
    }
    LoggedReconcile x = reconciles.open(key(res));
    if (x == null) {
      x = reconciles.start(key(res), operator, t);
      x.hint = pending.remove(res);
      int slash = res.indexOf('/');
      x.object(res.substring(0, slash), res.substring(slash + 1));
    }
    Matcher executor = EXECUTOR.matcher(r.thread);
    if (executor.matches()) {
      x.controller = executor.group(1);
    }
    if (!r.thread.isEmpty()) {
      threadResource.put(r.thread, res);
    }
    int retry = r.message.indexOf("retryInfo=");
    if (retry >= 0
        && !r.message.startsWith("null", retry + 10)
        && (x.hint == null || x.hint == TriggerHint.TIMER)) {
      x.hint = TriggerHint.RETRY;
    }
  }

  /** The open or just-ended reconcile a line belongs to: by its resource, else by its thread. */
  private LoggedReconcile find(LogRecord r) {
    String res = resource(r);
    if (res == null) {
      res = threadResource.get(r.thread);
    }
    return res == null ? null : reconciles.recent(key(res));
  }

  private static String key(String res) {
    return "josdk:" + res;
  }

  /** {@code namespace/name} of the resource a line names, or null. */
  static String resource(LogRecord r) {
    Matcher m = RESOURCE_ID.matcher(r.message);
    if (m.find()) {
      return ns(m.group(2)) + "/" + m.group(1);
    }
    m = DISPATCH_FOR.matcher(r.message);
    if (m.find()) {
      return ns(m.group(2)) + "/" + m.group(1);
    }
    String name = r.field("resource.name");
    if (name != null) {
      return ns(r.field("resource.namespace")) + "/" + name;
    }
    return null;
  }

  private static String ns(String ns) {
    return ns == null || ns.equals("null") || ns.equals("no namespace") ? "" : ns;
  }
}
