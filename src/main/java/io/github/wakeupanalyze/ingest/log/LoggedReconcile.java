package io.github.wakeupanalyze.ingest.log;

import io.github.wakeupanalyze.model.TriggerHint;

/** A reconcile being assembled from log lines; what its lines said about it. */
final class LoggedReconcile {
  /** How the reader pairs its lines: {@code cr:<reconcileID>}, {@code josdk:ns/name}, … */
  final String key;

  final String operator;
  final long start;
  long end;
  String controller;
  String namespace;
  String name;

  /** kube-rs {@code object.ref}, when the lines name the object that way. */
  String objectRef;

  /** kube-rs {@code object.reason}. */
  String reason;

  TriggerHint hint;

  /** The requeue delay a line states, nanoseconds; -1 when none does. */
  long requeueAfterNanos = -1;

  boolean error;

  /** The first message of a kube-rs reconcile, which opens the next one when it comes again. */
  String opening;

  LoggedReconcile(String key, String operator, long start) {
    this.key = key;
    this.operator = operator;
    this.start = start;
    this.end = start;
  }

  /** Extends the reconcile to a line at {@code t}. */
  void saw(long t) {
    end = Math.max(end, t);
  }

  /** Takes the object from a line's fields where this reconcile does not know it yet. */
  void object(String ns, String n) {
    if (name == null && n != null && !n.isEmpty()) {
      name = n;
      namespace = ns == null || ns.isEmpty() || ns.equals("null") ? null : ns;
    }
  }
}
