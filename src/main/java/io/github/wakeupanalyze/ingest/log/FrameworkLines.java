package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.text.Durations;
import java.util.regex.Pattern;

/**
 * Finds reconciles in parsed log lines: by each framework's own lines where present, else by {@code
 * --log-match}. The frameworks, in the order they are asked:
 *
 * <ol>
 *   <li>kube-rs: lines carrying the {@code reconciling object} span's {@code object.ref} ({@link
 *       KubeRsLines});
 *   <li>controller-runtime (v0.16+, at {@code --zap-log-level=5}): {@code Reconciling} starts a
 *       reconcile; {@code Reconcile successful}, {@code Reconcile done, requeueing after 5s},
 *       {@code Reconcile done, requeueing}, {@code Reconciler error} (at every verbosity) and
 *       {@code Observed a panic in reconciler} end the one with the same {@code reconcileID} (else
 *       the same controller and object). An end line without its start is a reconcile of its own,
 *       at that line: with the default verbosity the errors are all the log shows;
 *   <li>the Java Operator SDK at DEBUG ({@link JosdkLines});
 *   <li>the old operator-sdk scaffold: {@code Reconciling «Kind»} with {@code Request.Namespace}
 *       and {@code Request.Name}, one reconcile per line;
 *   <li>{@code --log-match REGEX}: any other line whose message (not its logger) contains a match
 *       is one reconcile, at that line.
 * </ol>
 *
 * <p>Operator, controller and object come from the usual keys: {@code controller} (else the
 * logger's {@code controller.«name»} or {@code controller_«name»}); {@code namespace}/{@code name},
 * {@code Request.Namespace}/{@code Request.Name}, the JOSDK MDC {@code resource.namespace}/{@code
 * resource.name}, the key named by {@code controllerKind} or {@code object} (a KRef, as {@code
 * {"name","namespace"}} or {@code "ns/name"}), or kube-rs {@code object.ref}.
 */
final class FrameworkLines {
  private static final String REQUEUEING_AFTER = "Reconcile done, requeueing after ";

  private final Reconciles reconciles;
  private final KubeRsLines kube;
  private final JosdkLines josdk;
  private final Pattern match;
  private long single;

  /**
   * @param match {@code --log-match}, or null
   */
  FrameworkLines(Reconciles reconciles, Pattern match) {
    this.reconciles = reconciles;
    this.match = match;
    this.kube = new KubeRsLines(reconciles, match);
    this.josdk = new JosdkLines(reconciles);
  }

  /** Reads one line at log time {@code t} of {@code operator}. */
  void accept(LogRecord r, long t, String operator) {
    reconciles.tick(t);
    if (kube.accept(r, t, operator)
        || controllerRuntime(r, t, operator)
        || josdk.accept(r, t, operator)
        || operatorSdk(r, t, operator)) {
      return;
    }
    if (match != null && match.matcher(r.message).find()) {
      LoggedReconcile x = new LoggedReconcile("match:" + single++, operator, t);
      x.controller = controller(r);
      object(r, x);
      x.error = r.level == LogRecord.Level.ERROR;
      reconciles.single(x);
    }
  }

  private boolean controllerRuntime(LogRecord r, long t, String operator) {
    String msg = r.message;
    boolean start = msg.equals("Reconciling");
    boolean end =
        !start
            && (msg.equals("Reconcile successful")
                || msg.startsWith("Reconcile done, requeueing")
                || msg.equals("Reconciler error")
                || msg.startsWith("Observed a panic in reconciler"));
    if (!start && !end) {
      return false;
    }
    String id = r.field("reconcileID");
    String controller = controller(r);
    LoggedReconcile probe = new LoggedReconcile("", operator, t);
    object(r, probe);
    String key =
        id != null
            ? "cr:" + id
            : "cr:" + operator + "|" + controller + "|" + probe.namespace + "/" + probe.name;
    LoggedReconcile x;
    if (start) {
      x = reconciles.start(key, operator, t);
    } else {
      x = reconciles.open(key);
      if (x == null) {
        x = new LoggedReconcile(key, operator, t); // its start line is not in the log
      }
    }
    if (controller != null) {
      x.controller = controller;
    }
    x.object(probe.namespace, probe.name);
    if (end) {
      if (msg.startsWith(REQUEUEING_AFTER)) {
        try {
          x.requeueAfterNanos = Durations.parseNanos(msg.substring(REQUEUEING_AFTER.length()));
        } catch (IllegalArgumentException e) {
          // not a Go duration: the line still ends the reconcile
        }
      }
      x.error = msg.equals("Reconciler error") || msg.startsWith("Observed a panic");
      reconciles.end(x, t);
    }
    return true;
  }

  /** operator-sdk v0.x's scaffold: {@code Reconciling «Kind»} with {@code Request.Name}. */
  private boolean operatorSdk(LogRecord r, long t, String operator) {
    if (!r.message.startsWith("Reconciling") || r.field("Request.Name") == null) {
      return false;
    }
    LoggedReconcile x = new LoggedReconcile("osdk:" + single++, operator, t);
    x.controller = controller(r);
    object(r, x);
    reconciles.single(x);
    return true;
  }

  /**
   * The controller a line names: {@code controller}, else the logger {@code
   * controller-runtime.manager.controller.«name»}, {@code controller.«name»} or {@code
   * controller_«name»}; null when none.
   */
  static String controller(LogRecord r) {
    String c = r.first("controller");
    if (c != null) {
      return c;
    }
    String logger = r.logger;
    for (String prefix :
        new String[] {"controller-runtime.manager.controller.", "controller.", "controller_"}) {
      if (logger.startsWith(prefix) && logger.length() > prefix.length()) {
        return logger.substring(prefix.length());
      }
    }
    return null;
  }

  /** Gives {@code x} the object a line names, from the usual keys. */
  static void object(LogRecord r, LoggedReconcile x) {
    x.object(r.field("namespace"), r.field("name"));
    x.object(r.field("Request.Namespace"), r.field("Request.Name"));
    x.object(r.field("resource.namespace"), r.field("resource.name"));
    String kind = r.field("controllerKind");
    if (kind != null) {
      ref(r, kind, x);
    }
    ref(r, "object", x);
  }

  /** A KRef under {@code key}: {@code key.name}/{@code key.namespace}, or {@code "ns/name"}. */
  private static void ref(LogRecord r, String key, LoggedReconcile x) {
    x.object(r.field(key + ".namespace"), r.field(key + ".name"));
    String v = r.field(key);
    if (v != null && !v.startsWith("{")) {
      int slash = v.indexOf('/');
      x.object(slash < 0 ? null : v.substring(0, slash), v.substring(slash + 1));
    }
  }
}
