package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.model.TriggerHint;
import io.github.wakeupanalyze.model.WakeupAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a stream of spans, in any order and with duplicates, into reconciles.
 *
 * <p>A reconcile is the <em>outermost</em> span whose name matches the rules: a {@code
 * reconcileReplsets} inside a {@code Reconcile} belongs to that reconcile. Descendant spans are
 * folded into their reconcile's {@link ApiCalls} and dropped.
 *
 * <p>Spans may come before their parent (JSON Lines split a trace over many lines). Each span's
 * place is decided as soon as its parent's is known; until then it waits, in compact form, keyed by
 * its parent. What stays in memory for the whole run is the reconciles and one {@code long→int}
 * entry per distinct span (about 24 bytes, for de-duplication and parent look-up), never the spans
 * themselves. Span identity is a 64-bit hash of (trace id, span id); the chance that two distinct
 * spans of a 10⁷-span input collide is below 10⁻⁵.
 *
 * <p>Evidence for the analysis is kept on the way ({@link ExtractResult#evidence()}): a span that
 * records a write to a named object ({@link WriteEvidence}) and turns out to lie outside every
 * reconcile is a write by another client, kept as an {@link ObjectWrite} (a few words each); the
 * links of reconcile spans are kept as {@link ReconcileLink}s. Writes inside a reconcile are the
 * reconcile's own calls and stay in its {@link ApiCalls}.
 */
public final class ReconcileExtractor implements TraceInputs.SourceAwareSink {
  private static final int OUTSIDE = -1;

  private final ExtractRules rules;
  private final LongIntMap states = new LongIntMap(1 << 16);
  private final LongIntMap waiting = new LongIntMap(1 << 10);
  private final List<Pending> pending = new ArrayList<>();
  private final List<Integer> free = new ArrayList<>();
  private final List<Builder> builders = new ArrayList<>();
  private final Map<StreamKey, StreamKey> keys = new HashMap<>();
  private final Map<String, String> strings = new HashMap<>();
  private final List<Long> perSource = new ArrayList<>();
  private final List<ObjectWrite> writes = new ArrayList<>();
  private final List<ReconcileLink> links = new ArrayList<>();
  private int source;
  private long spans;
  private long duplicates;
  private long nested;
  private long orphans;
  private long windowStart = Long.MAX_VALUE;
  private long windowEnd = Long.MIN_VALUE;

  public ReconcileExtractor(ExtractRules rules) {
    this.rules = rules;
  }

  @Override
  public void startSource(int index, String path) {
    source = index;
    while (perSource.size() <= index) {
      perSource.add(0L);
    }
  }

  @Override
  public void accept(Span span) {
    spans++;
    windowStart = Math.min(windowStart, span.startNanos());
    windowEnd = Math.max(windowEnd, span.endNanos());
    long key = key(span.traceIdHigh(), span.traceIdLow(), span.spanId());
    if (states.get(key) != LongIntMap.MISSING) {
      duplicates++;
      return;
    }
    boolean isReconcile = rules.isReconcile(span);
    Pending node =
        new Pending(
            key, isReconcile ? span : null, isReconcile ? null : Call.of(span, strings), source);
    if (!isReconcile) {
      node.write = WriteEvidence.of(span);
    }
    if (!span.hasParent()) {
      resolve(node, OUTSIDE);
      return;
    }
    long parent = key(span.traceIdHigh(), span.traceIdLow(), span.parentSpanId());
    int parentState = states.get(parent);
    if (parentState == LongIntMap.MISSING || parentState <= -2) {
      park(node, parent);
    } else {
      resolve(node, parentState);
    }
  }

  private void park(Pending node, long parent) {
    int index;
    if (free.isEmpty()) {
      index = pending.size();
      pending.add(node);
    } else {
      index = free.remove(free.size() - 1);
      pending.set(index, node);
    }
    int head = waiting.get(parent);
    node.next = head == LongIntMap.MISSING ? -1 : head;
    waiting.put(parent, index);
    states.put(node.key, -2 - index);
  }

  /**
   * Places {@code first} under a parent whose state is now known, then everything waiting on it.
   */
  private void resolve(Pending first, int parentStateOfFirst) {
    ArrayList<Pending> stack = new ArrayList<>();
    ArrayList<Integer> parentStates = new ArrayList<>();
    stack.add(first);
    parentStates.add(parentStateOfFirst);
    while (!stack.isEmpty()) {
      Pending node = stack.remove(stack.size() - 1);
      int parentState = parentStates.remove(parentStates.size() - 1);
      int state;
      if (parentState >= 0) {
        state = parentState;
        Builder b = builders.get(parentState);
        if (node.span != null) {
          nested++;
        } else if (node.call != null && node.call.service.equals(b.key.operator())) {
          b.add(node.call);
        }
      } else if (node.span != null) {
        state = builders.size();
        builders.add(new Builder(intern(rules.streamKey(node.span)), node.span, node.source));
        for (SpanLink l : node.span.links()) {
          links.add(
              new ReconcileLink(
                  node.span.traceIdHigh(), node.span.traceIdLow(), node.span.spanId(), l));
        }
        perSource.set(node.source, perSource.get(node.source) + 1);
      } else {
        state = OUTSIDE;
        if (node.write != null) {
          writes.add(node.write);
        }
      }
      states.put(node.key, state);
      int child = waiting.remove(node.key);
      while (child != LongIntMap.MISSING && child >= 0) {
        Pending c = pending.get(child);
        pending.set(child, null);
        free.add(child);
        stack.add(c);
        parentStates.add(state);
        child = c.next;
      }
    }
  }

  /**
   * Ends the input: spans still waiting for a parent that never came are placed as roots.
   *
   * @return the reconciles, sorted by stream and start time
   */
  public ExtractResult finish() {
    while (waiting.size() > 0) {
      List<Long> orphanParents = new ArrayList<>();
      waiting.forEach(
          (parent, head) -> {
            if (states.get(parent) == LongIntMap.MISSING) {
              orphanParents.add(parent);
            }
          });
      if (orphanParents.isEmpty()) {
        // only cycles are left (a span that is its own ancestor): break one
        long[] any = {0};
        waiting.forEach((parent, head) -> any[0] = parent);
        states.remove(any[0]);
        orphanParents.add(any[0]);
      }
      for (long parent : orphanParents) {
        int child = waiting.remove(parent);
        while (child != LongIntMap.MISSING && child >= 0) {
          Pending c = pending.get(child);
          pending.set(child, null);
          free.add(child);
          int next = c.next;
          orphans++;
          resolve(c, OUTSIDE);
          child = next;
        }
      }
    }
    // Streams are ranked once, so reconciles never compare three strings.
    List<StreamKey> sortedKeys = new ArrayList<>(keys.keySet());
    sortedKeys.sort(null);
    Map<StreamKey, Integer> rank = new IdentityHashMap<>();
    for (int i = 0; i < sortedKeys.size(); i++) {
      rank.put(keys.get(sortedKeys.get(i)), i);
    }
    Map<ApiCalls, ApiCalls> sharedCalls = new HashMap<>();
    // bucket by stream (a counting sort), then sort each stream by start: spans mostly arrive in
    // time order, so each bucket is nearly sorted and TimSort runs in about linear time
    List<List<Reconcile>> byStream = new ArrayList<>(sortedKeys.size());
    for (int i = 0; i < sortedKeys.size(); i++) {
      byStream.add(new ArrayList<>());
    }
    for (Builder b : builders) {
      byStream.get(rank.get(b.key)).add(b.build(sharedCalls));
    }
    int total = builders.size();
    builders.clear();
    Comparator<Reconcile> inStream =
        Comparator.comparingLong(Reconcile::startNanos)
            .thenComparingLong(Reconcile::endNanos)
            .thenComparingLong(Reconcile::traceIdHigh)
            .thenComparingLong(Reconcile::traceIdLow)
            .thenComparingLong(Reconcile::spanId);
    List<Reconcile> out = new ArrayList<>(total);
    for (List<Reconcile> stream : byStream) {
      stream.sort(inStream);
      out.addAll(stream);
    }
    writes.sort(
        Comparator.comparingLong(ObjectWrite::timeNanos).thenComparingLong(ObjectWrite::spanId));
    TraceEvidence evidence = new TraceEvidence(writes, links);
    return spans == 0
        ? new ExtractResult(out, 0, 0, 0, 0, perSource, 0, 0, evidence)
        : new ExtractResult(
            out, spans, duplicates, nested, orphans, perSource, windowStart, windowEnd, evidence);
  }

  private StreamKey intern(StreamKey k) {
    return keys.computeIfAbsent(k, x -> x);
  }

  /** 64-bit hash of (trace id, span id); never 0. */
  static long key(long traceHigh, long traceLow, long spanId) {
    long h = traceHigh * 0x9E3779B97F4A7C15L;
    h = Long.rotateLeft(h ^ traceLow, 31) * 0xBF58476D1CE4E5B9L;
    h = Long.rotateLeft(h ^ spanId, 27) * 0x94D049BB133111EBL;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }

  /** A span whose place is not yet known, or being placed. */
  private static final class Pending {
    final long key;
    final Span span;
    final Call call;
    final int source;
    ObjectWrite write;
    int next = -1;

    Pending(long key, Span span, Call call, int source) {
      this.key = key;
      this.span = span;
      this.call = call;
      this.source = source;
    }
  }

  /** An API call made by a descendant span: method, URL path, and the service that made it. */
  record Call(String method, String target, String service) {
    private static final java.util.Set<String> METHODS =
        java.util.Set.of(
            "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "LIST", "WATCH");

    /** The call a span records, or null if it is not a client API call. */
    static Call of(Span s, Map<String, String> strings) {
      if (s.kind() == 2 || s.kind() == 5) {
        return null; // a server or consumer span: the other side's view of a call
      }
      String method = s.attribute("http.request.method");
      if (method == null) {
        method = s.attribute("http.method");
      }
      if (method == null) {
        method = methodFromName(s.name());
      }
      if (method == null) {
        return null;
      }
      method = method.toUpperCase(Locale.ROOT);
      String url = s.attribute("url.full");
      if (url == null) {
        url = s.attribute("http.url");
      }
      String path = url == null ? null : path(url);
      if (path == null) {
        path = s.attribute("url.path");
      }
      if (path == null) {
        path = s.attribute("http.target");
      }
      if (path == null) {
        path = "";
      }
      return new Call(
          strings.computeIfAbsent(method, x -> x),
          strings.computeIfAbsent(path, x -> x),
          s.service());
    }

    static String methodFromName(String name) {
      String[] tokens = name.trim().split("[ /]+", 3);
      for (int i = 0; i < Math.min(2, tokens.length); i++) {
        String t = tokens[i].toUpperCase(Locale.ROOT);
        if (METHODS.contains(t)) {
          return t;
        }
        if (!t.equals("HTTP")) {
          break;
        }
      }
      return null;
    }

    static String path(String url) {
      int scheme = url.indexOf("://");
      int start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
      if (start < 0) {
        return "/";
      }
      int end = url.length();
      int q = url.indexOf('?', start);
      if (q >= 0) {
        end = q;
      }
      int h = url.indexOf('#', start);
      if (h >= 0 && h < end) {
        end = h;
      }
      return url.substring(start, end);
    }
  }

  /** A reconcile being assembled. */
  private static final class Builder {
    final StreamKey key;
    final long traceHigh;
    final long traceLow;
    final long spanId;
    final long start;
    final long end;
    final boolean error;
    final String reason;
    final int source;
    final TriggerHint hint;
    final long requeueAfter;
    TreeMap<String, Integer> byMethod;
    LinkedHashSet<String> targets;

    Builder(StreamKey key, Span s, int source) {
      this.key = key;
      this.traceHigh = s.traceIdHigh();
      this.traceLow = s.traceIdLow();
      this.spanId = s.spanId();
      this.start = s.startNanos();
      this.end = s.endNanos();
      this.error = s.error();
      this.reason = s.attribute("object.reason");
      this.source = source;
      this.hint = hint(s.attribute(WakeupAttributes.TRIGGER));
      this.requeueAfter = nanos(s.attribute(WakeupAttributes.REQUEUE_AFTER_NANOS));
    }

    /** {@code timer}, {@code event} or {@code retry} as a hint; anything else none. */
    private static TriggerHint hint(String v) {
      if (v == null) {
        return null;
      }
      for (TriggerHint h : TriggerHint.values()) {
        if (h.name().equalsIgnoreCase(v)) {
          return h;
        }
      }
      return null;
    }

    /** A non-negative decimal number of nanoseconds, else -1 (unknown). */
    private static long nanos(String v) {
      if (v == null) {
        return -1;
      }
      try {
        return Math.max(-1, Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    void add(Call c) {
      if (byMethod == null) {
        byMethod = new TreeMap<>();
      }
      byMethod.merge(c.method, 1, Integer::sum);
      if (ApiCalls.isWrite(c.method)) {
        if (targets == null) {
          targets = new LinkedHashSet<>();
        }
        if (targets.size() < ApiCalls.MAX_TARGETS) {
          targets.add(c.target);
        }
      }
    }

    /**
     * The reconcile; its {@link ApiCalls} is shared with every equal one in {@code shared} (most
     * reconciles of a controller make the same calls), which keeps memory per reconcile small.
     */
    Reconcile build(Map<ApiCalls, ApiCalls> shared) {
      ApiCalls calls =
          byMethod == null
              ? ApiCalls.NONE
              : new ApiCalls(byMethod, targets == null ? List.of() : new ArrayList<>(targets));
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
          requeueAfter,
          Double.NaN);
    }
  }
}
