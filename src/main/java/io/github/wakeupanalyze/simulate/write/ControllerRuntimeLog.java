package io.github.wakeupanalyze.simulate.write;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.simulate.Label;

/**
 * controller-runtime's reconcile lines ({@code pkg/internal/controller}, v0.16+) at {@code
 * --zap-log-level=5}: {@code Reconciling} at the start; at the end {@code Reconcile done,
 * requeueing after «Go duration»} when the object's next reconcile is that requeue, {@code
 * Reconciler error} (with its stack trace) for a failed one, else {@code Reconcile successful}.
 * Keys as the builder sets them: {@code controller}, {@code controllerGroup}, {@code
 * controllerKind}, the Kind-named object, {@code namespace}, {@code name}, {@code reconcileID}.
 */
final class ControllerRuntimeLog implements LogWriter.Dialect {
  private static final String ERROR = "Internal error occurred: 500 Internal Server Error";
  private static final String[] STACK = {
    "sigs.k8s.io/controller-runtime/pkg/internal/controller.(*Controller[...]).reconcileHandler",
    "\t/go/pkg/mod/sigs.k8s.io/controller-runtime@v0.18.4/pkg/internal/controller/controller.go:316"
  };

  private final LogFormat format;

  ControllerRuntimeLog(LogFormat format) {
    this.format = format;
  }

  @Override
  public void opening(LogWriter.Reconcile r, long previousStart, LogWriter.Lines out) {
    out.add(r.start(), line(r, r.start(), "Reconciling", false));
  }

  @Override
  public void closing(LogWriter.Reconcile r, Label next, LogWriter.Lines out) {
    if (r.label().error()) {
      out.add(r.end(), line(r, r.end(), "Reconciler error", true));
      if (format == LogFormat.ZAP_CONSOLE) {
        for (String s : STACK) {
          out.add(r.end(), s);
        }
      }
      return;
    }
    boolean requeue = next != null && next.cause() == Cause.REQUEUE && next.periodNanos() > 0;
    String msg =
        requeue
            ? "Reconcile done, requeueing after " + LogText.goDuration(next.periodNanos())
            : "Reconcile successful";
    out.add(r.end(), line(r, r.end(), msg, false));
  }

  private String line(LogWriter.Reconcile r, long t, String msg, boolean error) {
    String kind = LogWriter.kind(r.controller());
    String id = LogText.reconcileId(r.label());
    return switch (format) {
      case ZAP_JSON ->
          "{\"level\":"
              + (error ? "\"error\"" : "\"Level(-5)\"")
              + ",\"ts\":"
              + LogText.epochSeconds(t)
              + ",\"msg\":"
              + LogText.json(msg)
              + ",\"controller\":"
              + LogText.json(r.controller())
              + ",\"controllerGroup\":\"example.com\",\"controllerKind\":"
              + LogText.json(kind)
              + ","
              + LogText.json(kind)
              + ":{\"name\":"
              + LogText.json(r.name())
              + ",\"namespace\":"
              + LogText.json(r.namespace())
              + "},\"namespace\":"
              + LogText.json(r.namespace())
              + ",\"name\":"
              + LogText.json(r.name())
              + ",\"reconcileID\":"
              + LogText.json(id)
              + (error
                  ? ",\"error\":"
                      + LogText.json(ERROR)
                      + ",\"stacktrace\":"
                      + LogText.json(String.join("\n", STACK))
                  : "")
              + "}";
      case ZAP_CONSOLE ->
          LogText.iso(t, 3)
              + "\t"
              + (error ? "ERROR" : "LEVEL(-5)")
              + "\t"
              + msg
              + "\t{\"controller\": "
              + LogText.json(r.controller())
              + ", \"controllerGroup\": \"example.com\", \"controllerKind\": "
              + LogText.json(kind)
              + ", "
              + LogText.json(kind)
              + ": {\"name\":"
              + LogText.json(r.name())
              + ",\"namespace\":"
              + LogText.json(r.namespace())
              + "}, \"namespace\": "
              + LogText.json(r.namespace())
              + ", \"name\": "
              + LogText.json(r.name())
              + ", \"reconcileID\": "
              + LogText.json(id)
              + (error ? ", \"error\": " + LogText.json(ERROR) : "")
              + "}";
      default ->
          (error ? "E" : "I")
              + LogText.klogTime(t)
              + "       1 controller.go:"
              + (error ? "316" : "300")
              + "] "
              + LogText.go(msg)
              + (error ? " err=" + LogText.go(ERROR) : "")
              + " controller="
              + LogText.go(r.controller())
              + " controllerGroup=\"example.com\" controllerKind="
              + LogText.go(kind)
              + " "
              + kind
              + "="
              + LogText.go(r.namespace() + "/" + r.name())
              + " namespace="
              + LogText.go(r.namespace())
              + " name="
              + LogText.go(r.name())
              + " reconcileID="
              + LogText.go(id);
    };
  }
}
