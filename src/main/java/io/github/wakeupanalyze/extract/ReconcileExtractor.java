package io.github.wakeupanalyze.extract;

import io.github.wakeupanalyze.ingest.TraceInputs;
import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.WakeupAttributes;
import io.github.wakeupanalyze.text.Durations;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a stream of spans, in any order and with duplicates, into reconciles, and hands each to an
 * {@link ExtractConsumer} once it is final. A batch run is the same extractor flushed at the end
 * ({@link #finish()}).
 *
 * <p><b>Reconciles.</b> A reconcile is the <em>outermost</em> span of its service whose name
 * matches the rules: a {@code reconcileReplsets} inside a {@code Reconcile} belongs to that
 * reconcile; a reconcile span of another service beneath it is a reconcile of its own. Descendant
 * spans of the same service are folded into their reconcile's {@link ApiCalls}.
 *
 * <p><b>Arrival order.</b> Spans may come before their parent (exports are ordered by end time,
 * JSON Lines split a trace). Each span's place is decided as soon as its parent's is known; until
 * then it waits, in compact form, keyed by its parent. A reconcile is final once its service's
 * clock (its spans' trace time, kept in step with the input's while it is quiet: {@link
 * TraceClocks}) is {@link ExtractLimits#graceNanos()} past its end.
 *
 * <p><b>Identity.</b> A span is (trace id, span id, service): the same ids in another service are a
 * different span (kept apart and counted, {@link ExtractCounts#idCollisions()}), never a duplicate.
 * A child finds its parent by ids; of two parents with the same ids it takes the one of its own
 * service, unless it is a server or consumer span (whose parent is a remote client).
 *
 * <p><b>Lost spans.</b> A span whose parent never arrives is judged by what the trace shows ({@link
 * #placeOrphan}): a span named like the controller's outermost reconcile is a reconcile; one named
 * like a span that normally nests inside a reconcile ({@link SpanRoles}) belongs to its trace's
 * reconcile when that is present, and is otherwise a fragment of a {@link LostReconcile}, never a
 * reconcile of its own; an operator's other spans without a parent are no evidence of writes.
 *
 * <p><b>Memory</b> is bounded by the reconciles and the spans within the horizon ({@link
 * ExtractLimits}): one {@link SpanTable} entry per span, forgotten once older than the horizon when
 * the table is full; the reconciles' own keys for the whole run. Span identity is a 64-bit hash;
 * the chance that two distinct spans of a 10⁷-span input collide is below 10⁻⁵.
 *
 * <p><b>Evidence</b>: a span that records a write to a named object ({@link WriteEvidence}) outside
 * every reconcile is a write by another client, handed on as an {@link ObjectWrite}; the links of
 * reconcile spans as {@link ReconcileLink}s; clock offsets are estimated from client/server pairs
 * ({@link ClockSkew}).
 */
public final class ReconcileExtractor implements TraceInputs.SourceAwareSink {
  /** A span outside every reconcile. */
  static final int OUTSIDE = -1;

  /** A span inside a reconcile that is missing and has no stand-in: no evidence, nothing to sum. */
  static final int LOST = -2;

  /**
   * A state at or below this is a span waiting for its parent, at index {@code PENDING - state}.
   */
  private static final int PENDING = -3;

  /** In the reconcile index: a trace with more than one reconcile. */
  private static final int MULTI = -1;

  private static final long LOST_PARENT_SALT = 0x4c4f5354L;

  private final ExtractRules rules;
  private final ExtractLimits limits;
  private final ExtractConsumer consumer;
  private final BatchCollector collector;

  /** The horizon in force: shorter than the limits' when the table had to make room. */
  private long horizon;

  private final SpanTable table = new SpanTable(1 << 16);
  private final SpanTable reconcileIndex = new SpanTable(1 << 10);
  private final WaitingRoom waiting = new WaitingRoom();
  private final Map<Integer, ReconcileBuilder> active = new HashMap<>();
  private final TraceClocks clocks;
  private final BitSet standIns = new BitSet();

  /** Inputs whose reconciles carry {@link WakeupAttributes#COMPLETE}: they record every one. */
  private final BitSet completeSources = new BitSet();

  private final ServiceRegistry services = new ServiceRegistry();

  /** What the trace holds instead, for a run that finds no reconcile. */
  private final RootNames rootNames = new RootNames();

  private final SpanRoles roles = new SpanRoles();
  private final ClockSkew skew = new ClockSkew();
  private final SamplingTally sampling = new SamplingTally();
  private final Map<StreamKey, StreamKey> keys = new HashMap<>();
  private final Map<String, String> strings = new HashMap<>();
  private final Map<ApiCalls, ApiCalls> sharedCalls = new HashMap<>();
  private final List<Long> perSource = new ArrayList<>();

  private int source;
  private int nextSerial;
  private long spans;
  private long duplicates;
  private long idCollisions;
  private long nested;
  private long orphans;
  private long orphanReconciles;
  private long fragments;
  private long lostReconciles;
  private long lostParents;
  private long lateSpans;
  private long lateChildren;
  private long evictedEntries;
  private long windowStart = Long.MAX_VALUE;
  private long windowEnd = Long.MIN_VALUE;
  private int reliefTick = -1;

  /** A batch extractor with limits from this JVM's heap; {@link #finish()} gives the result. */
  public ReconcileExtractor(ExtractRules rules) {
    this(rules, ExtractLimits.batch(), null);
  }

  /**
   * An extractor that hands what it finds to {@code consumer} as soon as it is final, or collects
   * it for {@link #finish()} when {@code consumer} is null.
   */
  public ReconcileExtractor(ExtractRules rules, ExtractLimits limits, ExtractConsumer consumer) {
    this.rules = rules;
    this.limits = limits;
    this.collector = consumer == null ? new BatchCollector() : null;
    this.consumer = consumer == null ? collector : consumer;
    this.clocks = new TraceClocks(limits.sliceNanos());
    this.horizon = limits.horizonNanos();
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
    int svc = services.observe(span);
    advance(svc, span.endNanos());
    windowStart = Math.min(windowStart, span.startNanos());
    windowEnd = Math.max(windowEnd, span.endNanos());
    int epoch = clocks.epoch(svc);
    long id = SpanKeys.span(span.traceIdHigh(), span.traceIdLow(), span.spanId());
    long self = id;
    int slot = table.find(id);
    if (slot >= 0) {
      if (table.tag(slot) == svc) {
        duplicates++;
        return;
      }
      self = SpanKeys.alias(id, svc);
      if (table.find(self) >= 0) {
        duplicates++;
        return;
      }
      idCollisions++;
      services.collision(svc, table.tag(slot));
    }
    if (clocks.late(svc, span.endNanos())) {
      lateSpans++;
    }
    boolean isReconcile = rules.isReconcile(span);
    if (isReconcile && reconcileIndex.find(SpanKeys.alias(id, svc)) >= 0) {
      duplicates++; // a reconcile seen before its entry was evicted
      return;
    }
    long parentId =
        span.hasParent()
            ? SpanKeys.span(span.traceIdHigh(), span.traceIdLow(), span.parentSpanId())
            : 0;
    skew.observe(span, id, parentId, svc);
    rootNames.observe(span, isReconcile, parentId == 0);
    PendingSpan node =
        new PendingSpan(span, self, id, parentId, svc, source, epoch, isReconcile, strings);
    if (parentId == 0) {
      if (!isReconcile) {
        SamplingTally.remember(table, span, svc, epoch);
      }
      settle(node, place(node, OUTSIDE, true));
    } else {
      attach(node);
    }
    if (load() >= limits.maxEntries()) {
      relieve();
    }
  }

  /** Places a span under its parent when the parent's place is known, else parks it. */
  private void attach(PendingSpan node) {
    int p = table.find(node.parentId);
    long waitKey = node.parentId;
    int parentState = SpanTable.MISSING;
    if (p >= 0) {
      if (table.tag(p) == node.service || node.remote) {
        parentState = table.value(p);
      } else {
        waitKey = SpanKeys.alias(node.parentId, node.service);
        int q = table.find(waitKey);
        if (q >= 0) {
          parentState = table.value(q);
        }
      }
    }
    if (parentState == SpanTable.MISSING || parentState <= PENDING) {
      park(node, waitKey);
    } else {
      settle(node, place(node, parentState, true));
    }
  }

  private void park(PendingSpan node, long waitKey) {
    stamp(table, node.self, PENDING - waiting.park(node, waitKey), node.service, node.service);
  }

  /** What the table holds, spans waiting for a parent weighing more. */
  private long load() {
    return table.size() + (long) ExtractLimits.PENDING_WEIGHT * waiting.size();
  }

  /** Records the state of {@code first}, then places everything waiting on it, and so on down. */
  private void settle(PendingSpan first, int firstState) {
    List<PendingSpan> stack = new ArrayList<>();
    List<Integer> states = new ArrayList<>();
    stack.add(first);
    states.add(firstState);
    while (!stack.isEmpty()) {
      PendingSpan n = stack.remove(stack.size() - 1);
      int state = states.remove(states.size() - 1);
      stamp(table, n.self, state, n.service, n.service);
      for (PendingSpan c : waiting.take(n.self)) {
        if (c.service != n.service && !c.remote && n.self == c.parentId) {
          // the same ids in another service: wait for a parent of the child's own service
          attach(c);
        } else {
          stack.add(c);
          states.add(place(c, state, true));
        }
      }
    }
  }

  /**
   * The state of a span whose parent's state is known.
   *
   * @param learn whether the span's position teaches {@link SpanRoles} (not for orphans)
   */
  private int place(PendingSpan n, int parentState, boolean learn) {
    if (parentState >= 0) {
      ReconcileBuilder b = active.get(parentState);
      boolean standIn = standIns.get(parentState);
      if (n.span != null) {
        if (b != null && b.service != n.service) {
          return newReconcile(n, learn); // another operator's reconcile beneath this one
        }
        if (standIn) {
          fragments++;
        } else {
          nested++;
          if (learn && b != null) {
            roles.nested(n.span.service(), n.span.name(), b.key.controller());
          }
        }
      } else if (b != null && n.call != null && n.service == b.service) {
        b.add(n.call);
      } else if (b != null && n.write != null && n.service != b.service && n.kind != 2) {
        consumer.write(n.write); // another client's write, in a trace propagated into this one
      }
      if (b == null) {
        lateChildren++;
      } else if (b.lost) {
        b.piece(n.start, n.end);
      }
      return parentState;
    }
    if (parentState == LOST) {
      if (n.span != null) {
        fragments++;
      }
      return LOST;
    }
    if (n.span != null) {
      return newReconcile(n, learn);
    }
    if (n.write != null) {
      consumer.write(n.write);
    }
    return OUTSIDE;
  }

  /**
   * The state of a span whose parent never arrived: see the class comment. Also used when the
   * parent is of another service and was not taken at first.
   */
  private int placeOrphan(PendingSpan n) {
    int p = table.find(n.parentId);
    if (p >= 0 && table.value(p) > PENDING) {
      return place(n, table.value(p), false); // a parent of another service after all
    }
    orphans++;
    long lostKey = SpanKeys.mix(n.parentId, LOST_PARENT_SALT);
    if (table.find(lostKey) < 0) {
      stamp(table, lostKey, 0, 0, n.service);
      lostParents++;
    }
    long traceKey = SpanKeys.trace(n.traceHigh, n.traceLow);
    int t = reconcileIndex.find(traceKey);
    int traceState = t < 0 ? SpanTable.MISSING : reconcileIndex.value(t);
    boolean sameService = t >= 0 && reconcileIndex.tag(t) == n.service;
    if (n.span != null) {
      if (roles.role(n.span.service(), n.span.name()) != SpanRoles.Role.NESTED) {
        orphanReconciles++;
        return newReconcile(n, false);
      }
      if (traceState >= 0 && sameService) {
        return place(n, traceState, false);
      }
      fragments++;
      return newStandIn(n);
    }
    if (traceState >= 0) {
      return place(n, traceState, false);
    }
    if (traceState == MULTI || services.isOperator(n.service)) {
      return LOST;
    }
    if (n.write != null) {
      consumer.write(n.write);
    }
    return OUTSIDE;
  }

  private int newReconcile(PendingSpan n, boolean learn) {
    if (learn) {
      roles.outermost(n.span.service(), n.span.name());
    }
    int serial = nextSerial++;
    ReconcileBuilder b =
        ReconcileBuilder.reconcile(
            serial, n.service, intern(rules.streamKey(n.span)), n.span, n.source, strings);
    active.put(serial, b);
    clocks.schedule(b);
    services.reconcile(n.service);
    for (SpanLink l : n.span.links()) {
      consumer.link(
          new ReconcileLink(n.span.traceIdHigh(), n.span.traceIdLow(), n.span.spanId(), l));
    }
    perSource.set(n.source, perSource.get(n.source) + 1);
    if (b.complete()) {
      completeSources.set(n.source);
    }
    stamp(reconcileIndex, SpanKeys.alias(n.id, n.service), serial, n.service, n.service);
    noteTraceReconcile(n, serial);
    return serial;
  }

  /** The stand-in for the lost reconcile a fragment belongs to. */
  private int newStandIn(PendingSpan n) {
    int serial = nextSerial++;
    String service = n.span.service();
    String controller = roles.controllerAround(service, n.span.name());
    if (controller == null) {
      controller = rules.streamKey(n.span).controller();
    }
    StreamKey k = intern(new StreamKey(service, controller, rules.object(n.span)));
    ReconcileBuilder b = ReconcileBuilder.lost(serial, n.service, k, n.span, n.source, strings);
    active.put(serial, b);
    clocks.schedule(b);
    standIns.set(serial);
    lostReconciles++;
    noteTraceReconcile(n, serial);
    return serial;
  }

  private void noteTraceReconcile(PendingSpan n, int serial) {
    long traceKey = SpanKeys.trace(n.traceHigh, n.traceLow);
    int t = reconcileIndex.find(traceKey);
    if (t < 0) {
      stamp(reconcileIndex, traceKey, serial, n.service, n.service);
    } else if (reconcileIndex.value(t) != serial) {
      reconcileIndex.setValue(t, MULTI);
    }
  }

  // ---------------------------------------------------------------- trace time

  /** Puts an entry stamped with the current epoch of {@code service}'s clock. */
  private void stamp(SpanTable t, long key, int value, int tag, int service) {
    t.put(key, value, tag, service, clocks.epoch(service));
  }

  /**
   * Takes the time of a span of service {@code svc}: finalizes what became final on the clocks it
   * moved ({@link TraceClocks}; a clock that did not move finalizes nothing, so the rest of a trace
   * that arrives behind its clock still joins its reconcile) and acts on a new slice.
   */
  private void advance(int svc, long end) {
    boolean newSlice = clocks.advance(svc, end);
    for (int i = 0; i < clocks.movedCount(); i++) {
      int c = clocks.moved(i);
      long time = clocks.time(c);
      long finalBefore =
          time < Long.MIN_VALUE + limits.graceNanos() ? Long.MIN_VALUE : time - limits.graceNanos();
      for (ReconcileBuilder b = clocks.pollDue(c, finalBefore);
          b != null;
          b = clocks.pollDue(c, finalBefore)) {
        finalizeBuilder(b);
      }
    }
    if (newSlice) {
      if (limits.orphanAfterNanos() != Long.MAX_VALUE) {
        settleOrphans(olderThan(clocks.cutoffs(limits.orphanAfterNanos())));
      }
      if (limits.evictAlways()) {
        sweep();
      }
    }
  }

  /** Spans stamped before the cutoff of their service's clock. */
  private Predicate<PendingSpan> olderThan(int[] cutoffs) {
    return n -> n.service < cutoffs.length && n.epoch < cutoffs[n.service];
  }

  /**
   * The table is full: forget what is older than the horizon; when that is not enough, halve the
   * horizon down to {@link ExtractLimits#minHorizonNanos()}; stop when even that does not fit.
   */
  private void relieve() {
    if (reliefTick != clocks.ticks()) {
      reliefTick = clocks.ticks();
      sweep();
    }
    long full = limits.maxEntries() * 3 / 4;
    while (load() >= full && horizon / 2 >= limits.minHorizonNanos()) {
      horizon /= 2;
      sweep();
    }
    if (load() >= full) {
      throw new SpanLimitError(
          String.format(
              Locale.ROOT,
              "the spans of %s of trace time (%,d entries) do not fit the %,d this heap allows",
              Durations.human(horizon / 1e9),
              load(),
              limits.maxEntries()));
    }
  }

  private void sweep() {
    int[] cutoffs = clocks.cutoffs(horizon);
    settleOrphans(olderThan(cutoffs));
    evictedEntries += table.evictBefore(cutoffs, v -> v <= PENDING);
    if (limits.evictAlways()) {
      reconcileIndex.evictBefore(cutoffs, v -> false);
    }
    clocks.forgot(cutoffs);
  }

  /**
   * Settles as orphans the spans waiting for a parent that has not arrived, in groups whose members
   * are all {@code old}: likely reconciles first (they give traces their reconcile), then
   * fragments, then the rest.
   */
  private void settleOrphans(Predicate<PendingSpan> old) {
    List<PendingSpan> nodes = waiting.takeOlderThan(old, k -> table.find(k) < 0);
    nodes.sort(
        Comparator.comparingInt(this::orphanPass)
            .thenComparingLong((PendingSpan c) -> c.start)
            .thenComparingLong(c -> c.id));
    for (PendingSpan c : nodes) {
      settle(c, placeOrphan(c));
    }
  }

  private int orphanPass(PendingSpan c) {
    if (c.span == null) {
      return 2;
    }
    return roles.role(c.span.service(), c.span.name()) == SpanRoles.Role.NESTED ? 1 : 0;
  }

  private void finalizeBuilder(ReconcileBuilder b) {
    active.remove(b.serial);
    if (b.lost) {
      consumer.lostReconcile(b.toLost());
      return;
    }
    Sampling.Stated s =
        b.sampling != null ? b.sampling : SamplingTally.recall(table, b.traceHigh, b.traceLow);
    double p = sampling.add(b.key.operator(), s, rules.samplingRatio());
    consumer.reconcile(b.build(sharedCalls, p));
  }

  // ---------------------------------------------------------------- end of input

  /**
   * Ends the input: spans still waiting for a parent that never came are settled as orphans, and
   * every reconcile is handed on.
   *
   * @return what was counted
   */
  public ExtractCounts flush() {
    settleOrphans(n -> true);
    while (waiting.size() > 0) {
      // only cycles are left (a span that is its own ancestor): break one
      for (PendingSpan c : waiting.take(waiting.anyKey())) {
        settle(c, placeOrphan(c));
      }
    }
    for (ReconcileBuilder b : clocks.drain()) {
      finalizeBuilder(b);
    }
    return counts();
  }

  /**
   * Ends a batch run.
   *
   * @return the reconciles, sorted by stream and start time, with everything counted on the way
   * @throws IllegalStateException when the extractor was built with a consumer of its own
   */
  public ExtractResult finish() {
    if (collector == null) {
      throw new IllegalStateException("this extractor hands reconciles to a consumer: flush it");
    }
    ExtractCounts counts = flush();
    boolean any = spans > 0;
    return collector.result(
        counts,
        perSource,
        any ? windowStart : 0,
        any ? windowEnd : 0,
        services.operatorWindows(),
        clockOffsets(),
        sampling.summaries(),
        warnings(counts),
        completeSources);
  }

  /** The extraction's warnings, with one line on what was read when no reconcile was found. */
  private List<String> warnings(ExtractCounts counts) {
    List<String> out =
        new ArrayList<>(
            ExtractWarnings.of(counts, services.collisionsByName(), sampling.warnings()));
    if (perSource.stream().mapToLong(Long::longValue).sum() == 0) {
      String none = rootNames.noReconcile(spans, rules.reconcileName().pattern());
      if (none != null) {
        out.add(none);
      }
    }
    return out;
  }

  /** The clock offsets estimated from the pairs seen so far ({@link ClockSkew}). */
  public List<ClockOffset> clockOffsets() {
    return skew.offsets(services.names(), services.reconciles());
  }

  /** What was counted so far. */
  public ExtractCounts counts() {
    return new ExtractCounts(
        spans,
        duplicates,
        idCollisions,
        nested,
        orphans,
        orphanReconciles,
        fragments,
        lostReconciles,
        lostParents,
        lateSpans,
        lateChildren,
        evictedEntries,
        horizon,
        0);
  }

  // ---------------------------------------------------------------- keys

  private StreamKey intern(StreamKey k) {
    return keys.computeIfAbsent(k, x -> x);
  }
}
