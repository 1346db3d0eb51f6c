package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.text.Durations;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * kube-rs reconciles, seen through the {@code reconciling object} span that kube-runtime opens
 * around each run of the reconciler and its error policy: every line written inside it carries the
 * span's {@code object.ref} ({@code Document.v1.kube.rs/samuel.default}) and {@code object.reason}
 * ({@code object updated}, {@code reconciler requested retry}, …), whatever the subscriber's
 * format. kube-runtime writes no line of its own per reconcile, so:
 *
 * <ul>
 *   <li>With span events ({@code .with_span_events(FmtSpan::NEW | FmtSpan::CLOSE)}), the span's
 *       {@code new} line starts a reconcile and its {@code close} line ends it; a {@code close}
 *       alone starts it {@code time.busy + time.idle} before.
 *   <li>Otherwise a reconcile is the run of lines of one object: a new one starts when the reason
 *       changes, or when the first message of the current one comes again (reconcilers log the same
 *       line at their start, as controller-rs's {@code Reconciling Document "samuel" in default});
 *       with {@code --log-match}, when a line matches. It ends at its last line.
 * </ul>
 *
 * <p>The object is the {@code object.ref}; the controller its kind ({@code Document}); a line at
 * ERROR, or controller-rs's error policy line ({@code WARN … reconcile failed: …}), marks the
 * reconcile failed. Memory: one open reconcile per object.
 */
final class KubeRsLines {
  static final String SPAN = "reconciling object";
  static final String REF = "object.ref";
  static final String REASON = "object.reason";
  private static final Pattern BUSY_IDLE =
      Pattern.compile("time\\.(?:busy|idle)=([0-9.]+(?:ns|µs|us|ms|s))");

  private final Reconciles reconciles;
  private final Pattern match;
  private boolean spanEvents;

  KubeRsLines(Reconciles reconciles, Pattern match) {
    this.reconciles = reconciles;
    this.match = match;
  }

  boolean accept(LogRecord r, long t, String operator) {
    String ref = r.field(REF);
    if (ref == null) {
      return false;
    }
    String reason = r.field(REASON);
    String key = "kube:" + operator + "|" + ref;
    String msg = r.message;
    boolean own = r.span.equals(SPAN) || r.span.isEmpty();
    if (own && msg.equals("new")) {
      spanEvents = true;
      fill(reconciles.start(key, operator, t), ref, reason);
      return true;
    }
    if (own && msg.startsWith("close")) {
      spanEvents = true;
      LoggedReconcile x = reconciles.open(key);
      if (x == null || !Objects.equals(x.reason, reason)) {
        x = reconciles.start(key, operator, t - busyIdle(msg));
        fill(x, ref, reason);
      }
      reconciles.end(x, t);
      return true;
    }
    LoggedReconcile x = reconciles.open(key);
    boolean starts;
    if (x == null || !Objects.equals(x.reason, reason)) {
      starts = true;
    } else if (spanEvents) {
      starts = false;
    } else if (match != null) {
      starts = match.matcher(msg).find();
    } else {
      starts = msg.equals(x.opening);
    }
    if (starts) {
      x = reconciles.start(key, operator, t);
      fill(x, ref, reason);
      x.opening = msg;
    } else {
      x.saw(t);
    }
    if (r.level == LogRecord.Level.ERROR
        || (r.level == LogRecord.Level.WARN && msg.startsWith("reconcile failed"))) {
      x.error = true;
    }
    return true;
  }

  private static void fill(LoggedReconcile x, String ref, String reason) {
    x.objectRef = ref;
    x.reason = reason;
    int dot = ref.indexOf('.');
    x.controller = dot > 0 ? ref.substring(0, dot) : null;
  }

  /** {@code time.busy} plus {@code time.idle} of a close line, nanoseconds (0 when absent). */
  static long busyIdle(String msg) {
    long total = 0;
    var m = BUSY_IDLE.matcher(msg);
    while (m.find()) {
      try {
        total += Durations.parseNanos(m.group(1));
      } catch (IllegalArgumentException e) {
        // an unknown unit: leave it out
      }
    }
    return total;
  }
}
