package io.github.wakeupanalyze.simulate;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.SpanLink;
import io.github.wakeupanalyze.simulate.Scenario.Edits;
import io.github.wakeupanalyze.simulate.Scenario.Visibility;
import io.github.wakeupanalyze.simulate.SimSpan.Attr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The world around a controller: another client writing its objects. Edits are generated lazily,
 * one pending edit per object, so memory does not grow with simulated time.
 *
 * <ul>
 *   <li>Poisson: exponential gaps with the given mean, per object;
 *   <li>periodic: a lattice with a random phase per object, each point displaced uniformly by up to
 *       ±jitter·period (a cron-like writer: stationary, not reset by anything);
 *   <li>burst: Poisson burst starts, each burst {@code size} edits apart by {@code spacing};
 *   <li>times: fixed offsets from the start (from the scenario or a CSV), for every target object.
 * </ul>
 *
 * <p>An edit completes at its time t: the write is (optionally) visible as a kube-apiserver SERVER
 * span ending at t, or as the writer's own CLIENT span {@code HTTP PATCH}, and the watch event
 * reaches the controller at t + watch latency. A spec edit makes the object not ready (see {@link
 * ControllerModel}); a metadata-only edit does not change the generation, so a generation filter
 * drops its event.
 */
final class EditSource {
  private static final Dist WRITE = Dist.lognormal(4_000_000L, 0.4);

  private final Engine engine;
  private final Edits spec;
  private final ControllerModel controller;
  private final SplittableRandom random;
  private final IdSource ids;
  private final SimSink sink;
  private final long origin;

  EditSource(
      Engine engine,
      Edits spec,
      ControllerModel controller,
      SplittableRandom random,
      IdSource ids,
      SimSink sink) {
    this.engine = engine;
    this.spec = spec;
    this.controller = controller;
    this.random = random;
    this.ids = ids;
    this.sink = sink;
    this.origin = engine.now();
  }

  void start() {
    List<String> refs = spec.objects().isEmpty() ? controller.spec.objects() : spec.objects();
    for (String ref : refs) {
      int obj = controller.spec.objects().indexOf(ref);
      switch (spec.kind()) {
        case POISSON ->
            engine.at(origin + exponential(spec.meanIntervalNanos()), () -> poisson(obj));
        case BURST ->
            engine.at(
                origin + exponential(spec.meanIntervalNanos()), () -> burst(obj, spec.burstSize()));
        case PERIODIC -> {
          long phase = (long) (random.nextDouble() * spec.periodNanos());
          periodic(obj, phase, 0);
        }
        case TIMES -> times(obj, 0);
        default -> throw new IllegalStateException();
      }
    }
  }

  private long exponential(long mean) {
    return Math.max(1, (long) (-Math.log(1.0 - random.nextDouble()) * mean));
  }

  private void poisson(int obj) {
    edit(obj);
    engine.at(engine.now() + exponential(spec.meanIntervalNanos()), () -> poisson(obj));
  }

  private void burst(int obj, int left) {
    edit(obj);
    if (left > 1) {
      engine.at(
          engine.now() + Math.max(1, spec.burstSpacing().sample(random)),
          () -> burst(obj, left - 1));
    } else {
      engine.at(
          engine.now() + exponential(spec.meanIntervalNanos()), () -> burst(obj, spec.burstSize()));
    }
  }

  private void periodic(int obj, long phase, long k) {
    long p = spec.periodNanos();
    long displacement = (long) ((random.nextDouble() * 2 - 1) * spec.jitter() * p);
    long at = Math.max(engine.now(), origin + phase + k * p + displacement);
    engine.at(
        at,
        () -> {
          edit(obj);
          periodic(obj, phase, k + 1);
        });
  }

  private void times(int obj, int i) {
    if (i < spec.timesNanos().size()) {
      engine.at(
          Math.max(engine.now(), origin + spec.timesNanos().get(i)),
          () -> {
            edit(obj);
            times(obj, i + 1);
          });
    }
  }

  /** One write by another client, completing now. */
  private void edit(int obj) {
    long now = engine.now();
    SimObject o = controller.objects.get(obj);
    String url = o.url();
    String name = o.name();
    String kind = controller.spec.kind();
    String reason = Wake.OBJECT_UPDATED;
    if (spec.related() != null) {
      String[] rel = o.related(spec.related(), controller.spec);
      url = rel[0];
      reason = Wake.RELATED_UPDATED + rel[1];
      name = rel[2];
      kind = spec.related();
    }
    long traceHigh = ids.next();
    long traceLow = ids.next();
    long spanId = ids.next();
    Visibility v = spec.visible();
    long duration = WRITE.sample(random);
    long writeStart = Math.max(origin, now - duration);
    if (v == Visibility.APISERVER || v == Visibility.BOTH) {
      emit(
          new SimSpan(
              SpanShapes.API_SERVER,
              SpanShapes.API_SERVER_SCOPE,
              traceHigh,
              traceLow,
              spanId,
              0,
              "KubernetesAPI",
              SimSpan.SERVER,
              writeStart,
              now,
              false,
              null,
              List.of(
                  Attr.of("http.request.method", "PATCH"),
                  Attr.of("url.full", url),
                  Attr.of("http.response.status_code", 200L),
                  Attr.of("user_agent.original", spec.client()),
                  Attr.of("k8s.namespace.name", o.namespace()),
                  Attr.of("k8s.object.name", name),
                  Attr.of("k8s.object.kind", kind)),
              List.of(),
              ""));
    } else if (v == Visibility.CLIENT) {
      emit(
          new SimSpan(
              spec.service(),
              spec.service(),
              traceHigh,
              traceLow,
              spanId,
              0,
              "HTTP PATCH",
              SimSpan.CLIENT,
              writeStart,
              now,
              false,
              null,
              List.of(
                  Attr.of("http.request.method", "PATCH"),
                  Attr.of("url.full", url),
                  Attr.of("server.address", "10.96.0.1"),
                  Attr.of("http.response.status_code", 200L),
                  Attr.of("user_agent.original", spec.client())),
              List.of(),
              ""));
    }
    try {
      sink.apiWrite(
          new ApiWrite(
              writeStart,
              now,
              "PATCH",
              url,
              spec.client().startsWith("kubectl/")
                  ? "kubernetes-admin"
                  : ApiWrite.serviceAccount(spec.service()),
              spec.client(),
              spanId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SpanLink link =
        v == Visibility.LINK || v == Visibility.BOTH
            ? new SpanLink(traceHigh, traceLow, spanId)
            : null;
    boolean specChange = spec.change() == Scenario.EditChange.SPEC;
    if (specChange) {
      controller.edited(obj);
    }
    Wake wake = Wake.event(Cause.EXTERNAL_EVENT, reason, link);
    engine.at(
        now + controller.operator.watchLatency().sample(random),
        () -> controller.watchEvent(obj, wake, specChange));
  }

  private void emit(SimSpan span) {
    try {
      sink.other(List.of(span));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
