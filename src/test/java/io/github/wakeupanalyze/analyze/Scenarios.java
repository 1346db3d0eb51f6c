package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The labelled scenarios of issue 5's accuracy suite, built from {@link Timelines} (one object per
 * stream, several streams per scenario), and a resync generator over many objects.
 */
final class Scenarios {
  private Scenarios() {}

  /** A scenario's reconciles (sorted by stream then start), their truth, and its evidence. */
  record Data(
      String name,
      boolean evidence,
      List<Reconcile> reconciles,
      List<Trigger> truth,
      List<Cause> cause,
      List<Double> period,
      TraceEvidence traceEvidence,
      boolean timerFree) {}

  /**
   * Several streams of one spec, one object each; with {@code visibleWrites} the writes as
   * evidence.
   */
  static Data streams(
      String name,
      boolean evidence,
      Timelines.Spec spec,
      int streams,
      long seed,
      boolean visibleWrites) {
    List<Timelines.Labelled> ls = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      ls.add(Timelines.generate(spec.object(String.format("ns/obj-%03d", i)), seed * 1000 + i));
    }
    return combine(name, evidence, ls, visibleWrites, spec.period() == 0);
  }

  static Data combine(
      String name,
      boolean evidence,
      List<Timelines.Labelled> ls,
      boolean visibleWrites,
      boolean timerFree) {
    List<Reconcile> rs = new ArrayList<>();
    List<Trigger> truth = new ArrayList<>();
    List<Cause> cause = new ArrayList<>();
    List<Double> period = new ArrayList<>();
    List<ObjectWrite> writes = new ArrayList<>();
    for (Timelines.Labelled l : ls) {
      rs.addAll(l.reconciles());
      for (int i = 0; i < l.truth().length; i++) {
        truth.add(l.truth()[i]);
        cause.add(l.cause()[i]);
        period.add(l.period()[i]);
      }
      if (visibleWrites) {
        String[] obj = l.reconciles().get(0).key().object().split("/");
        for (long t : l.writeTimes()) {
          writes.add(
              new ObjectWrite(
                  t,
                  t,
                  obj[0],
                  obj[1],
                  "widgets",
                  "PATCH",
                  "kubectl",
                  "kube-apiserver",
                  0,
                  1,
                  t,
                  false));
        }
      }
    }
    writes.sort(Comparator.comparingLong(ObjectWrite::timeNanos));
    return new Data(
        name, evidence, rs, truth, cause, period, new TraceEvidence(writes, List.of()), timerFree);
  }

  /**
   * SyncPeriod resync over {@code objects} objects: every {@code resync} seconds all objects are
   * re-enqueued and one worker reconciles them back to back (20 ms median); between resyncs each
   * object sees rare Poisson events (one per {@code eventMean} s).
   */
  static Data resync(int objects, double resync, double hours, double eventMean, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long origin = 1_700_000_000_000_000_000L;
    record R(int obj, double start, double end, Trigger t, Cause c, double p) {}
    List<R> all = new ArrayList<>();
    double span = hours * 3600;
    // the single worker's schedule: resync bursts and events, processed in arrival order
    List<double[]> arrivals = new ArrayList<>(); // time, obj, kind (0 event, 1 resync)
    for (int o = 0; o < objects; o++) {
      arrivals.add(new double[] {rnd.nextDouble() * 2, o, 2}); // start-up list
      double t = 0;
      while ((t += -Math.log(1 - rnd.nextDouble()) * eventMean) < span) {
        arrivals.add(new double[] {t, o, 0});
      }
    }
    double phase = resync * (0.9 + 0.2 * rnd.nextDouble());
    for (double t = phase; t < span; t += phase) {
      int[] order = new int[objects]; // client-go lists the store in map order: random
      for (int o = 0; o < objects; o++) {
        order[o] = o;
      }
      for (int o = objects - 1; o > 0; o--) {
        int k = rnd.nextInt(o + 1);
        int x = order[o];
        order[o] = order[k];
        order[k] = x;
      }
      for (int o = 0; o < objects; o++) {
        arrivals.add(new double[] {t + o * 1e-6, order[o], 1});
      }
    }
    arrivals.sort(Comparator.comparingDouble(a -> a[0]));
    double free = 0;
    for (double[] a : arrivals) {
      double start = Math.max(free, a[0]) + 0.0002;
      double d = 0.02 * Math.exp(0.5 * gauss(rnd));
      all.add(
          new R(
              (int) a[1],
              start,
              start + d,
              a[2] == 1 ? Trigger.TIMER : Trigger.EVENT,
              a[2] == 1 ? Cause.RESYNC : a[2] == 2 ? Cause.UNKNOWN : Cause.EXTERNAL_EVENT,
              a[2] == 1 ? phase : Double.NaN));
      free = start + d;
    }
    all.sort(Comparator.comparingInt(R::obj).thenComparingDouble(R::start));
    List<Reconcile> rs = new ArrayList<>();
    List<Trigger> truth = new ArrayList<>();
    List<Cause> cause = new ArrayList<>();
    List<Double> period = new ArrayList<>();
    long span_ = 1;
    Map<String, Integer> calls = new TreeMap<>(Map.of("GET", 1));
    for (R r : all) {
      StreamKey key = new StreamKey("op", "ctl", String.format("ns/obj-%03d", r.obj()));
      rs.add(
          new Reconcile(
              key,
              0,
              span_,
              span_++,
              origin + Math.round(r.start() * 1e9),
              origin + Math.round(r.end() * 1e9),
              false,
              null,
              new ApiCalls(new TreeMap<>(calls), List.of()),
              0));
      truth.add(r.t());
      cause.add(r.c());
      period.add(r.p());
    }
    return new Data(
        "SyncPeriod resync, " + objects + " objects",
        false,
        rs,
        truth,
        cause,
        period,
        TraceEvidence.NONE,
        false);
  }

  /**
   * The scenario as a head sampler at probability {@code p} would record it: each reconcile (its
   * own trace) kept independently; with {@code stated} the kept reconciles say so, as a W3C
   * tracestate {@code th} would. Writes of other clients are kept (their traces are not the
   * reconciles').
   */
  static Data thinned(Data d, double p, boolean stated, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Reconcile> rs = new ArrayList<>();
    List<Trigger> truth = new ArrayList<>();
    List<Cause> cause = new ArrayList<>();
    List<Double> period = new ArrayList<>();
    for (int i = 0; i < d.reconciles().size(); i++) {
      if (rnd.nextDouble() >= p) {
        continue;
      }
      Reconcile r = d.reconciles().get(i);
      rs.add(
          new Reconcile(
              r.key(),
              r.traceIdHigh(),
              r.traceIdLow(),
              r.spanId(),
              r.startNanos(),
              r.endNanos(),
              r.error(),
              r.reason(),
              r.calls(),
              r.source(),
              r.hint(),
              r.requeueAfterNanos(),
              stated ? p : Double.NaN));
      truth.add(d.truth().get(i));
      cause.add(d.cause().get(i));
      period.add(d.period().get(i));
    }
    return new Data(
        d.name() + String.format(java.util.Locale.ROOT, ", sampled %.2f", p),
        d.evidence(),
        rs,
        truth,
        cause,
        period,
        d.traceEvidence(),
        d.timerFree());
  }

  private static double gauss(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  static LongFunction<Data> named(
      String name, boolean evidence, Timelines.Spec spec, int streams, boolean visible) {
    return seed -> streams(name, evidence, spec, streams, seed, visible);
  }
}
