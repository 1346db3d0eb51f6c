package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded generators of labelled reconcile timelines: a small discrete-event model of one object's
 * work queue (the two queue semantics of docs/method.md), its timers, error backoff, self-writes
 * and external events. Test-only; the product simulator is {@code wakeup-analyze simulate}.
 *
 * <p>Times are seconds from {@link Spec#origin}; every random draw comes from one {@link
 * SplittableRandom} seeded by the caller, so a (spec, seed) pair always gives the same timeline.
 */
public final class Timelines {
  private Timelines() {}

  /** reset = priority queue / JOSDK (an event consumes the pending timer); earliest = client-go. */
  public enum Queue {
    RESET,
    EARLIEST
  }

  /** How external events arrive. */
  public enum Events {
    POISSON,
    BURSTY,
    PERIODIC
  }

  /**
   * Everything a timeline depends on. Build with {@link #spec()} and the withers.
   *
   * @param period RequeueAfter in seconds, 0 for none
   * @param period2 second RequeueAfter used while "ready" (0 for none); the object alternates
   *     between not-ready (period) and ready (period2) phases of {@code phaseSeconds}
   * @param jitter relative uniform jitter of each RequeueAfter
   * @param eventRate external events per second (mean rate; bursty: bursts × mean size)
   */
  public record Spec(
      double period,
      double period2,
      double phaseSeconds,
      double jitter,
      Queue queue,
      Events events,
      double eventRate,
      double eventPeriod,
      double eventJitter,
      double durationMedian,
      double durationSigma,
      double errorProb,
      double writeProb,
      double watchLatency,
      double queueLatency,
      boolean kubeRsReason,
      int n,
      long origin,
      String object) {

    public Spec period(double v) {
      return with(
          v,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec twoTimers(double ready, double phase) {
      return with(
          period,
          ready,
          phase,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec jitter(double v) {
      return with(
          period,
          period2,
          phaseSeconds,
          v,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec queue(Queue v) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          v,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec poisson(double rate) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          Events.POISSON,
          rate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec bursty(double rate) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          Events.BURSTY,
          rate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec periodicWriter(double p, double j) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          Events.PERIODIC,
          1 / p,
          p,
          j,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec durations(double median, double sigma) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          median,
          sigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec errors(double p) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          p,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec selfWrites(double p, double latency) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          p,
          latency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }

    public Spec kubeRs(boolean v) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          v,
          n,
          origin,
          object);
    }

    public Spec n(int v) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          v,
          origin,
          object);
    }

    public Spec origin(long v) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          v,
          object);
    }

    public Spec object(String v) {
      return with(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          v);
    }

    /**
     * Poisson event rate that makes about {@code share} of reconciles event-driven (reset queue).
     */
    public Spec eventShare(double share) {
      return poisson(share <= 0 ? 0 : -Math.log(1 - share) / period);
    }

    /** Multiplies every time constant by {@code f} (scale-free property tests). */
    public Spec scaled(double f) {
      return with(
          period * f,
          period2 * f,
          phaseSeconds * f,
          jitter,
          queue,
          events,
          eventRate / f,
          eventPeriod * f,
          eventJitter,
          durationMedian * f,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency * f,
          queueLatency * f,
          kubeRsReason,
          n,
          origin,
          object);
    }

    private static Spec with(
        double period,
        double period2,
        double phaseSeconds,
        double jitter,
        Queue queue,
        Events events,
        double eventRate,
        double eventPeriod,
        double eventJitter,
        double durationMedian,
        double durationSigma,
        double errorProb,
        double writeProb,
        double watchLatency,
        double queueLatency,
        boolean kubeRsReason,
        int n,
        long origin,
        String object) {
      return new Spec(
          period,
          period2,
          phaseSeconds,
          jitter,
          queue,
          events,
          eventRate,
          eventPeriod,
          eventJitter,
          durationMedian,
          durationSigma,
          errorProb,
          writeProb,
          watchLatency,
          queueLatency,
          kubeRsReason,
          n,
          origin,
          object);
    }
  }

  /** RequeueAfter 5 s, reset queue, no events, durations median 20 ms, 300 reconciles. */
  public static Spec spec() {
    return new Spec(
        5,
        0,
        0,
        0,
        Queue.RESET,
        Events.POISSON,
        0,
        0,
        0,
        0.020,
        0.5,
        0,
        0,
        0.005,
        0.0002,
        false,
        300,
        1_700_000_000_000_000_000L,
        "ns/obj");
  }

  /**
   * A labelled timeline.
   *
   * @param writeTimes epoch-ns times of external writes to the object (what a trace with visible
   *     writes would show), sorted
   */
  public record Labelled(
      List<Reconcile> reconciles,
      Trigger[] truth,
      Cause[] cause,
      double[] period,
      long[] writeTimes) {
    public int timers() {
      int k = 0;
      for (Trigger t : truth) {
        k += t == Trigger.TIMER ? 1 : 0;
      }
      return k;
    }
  }

  /** The classic helper: RequeueAfter {@code period} ± jitter, Poisson events, reset queue. */
  public static Labelled requeueAfter(
      double period, double jitter, double eventShare, int n, long seed) {
    return generate(spec().period(period).jitter(jitter).n(n).eventShare(eventShare), seed);
  }

  /** Timer-free Poisson reconciles at {@code rate} per second. */
  public static Labelled poisson(double rate, int n, long seed) {
    return generate(spec().period(0).poisson(rate).n(n), seed);
  }

  /** Timer-free bursty reconciles: bursts of geometric size (mean 5), mean rate {@code rate}. */
  public static Labelled bursty(double rate, int n, long seed) {
    return generate(spec().period(0).bursty(rate).n(n), seed);
  }

  private static final Cause EXT = Cause.EXTERNAL_EVENT;

  /** Runs the queue model; see the class comment. */
  public static Labelled generate(Spec s, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Reconcile> out = new ArrayList<>();
    List<Trigger> truth = new ArrayList<>();
    List<Cause> causes = new ArrayList<>();
    List<Double> periods = new ArrayList<>();
    List<Long> writes = new ArrayList<>();
    StreamKey key = new StreamKey("op", "ctl", s.object());
    // external event arrivals, generated lazily
    double[] nextExt = {firstExternal(s, rnd)};
    double[] burstLeft = {0};
    double t = 0; // now
    double timer = Double.POSITIVE_INFINITY;
    Cause timerCause = Cause.REQUEUE;
    double timerPeriod = Double.NaN;
    double selfEvent = Double.POSITIVE_INFINITY;
    Cause dirty = null;
    double dirtyPeriod = Double.NaN;
    int failures = 0;
    long span = 1;
    Cause startCause = EXT;
    double startPeriod = Double.NaN;
    double start = nextExt[0];
    if (s.period() > 0 && !(start < s.period())) {
      start = 0;
      startCause = Cause.REQUEUE;
      startPeriod = s.period();
    } else if (s.period() > 0) {
      nextExt[0] = nextExternal(s, rnd, nextExt[0], burstLeft);
      writes.add(toNanos(s, start - s.watchLatency()));
    } else {
      nextExt[0] = nextExternal(s, rnd, nextExt[0], burstLeft);
      writes.add(toNanos(s, start - s.watchLatency()));
    }
    while (out.size() < s.n()) {
      double d = s.durationMedian() * Math.exp(s.durationSigma() * gauss(rnd));
      double end = start + d;
      boolean error = rnd.nextDouble() < s.errorProb();
      boolean wrote = !error && rnd.nextDouble() < s.writeProb();
      Map<String, Integer> calls = new TreeMap<>();
      calls.put("GET", 1);
      if (wrote) {
        calls.put("PATCH", 1);
      }
      String reason = null;
      if (s.kubeRsReason()) {
        reason =
            switch (startCause) {
              case REQUEUE -> "reconciler requested retry";
              case ERROR_RETRY -> "error policy requested retry";
              default -> "object updated";
            };
      }
      out.add(
          new Reconcile(
              key,
              0,
              span,
              span,
              toNanos(s, start),
              toNanos(s, end),
              error,
              reason,
              new ApiCalls(
                  new TreeMap<>(calls),
                  wrote ? List.of("/api/v1/namespaces/ns/x/obj/status") : List.of()),
              0));
      span++;
      truth.add(
          startCause == EXT || startCause == Cause.SELF_WRITE ? Trigger.EVENT : Trigger.TIMER);
      causes.add(startCause);
      periods.add(startPeriod);
      // events arriving while running make the key dirty (first cause wins)
      while (nextExt[0] <= end) {
        if (dirty == null) {
          dirty = EXT;
        }
        writes.add(toNanos(s, nextExt[0] - s.watchLatency()));
        nextExt[0] = nextExternal(s, rnd, nextExt[0], burstLeft);
        if (s.queue() == Queue.RESET) {
          timer = Double.POSITIVE_INFINITY;
        }
      }
      if (selfEvent <= end) {
        if (dirty == null) {
          dirty = Cause.SELF_WRITE;
        }
        selfEvent = Double.POSITIVE_INFINITY;
      }
      if (timer <= end) { // earliest queue: a fire during the reconcile makes it dirty
        if (dirty == null) {
          dirty = timerCause;
          dirtyPeriod = timerPeriod;
        }
        timer = Double.POSITIVE_INFINITY;
      }
      // what Reconcile returned
      double next;
      Cause nextCause;
      if (error) {
        double backoff = Math.min(0.005 * Math.pow(2, failures), 1000);
        failures++;
        next = end + backoff;
        nextCause = Cause.ERROR_RETRY;
      } else {
        failures = 0;
        double p = currentPeriod(s, end);
        next =
            p > 0
                ? end + p * (1 + s.jitter() * (2 * rnd.nextDouble() - 1))
                : Double.POSITIVE_INFINITY;
        nextCause = Cause.REQUEUE;
        if (p > 0) {
          timerPeriod = p;
        }
      }
      if (wrote) {
        selfEvent = end + s.watchLatency() * Math.exp(0.3 * gauss(rnd));
      }
      if (s.queue() == Queue.RESET || !(timer <= next)) {
        if (next < Double.POSITIVE_INFINITY || s.queue() == Queue.RESET) {
          timer = next;
          timerCause = nextCause;
          if (nextCause == Cause.ERROR_RETRY) {
            timerPeriod = next - end;
          }
        }
      }
      if (dirty != null) {
        start = end + s.queueLatency();
        startCause = dirty;
        startPeriod =
            dirty == Cause.REQUEUE || dirty == Cause.ERROR_RETRY ? dirtyPeriod : Double.NaN;
        dirty = null;
        if (s.queue() == Queue.RESET && (startCause == EXT || startCause == Cause.SELF_WRITE)) {
          timer = Double.POSITIVE_INFINITY; // the event consumed the pending timer
        }
        if (startCause == Cause.REQUEUE || startCause == Cause.ERROR_RETRY) {
          timer = s.queue() == Queue.RESET ? Double.POSITIVE_INFINITY : timer;
        }
        continue;
      }
      // idle: the first of external event, self event, timer
      double ext = nextExt[0];
      if (ext <= selfEvent && ext <= timer && ext < Double.POSITIVE_INFINITY) {
        start = ext + s.queueLatency();
        startCause = EXT;
        startPeriod = Double.NaN;
        writes.add(toNanos(s, ext - s.watchLatency()));
        nextExt[0] = nextExternal(s, rnd, ext, burstLeft);
        if (s.queue() == Queue.RESET) {
          timer = Double.POSITIVE_INFINITY;
        }
      } else if (selfEvent <= timer && selfEvent < Double.POSITIVE_INFINITY) {
        start = selfEvent + s.queueLatency();
        startCause = Cause.SELF_WRITE;
        startPeriod = Double.NaN;
        selfEvent = Double.POSITIVE_INFINITY;
        if (s.queue() == Queue.RESET) {
          timer = Double.POSITIVE_INFINITY;
        }
      } else if (timer < Double.POSITIVE_INFINITY) {
        start = timer + s.queueLatency();
        startCause = timerCause;
        startPeriod = timerCause == Cause.REQUEUE ? timerPeriod : timer - end;
        timer = Double.POSITIVE_INFINITY;
      } else {
        break; // nothing will ever happen again
      }
    }
    long[] w = writes.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(w);
    return new Labelled(
        out,
        truth.toArray(new Trigger[0]),
        causes.toArray(new Cause[0]),
        periods.stream().mapToDouble(Double::doubleValue).toArray(),
        w);
  }

  private static double currentPeriod(Spec s, double t) {
    if (s.period2() <= 0) {
      return s.period();
    }
    long phase = (long) Math.floor(t / s.phaseSeconds());
    return phase % 2 == 0 ? s.period() : s.period2();
  }

  private static double firstExternal(Spec s, SplittableRandom rnd) {
    if (s.eventRate() <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (s.events() == Events.PERIODIC) {
      return s.eventPeriod() * rnd.nextDouble();
    }
    return expo(rnd, s.events() == Events.BURSTY ? s.eventRate() / 5 : s.eventRate());
  }

  private static double nextExternal(Spec s, SplittableRandom rnd, double t, double[] burstLeft) {
    switch (s.events()) {
      case PERIODIC:
        return t + s.eventPeriod() * (1 + s.eventJitter() * (2 * rnd.nextDouble() - 1));
      case BURSTY:
        if (burstLeft[0] > 0) {
          burstLeft[0]--;
          return t
              + expo(
                  rnd,
                  1 / Math.max(1e-4, s.period() > 0 ? s.period() / 100 : 0.2 / s.eventRate() / 5));
        }
        // geometric burst size with mean 5
        int size = 1;
        while (rnd.nextDouble() < 0.8) {
          size++;
        }
        burstLeft[0] = size - 1;
        return t + expo(rnd, s.eventRate() / 5);
      default:
        return t + expo(rnd, s.eventRate());
    }
  }

  private static double expo(SplittableRandom rnd, double rate) {
    return -Math.log(1 - rnd.nextDouble()) / rate;
  }

  private static double gauss(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static long toNanos(Spec s, double seconds) {
    return s.origin() + Math.round(seconds * 1e9);
  }
}
