package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.SpanLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every controller model shares: the objects, the reconciler's behaviour (duration, API calls,
 * errors, the result it returns) and the spans a reconcile leaves. Subclasses decide only
 * <em>when</em> a reconcile runs: {@link ControllerRuntimeController} (client-go or priority
 * workqueue) and {@link KubeRsController} (kube-runtime scheduler).
 *
 * <p>Reconciler behaviour modelled here, per reconcile:
 *
 * <ul>
 *   <li>duration drawn from the scenario's distribution (at least 1 µs);
 *   <li>errors: with the configured probability (or at the listed reconciles) a healthy reconcile
 *       starts a run of {@code errors.run} failing reconciles; the failing call answers 500 and
 *       ends the reconcile, whose span has status ERROR;
 *   <li>API calls laid out in order over the reconcile, each inside its slot, each a CLIENT span
 *       with {@code http.request.method}, {@code url.full}, {@code http.response.status_code};
 *   <li>the operator's own writes come back as watch events after the watch latency: a spec write
 *       ({@code self}) changes metadata.generation, a status write ({@code status}) does not, so a
 *       generation-changed predicate drops the latter (controller-runtime {@code
 *       predicate.GenerationChangedPredicate}; kube-rs {@code predicates::generation});
 *   <li>the result: the requeue delay while not ready, and after {@code whenReady.after} without
 *       external edits the ready delay (a conditional timer); jitter as {@code wait.Jitter} ({@code
 *       d + U[0,1)·jitter·d}, k8s.io/apimachinery {@code pkg/util/wait}).
 * </ul>
 */
abstract class ControllerModel {
  /** The reconciler's return value. */
  record Result(boolean error, long requeueAfterNanos) {}

  final Engine engine;
  final Scenario.Operator operator;
  final Scenario.Controller spec;
  final List<SimObject> objects;
  final SplittableRandom random;
  private final IdSource ids;
  private final SimSink sink;
  private final long[] lastEdit;
  private final int[] failuresLeft;
  private final int[] reconciles;
  private final boolean kubeRs;

  ControllerModel(
      Engine engine,
      Scenario.Operator operator,
      Scenario.Controller spec,
      SplittableRandom random,
      IdSource ids,
      SimSink sink) {
    this.engine = engine;
    this.operator = operator;
    this.spec = spec;
    this.random = random;
    this.ids = ids;
    this.sink = sink;
    this.kubeRs = operator.framework() == Scenario.Framework.KUBE_RS;
    List<SimObject> objs = new ArrayList<>();
    for (int i = 0; i < spec.objects().size(); i++) {
      objs.add(SimObject.of(i, spec.objects().get(i), spec, kubeRs));
    }
    this.objects = List.copyOf(objs);
    this.lastEdit = new long[objs.size()];
    java.util.Arrays.fill(lastEdit, engine.now());
    this.failuresLeft = new int[objs.size()];
    this.reconciles = new int[objs.size()];
  }

  /** Puts a key in the queue for {@code wake} (after predicates). */
  abstract void enqueue(int obj, Wake wake);

  /** Starts the controller at the current time: the informer's initial list adds every object. */
  void start() {
    for (int i = 0; i < objects.size(); i++) {
      enqueue(i, Wake.event(Cause.EXTERNAL_EVENT, Wake.OBJECT_UPDATED, null));
    }
  }

  /**
   * A watch event reaching the controller.
   *
   * @param generationChanged false for status-only updates and resyncs, which a generation-changed
   *     predicate drops
   */
  final void watchEvent(int obj, Wake wake, boolean generationChanged) {
    if (spec.generationChangedPredicate() && !generationChanged) {
      return;
    }
    enqueue(obj, wake);
  }

  /** Another client wrote the object (or one it owns) at the current time: it is not ready. */
  final void edited(int obj) {
    lastEdit[obj] = engine.now();
  }

  /**
   * Runs one reconcile of {@code obj} from {@code start} (not before now), and calls {@code done}
   * with its result at its end, after its spans went to the sink.
   */
  final void reconcile(int obj, Wake wake, long start, java.util.function.Consumer<Result> done) {
    SimObject o = objects.get(obj);
    long duration = Math.max(1_000L, spec.duration().sample(random));
    long end = start + duration;
    boolean error;
    int ordinal = ++reconciles[obj];
    if (failuresLeft[obj] > 0) {
      failuresLeft[obj]--;
      error = true;
    } else if (spec.errorAt().contains(ordinal)
        || (spec.errorProbability() > 0 && random.nextDouble() < spec.errorProbability())) {
      failuresLeft[obj] = spec.errorRun() - 1;
      error = true;
    } else {
      error = false;
    }
    List<Scenario.Call> calls = new ArrayList<>();
    for (Scenario.Call c : spec.calls()) {
      if (c.probability() >= 1 || random.nextDouble() < c.probability()) {
        calls.add(c);
      }
    }
    int failing = -1;
    if (error && !calls.isEmpty()) {
      failing = calls.size() - 1;
      for (int i = 0; i < calls.size(); i++) {
        if (calls.get(i).isWrite()) {
          failing = i;
          break;
        }
      }
      calls = new ArrayList<>(calls.subList(0, failing + 1));
    }
    boolean helper =
        spec.helperSpan() != null
            && (spec.helperProbability() >= 1 || random.nextDouble() < spec.helperProbability());

    long traceHigh = ids.next();
    long traceLow = ids.next();
    long rootId = ids.next();
    long helperId = helper ? ids.next() : 0;
    List<SimSpan> spans = new ArrayList<>(calls.size() + 2);
    long helperStart = Long.MAX_VALUE;
    long helperEnd = Long.MIN_VALUE;
    int n = calls.size();
    for (int i = 0; i < n; i++) {
      Scenario.Call c = calls.get(i);
      long slot = duration / n;
      long cs = start + slot * i + slot / 10;
      long ce = cs + Math.max(1_000L, Math.min(slot * 8 / 10, CALL.sample(random)));
      boolean fails = i == failing;
      boolean inHelper = helper && c.helper();
      if (inHelper) {
        helperStart = Math.min(helperStart, cs - 1_000);
        helperEnd = Math.max(helperEnd, ce + 1_000);
      }
      long parent = inHelper ? helperId : rootId;
      callSpans(spans, o, c, traceHigh, traceLow, parent, cs, ce, fails);
      if (!fails && c.isWrite() && (c.path().equals("self") || c.path().equals("status"))) {
        ownWrite(obj, c.path().equals("self"), ce);
      }
    }
    if (helper) {
      if (helperStart == Long.MAX_VALUE) {
        helperStart = start + duration / 3;
        helperEnd = start + 2 * duration / 3;
      }
      helperStart = Math.max(helperStart, start);
      helperEnd = Math.min(helperEnd, end);
      spans.add(
          new SimSpan(
              operator.service(),
              reconcileScope(),
              traceHigh,
              traceLow,
              helperId,
              rootId,
              spec.helperSpan(),
              SimSpan.INTERNAL,
              helperStart,
              helperEnd,
              false,
              null,
              List.of(),
              List.of(),
              ""));
    }
    String reason = kubeRs ? wake.reason() : null;
    spans.add(
        new SimSpan(
            operator.service(),
            reconcileScope(),
            traceHigh,
            traceLow,
            rootId,
            0,
            SpanShapes.reconcileName(operator.framework(), spec),
            SimSpan.INTERNAL,
            start,
            end,
            error,
            error ? "reconcile failed: 500 Internal Server Error" : null,
            SpanShapes.reconcileAttributes(operator.framework(), spec, o, reason),
            wake.link() == null ? List.<SpanLink>of() : List.of(wake.link()),
            ""));
    Label label =
        new Label(
            traceHigh,
            traceLow,
            rootId,
            start,
            end,
            operator.service(),
            spec.name(),
            o.label(),
            wake.cause(),
            wake.periodNanos(),
            error,
            reason,
            true);
    engine.at(
        end,
        () -> {
          try {
            sink.reconcile(label, spans);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          done.accept(new Result(error, error ? 0 : requeueAfter(obj, end)));
        });
  }

  /** The scope of reconcile and helper spans. kube-rs names it after the controller. */
  private String reconcileScope() {
    return kubeRs ? spec.name() : operator.scope();
  }

  /**
   * One API call's CLIENT span, and the kube-apiserver's SERVER span beneath it when the apiserver
   * records spans: it starts a network hop after the client and ends one before it.
   */
  private void callSpans(
      List<SimSpan> spans,
      SimObject o,
      Scenario.Call c,
      long traceHigh,
      long traceLow,
      long parent,
      long cs,
      long ce,
      boolean fails) {
    int status = fails ? 500 : c.method().equals("POST") ? 201 : 200;
    String method = c.method().equals("LIST") ? "GET" : c.method();
    String url = o.callUrl(c.path());
    long callId = ids.next();
    spans.add(
        SpanShapes.call(
            operator,
            reconcileScope(),
            c.method(),
            method,
            url,
            status,
            traceHigh,
            traceLow,
            callId,
            parent,
            cs,
            ce));
    if (!fails && c.isWrite()) {
      long quarter = (ce - cs) / 4; // no draw: an audit log never moves the simulated timeline
      apiWrite(
          new ApiWrite(
              cs + quarter,
              ce - quarter,
              method,
              url,
              ApiWrite.serviceAccount(operator.serviceAccount()),
              SpanShapes.userAgent(operator.framework()),
              callId));
    }
    if (operator.apiServerSpans()) {
      long hop = Math.min((ce - cs) / 4, HOP.sample(random));
      spans.add(
          SpanShapes.apiServer(
              method,
              url,
              status,
              SpanShapes.userAgent(operator.framework()),
              traceHigh,
              traceLow,
              ids.next(),
              callId,
              cs + hop,
              ce - hop));
    }
  }

  private void apiWrite(ApiWrite w) {
    try {
      sink.apiWrite(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's own write comes back through the watch after the watch latency. */
  final void ownWrite(int obj, boolean generationChanged, long writtenAt) {
    long seen = writtenAt + operator.watchLatency().sample(random);
    engine.at(
        seen,
        () ->
            watchEvent(
                obj, Wake.event(Cause.SELF_WRITE, Wake.OBJECT_UPDATED, null), generationChanged));
  }

  /**
   * A status PATCH of {@code obj} made outside any reconcile span (the Java Operator SDK patches
   * the status after the reconcile method returned): its own trace, a CLIENT root span, written
   * when it ends. The status change comes back through the watch (and a generation filter drops
   * it).
   *
   * @return when the patch ends
   */
  final long statusPatch(int obj, long start) {
    SimObject o = objects.get(obj);
    long end = start + Math.max(1_000L, CALL.sample(random));
    long traceHigh = ids.next();
    long traceLow = ids.next();
    List<SimSpan> spans = new ArrayList<>(2);
    callSpans(
        spans,
        o,
        new Scenario.Call("PATCH", "status", 1, false),
        traceHigh,
        traceLow,
        0,
        start,
        end,
        false);
    java.util.Collections.reverse(spans); // children first, as an exporter receives them
    engine.at(
        end,
        () -> {
          try {
            sink.other(spans);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    ownWrite(obj, false, end);
    return end;
  }

  private static final Dist CALL = Dist.lognormal(3_000_000L, 0.6);

  /** One network hop between the operator and the kube-apiserver. */
  private static final Dist HOP = Dist.lognormal(250_000L, 0.4);

  private long requeueAfter(int obj, long end) {
    boolean ready = spec.readyAfterNanos() >= 0 && end - lastEdit[obj] >= spec.readyAfterNanos();
    long d = ready ? spec.readyRequeueAfterNanos() : spec.requeueAfterNanos();
    if (d > 0 && spec.requeueJitter() > 0) {
      d += (long) (random.nextDouble() * spec.requeueJitter() * d);
    }
    return d;
  }

  /** The dispatch latency: from a key being handed to a worker to its reconcile span starting. */
  final long dispatchLatency() {
    return operator.dispatchLatency().sample(random);
  }
}
