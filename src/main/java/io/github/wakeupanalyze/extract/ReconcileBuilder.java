package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.ObjectRef;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TriggerHint;
import io.github.wakeupanalyze.model.WakeupAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reconcile being assembled from its span and the calls beneath it, or the stand-in for a lost
 * reconcile that gathers its pieces. Final once the watermark passes {@link #due} plus the grace.
 */
final class ReconcileBuilder {
  final int serial;
  final int service;
  final boolean lost;
  final long due;
  final StreamKey key;
  final long traceHigh;
  final long traceLow;
  final long spanId;
  final boolean error;
  final String reason;
  final int source;
  final TriggerHint hint;
  final long requeueAfterNanos;
  final Sampling.Stated sampling;
  long start;
  long end;
  int pieces = 1;

  /**
   * From a record of every reconcile ({@link WakeupAttributes#COMPLETE}, an operator's log), which
   * holds no calls.
   */
  private final boolean complete;

  /**
   * Calls beneath, tallied in parallel arrays (a {@code TreeMap} and a {@code LinkedHashSet} cost
   * some 300 bytes more per reconcile, and a batch run holds every reconcile of the last few
   * minutes of trace time while late children may still arrive): {@code methods[i]} was called
   * {@code counts[i]} times; methods and targets are interned by the extractor.
   */
  private String[] methods;

  private int[] counts;
  private int methodCount;
  private String[] targets;
  private int targetCount;

  private ReconcileBuilder(
      int serial,
      int service,
      boolean lost,
      StreamKey key,
      Span s,
      int source,
      Map<String, String> strings,
      boolean withState) {
    this.serial = serial;
    this.service = service;
    this.lost = lost;
    this.key = key;
    this.traceHigh = s.traceIdHigh();
    this.traceLow = s.traceIdLow();
    this.spanId = s.spanId();
    this.start = s.startNanos();
    this.end = s.endNanos();
    this.due = s.endNanos();
    this.error = s.error();
    String why = s.attribute("object.reason");
    this.reason = why == null ? null : strings.computeIfAbsent(why, x -> x);
    this.source = source;
    this.hint = withState ? hint(s.attribute(WakeupAttributes.TRIGGER)) : null;
    this.requeueAfterNanos =
        withState ? requeueAfter(s.attribute(WakeupAttributes.REQUEUE_AFTER_NANOS)) : -1;
    this.sampling = withState ? Sampling.of(s) : null;
    this.complete = WakeupAttributes.complete(s);
  }

  /**
   * A reconcile found by its span; {@code strings} interns its {@code object.reason}, which repeats
   * across reconciles and is kept with each of them for the whole run.
   */
  static ReconcileBuilder reconcile(
      int serial, int service, StreamKey key, Span s, int source, Map<String, String> strings) {
    return new ReconcileBuilder(serial, service, false, key, s, source, strings, true);
  }

  /** The stand-in for a lost reconcile, started by its first piece. */
  static ReconcileBuilder lost(
      int serial, int service, StreamKey key, Span piece, int source, Map<String, String> strings) {
    return new ReconcileBuilder(serial, service, true, key, piece, source, strings, false);
  }

  /** True when its record holds every reconcile (an operator's log). */
  boolean complete() {
    return complete;
  }

  /** A span beneath (or a piece of) a lost reconcile widens the times known of it. */
  void piece(long pieceStart, long pieceEnd) {
    pieces++;
    start = Math.min(start, pieceStart);
    end = Math.max(end, pieceEnd);
  }

  void add(Call c) {
    countMethod(c.method());
    if (ApiCalls.isWrite(c.method())) {
      addTarget(c.target());
    }
  }

  private void countMethod(String method) {
    for (int i = 0; i < methodCount; i++) {
      if (methods[i].equals(method)) {
        counts[i]++;
        return;
      }
    }
    if (methods == null) {
      methods = new String[2];
      counts = new int[2];
    } else if (methodCount == methods.length) {
      methods = Arrays.copyOf(methods, methodCount * 2);
      counts = Arrays.copyOf(counts, methodCount * 2);
    }
    methods[methodCount] = method;
    counts[methodCount++] = 1;
  }

  private void addTarget(String target) {
    if (targetCount == ApiCalls.MAX_TARGETS) {
      return;
    }
    for (int i = 0; i < targetCount; i++) {
      if (targets[i].equals(target)) {
        return;
      }
    }
    if (targets == null) {
      targets = new String[2];
    } else if (targetCount == targets.length) {
      targets = Arrays.copyOf(targets, Math.min(ApiCalls.MAX_TARGETS, targetCount * 2));
    }
    targets[targetCount++] = target;
  }

  /**
   * The reconcile; its {@link ApiCalls} is shared with every equal one in {@code shared} (most
   * reconciles of a controller make the same calls), which keeps memory per reconcile small.
   *
   * @param probability the sampling probability of its trace, NaN when unknown
   */
  Reconcile build(Map<ApiCalls, ApiCalls> shared, double probability) {
    ApiCalls calls = complete ? ApiCalls.UNRECORDED : ApiCalls.NONE;
    if (methodCount > 0) {
      TreeMap<String, Integer> byMethod = new TreeMap<>();
      for (int i = 0; i < methodCount; i++) {
        byMethod.put(methods[i], counts[i]);
      }
      calls =
          new ApiCalls(
              byMethod,
              targets == null ? List.of() : Arrays.asList(targets).subList(0, targetCount));
    }
    calls = shared.computeIfAbsent(calls, c -> c);
    return new Reconcile(
        key,
        traceHigh,
        traceLow,
        spanId,
        start,
        end,
        error,
        reason,
        calls,
        source,
        hint,
        requeueAfterNanos,
        probability);
  }

  /** The lost reconcile, its object taken from the first object written beneath it if unknown. */
  LostReconcile toLost() {
    StreamKey k = key;
    if (k.object().equals(StreamKey.ANY_OBJECT)) {
      for (int i = 0; i < targetCount; i++) {
        String t = targets[i];
        ObjectRef o = ObjectRef.fromApiPath(t);
        if (o != null) {
          String object = o.namespace().isEmpty() ? o.name() : o.namespace() + "/" + o.name();
          k = new StreamKey(k.operator(), k.controller(), object);
          break;
        }
      }
    }
    return new LostReconcile(k, start, end, pieces);
  }

  private static TriggerHint hint(String v) {
    if (v == null) {
      return null;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "timer" -> TriggerHint.TIMER;
      case "event" -> TriggerHint.EVENT;
      case "retry" -> TriggerHint.RETRY;
      default -> null;
    };
  }

  private static long requeueAfter(String v) {
    if (v == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(v.trim());
      return n >= 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
