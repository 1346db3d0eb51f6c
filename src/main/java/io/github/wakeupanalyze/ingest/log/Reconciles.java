package io.github.wakeupanalyze.ingest.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reconciles in flight while a log is read, by pairing key, and those just ended.
 *
 * <p>An ended reconcile waits {@value #LINGER_NANOS} ns of log time before it is handed on, because
 * some frameworks write what a reconcile asked for just after its end line (the Java Operator SDK's
 * {@code Rescheduling event with delay} follows {@code Event processing finished}). A reconcile
 * whose end line never comes is closed at its last line when its key starts again, when nothing was
 * heard of it for {@value #STALE_NANOS} ns of log time, or at the end of the input. So memory holds
 * the reconciles in flight plus those of the last second, whatever the log's length.
 */
final class Reconciles {
  static final long LINGER_NANOS = 1_000_000_000L;
  static final long STALE_NANOS = 3_600_000_000_000L;

  private final Map<String, LoggedReconcile> open = new LinkedHashMap<>();
  private final Map<String, LoggedReconcile> ended = new LinkedHashMap<>();
  private final Consumer<LoggedReconcile> out;
  private long now = Long.MIN_VALUE;
  private long lastSweep = Long.MIN_VALUE;

  Reconciles(Consumer<LoggedReconcile> out) {
    this.out = out;
  }

  /** The log's clock moved to {@code t} (the latest line time seen). */
  void tick(long t) {
    if (t <= now) {
      return;
    }
    now = t;
    if (lastSweep == Long.MIN_VALUE || now - lastSweep > STALE_NANOS / 60) {
      lastSweep = now;
      List<LoggedReconcile> stale = new ArrayList<>();
      for (LoggedReconcile r : open.values()) {
        if (r.end < now - STALE_NANOS) {
          stale.add(r);
        }
      }
      for (LoggedReconcile r : stale) {
        end(r, r.end);
      }
    }
    for (Iterator<LoggedReconcile> it = ended.values().iterator(); it.hasNext(); ) {
      LoggedReconcile r = it.next();
      if (r.end >= now - LINGER_NANOS) {
        break; // ended in order of their end lines, mostly: stop at the first recent one
      }
      it.remove();
      out.accept(r);
    }
  }

  /** Starts a reconcile; one still open under the same key ends at its last line first. */
  LoggedReconcile start(String key, String operator, long t) {
    LoggedReconcile before = open.remove(key);
    if (before != null) {
      finishEnded(before);
    }
    flushEnded(key);
    LoggedReconcile r = new LoggedReconcile(key, operator, t);
    open.put(key, r);
    return r;
  }

  /** The reconcile open under {@code key}, or null. */
  LoggedReconcile open(String key) {
    return open.get(key);
  }

  /**
   * The reconcile open under {@code key}, else the one that ended under it within the last second.
   */
  LoggedReconcile recent(String key) {
    LoggedReconcile r = open.get(key);
    return r != null ? r : ended.get(key);
  }

  /** Ends {@code r} at {@code t}; it is handed on after the linger time. */
  void end(LoggedReconcile r, long t) {
    r.saw(t);
    if (open.get(r.key) == r) {
      open.remove(r.key);
    }
    flushEnded(r.key);
    ended.put(r.key, r);
  }

  /** A reconcile that starts and ends on one line. */
  void single(LoggedReconcile r) {
    flushEnded(r.key);
    ended.put(r.key, r);
  }

  private void flushEnded(String key) {
    LoggedReconcile e = ended.remove(key);
    if (e != null) {
      out.accept(e);
    }
  }

  private void finishEnded(LoggedReconcile r) {
    flushEnded(r.key);
    out.accept(r);
  }

  /** How many reconciles are held: in flight plus ended within the linger time. */
  int held() {
    return open.size() + ended.size();
  }

  /** Hands on the reconciles that ended, without waiting out the linger time. */
  void releaseEnded() {
    List<LoggedReconcile> rest = new ArrayList<>(ended.values());
    ended.clear();
    rest.forEach(out);
  }

  /** Hands on everything left, in order of start. */
  void finish() {
    List<LoggedReconcile> rest = new ArrayList<>(ended.values());
    rest.addAll(open.values());
    ended.clear();
    open.clear();
    rest.sort(Comparator.comparingLong(r -> r.start));
    rest.forEach(out);
  }
}
