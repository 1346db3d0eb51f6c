package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Timelines.Queue;
import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's accuracy suite on labelled, seeded timelines from the test generators ({@link
 * Timelines}, {@link Scenarios}); prints the table of measured figures and asserts the targets.
 */
class AccuracyTest {
  private final Analyzer analyzer = new Analyzer(AnalysisParameters.defaults());

  /** Measured figures of one scenario. */
  record Figures(
      String name,
      boolean evidence,
      int reconciles,
      double macroF1,
      double falseTimers,
      double delayError,
      double causeAccuracy,
      int causeN,
      String timers) {}

  static Figures measure(Scenarios.Data d, Analysis a) {
    List<ClassifiedReconcile> cr = a.reconciles();
    assertEquals(d.reconciles().size(), cr.size());
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    int causeOk = 0;
    int causeN = 0;
    for (int i = 0; i < cr.size(); i++) {
      Reconcile r = cr.get(i).reconcile();
      assertEquals(d.reconciles().get(i), r, "order preserved");
      Classification c = cr.get(i).classification();
      boolean truthTimer = d.truth().get(i) == Trigger.TIMER;
      boolean predTimer = c.trigger() == Trigger.TIMER;
      if (i > 0 && d.reconciles().get(i - 1).key().equals(r.key())
          || d.truth().get(i) == Trigger.TIMER) {
        if (truthTimer && predTimer) tp++;
        else if (!truthTimer && predTimer) fp++;
        else if (truthTimer) fn++;
        else tn++;
      }
      Cause truthCause = d.cause().get(i);
      boolean hasEvidence = hasEvidence(d, i);
      if (hasEvidence) {
        causeN++;
        causeOk += c.cause() == truthCause ? 1 : 0;
      }
    }
    double f1t = tp == 0 ? (fn == 0 && fp == 0 ? 1 : 0) : 2.0 * tp / (2.0 * tp + fp + fn);
    double f1e = tn == 0 ? (fp == 0 && fn == 0 ? 1 : 0) : 2.0 * tn / (2.0 * tn + fp + fn);
    double macro = d.timerFree() ? f1e : (f1t + f1e) / 2;
    // delay error: each stream's requeue timers against the configured periods
    List<Double> errs = new ArrayList<>();
    StringBuilder timers = new StringBuilder();
    int falseTimerStreams = 0;
    for (StreamResult s : a.streams()) {
      for (TimerFinding t : s.timers()) {
        if (t.source() != TimerSource.REQUEUE) {
          continue;
        }
        if (d.timerFree()) {
          falseTimerStreams++;
        }
        double best = Double.NaN;
        for (Double p : d.period()) {
          if (p != null
              && !p.isNaN()
              && p > 0.05
              && (Double.isNaN(best)
                  || Math.abs(p - t.delaySeconds()) < Math.abs(best - t.delaySeconds()))) {
            best = p;
          }
        }
        if (!Double.isNaN(best)) {
          errs.add(Math.abs(t.delaySeconds() - best) / best);
        }
      }
    }
    for (ControllerResult c : a.controllers()) {
      for (TimerFinding t : c.timers()) {
        timers.append(
            String.format(
                Locale.ROOT,
                "%s %.3fs/%s ",
                t.source().label(),
                t.delaySeconds(),
                t.queue().label()));
      }
    }
    double[] e = errs.stream().mapToDouble(Double::doubleValue).toArray();
    double falseRate = d.timerFree() ? (double) falseTimerStreams / a.streams().size() : Double.NaN;
    return new Figures(
        d.name(),
        d.evidence(),
        cr.size(),
        macro,
        falseRate,
        e.length == 0 ? Double.NaN : Robust.median(e),
        causeN == 0 ? Double.NaN : (double) causeOk / causeN,
        causeN,
        timers.toString().trim());
  }

  /** Whether the trace carries evidence of the truth cause of reconcile i. */
  static boolean hasEvidence(Scenarios.Data d, int i) {
    Reconcile r = d.reconciles().get(i);
    boolean first = i == 0 || !d.reconciles().get(i - 1).key().equals(r.key());
    if (first) {
      return false;
    }
    Reconcile prev = d.reconciles().get(i - 1);
    Cause c = d.cause().get(i);
    if (r.reason() != null) {
      return c != Cause.SELF_WRITE || prev.calls().writes() > 0;
    }
    return switch (c) {
      case EXTERNAL_EVENT -> !d.traceEvidence().writes().isEmpty();
      case SELF_WRITE -> prev.calls().writes() > 0;
      case ERROR_RETRY -> prev.error();
      default -> false;
    };
  }

  static final List<Figures> TABLE = new ArrayList<>();

  Figures run(Scenarios.Data d) {
    Analysis a =
        analyzer.analyze(
            d.reconciles(),
            new long[0],
            d.traceEvidence(),
            d.reconciles().stream().mapToLong(Reconcile::startNanos).min().orElse(0),
            d.reconciles().stream().mapToLong(Reconcile::endNanos).max().orElse(0));
    Figures f = measure(d, a);
    TABLE.add(f);
    return f;
  }

  static String table(List<Figures> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-58s %-8s %7s %9s %9s %10s %9s  %s%n",
            "scenario",
            "evidence",
            "recs",
            "macroF1",
            "falseTmr",
            "delayErr",
            "causeAcc",
            "timers found (controller)"));
    for (Figures f : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-58s %-8s %7d %9.4f %9s %10s %9s  %s%n",
              f.name(),
              f.evidence() ? "yes" : "timing",
              f.reconciles(),
              f.macroF1(),
              Double.isNaN(f.falseTimers())
                  ? "-"
                  : String.format(Locale.ROOT, "%.4f", f.falseTimers()),
              Double.isNaN(f.delayError())
                  ? "-"
                  : String.format(Locale.ROOT, "%.5f", f.delayError()),
              Double.isNaN(f.causeAccuracy())
                  ? "-"
                  : String.format(Locale.ROOT, "%.3f(%d)", f.causeAccuracy(), f.causeN()),
              f.timers().length() > 70 ? f.timers().substring(0, 70) + "…" : f.timers()));
    }
    return sb.toString();
  }

  @Test
  void accuracySuite() {
    Timelines.Spec base = Timelines.spec();
    List<Figures> rows = new ArrayList<>();
    // Percona-like: RequeueAfter 5 s on every return, client-go queue, reconcile ~150 ms, rare
    // edits, self-writes
    Timelines.Spec percona =
        base.queue(Queue.EARLIEST).durations(0.15, 0.5).poisson(1 / 120.0).selfWrites(0.2, 0.01);
    rows.add(
        run(
            Scenarios.streams(
                "Percona-like 5s requeue, rare edits, self-writes (earliest)",
                true,
                percona,
                10,
                1,
                true)));
    rows.add(
        run(
            Scenarios.streams(
                "Percona-like 5s requeue, timing only",
                false,
                percona.selfWrites(0, 0.01),
                10,
                2,
                false)));
    // timer-free: Poisson and bursty, 200 streams each
    rows.add(
        run(
            Scenarios.streams(
                "Poisson timer-free, 200 streams",
                false,
                base.period(0).poisson(0.5),
                200,
                3,
                false)));
    rows.add(
        run(
            Scenarios.streams(
                "bursty timer-free, 200 streams",
                false,
                base.period(0).bursty(0.5),
                200,
                4,
                false)));
    // periodic external writer
    Timelines.Spec writer = base.period(0).periodicWriter(7, 0.002).durations(0.05, 0.6);
    rows.add(
        run(
            Scenarios.streams(
                "periodic external writer 7s, visible writes", true, writer, 10, 5, true)));
    rows.add(
        run(
            Scenarios.streams(
                "periodic external writer 7s, no visible writes", false, writer, 10, 6, false)));
    // error backoff mixed with a healthy 30 s requeue
    Timelines.Spec errors = base.period(30).errors(0.15).poisson(1 / 200.0);
    rows.add(
        run(
            Scenarios.streams(
                "error backoff 5ms·2^k + 30s requeue, error status", true, errors, 10, 7, false)));
    // SyncPeriod resync over many objects
    rows.add(run(Scenarios.resync(200, 600, 1.0, 900, 8)));
    // kube-rs with and without object.reason (scheduler keeps the earliest request)
    Timelines.Spec kube = base.queue(Queue.EARLIEST).eventShare(0.5).jitter(0.0);
    rows.add(
        run(
            Scenarios.streams(
                "kube-rs 5s requeue, 50% events, object.reason",
                true, kube.kubeRs(true), 10, 9, false)));
    rows.add(
        run(
            Scenarios.streams(
                "kube-rs 5s requeue, 50% events, no object.reason", false, kube, 10, 10, false)));
    // two timers on one object, priority queue
    Timelines.Spec two = base.twoTimers(60, 600).n(600).poisson(1 / 100.0);
    rows.add(
        run(
            Scenarios.streams(
                "two timers 5s (not ready) / 60s (ready), priority queue",
                false,
                two,
                10,
                11,
                false)));
    // heavy drift
    Timelines.Spec drift = base.period(2).durations(0.27, 0.6).eventShare(0.2);
    rows.add(
        run(
            Scenarios.streams(
                "heavy drift 2s requeue, reconciles 50ms-1.5s", false, drift, 10, 12, false)));
    // self-trigger loops
    Timelines.Spec loops = base.period(10).selfWrites(0.7, 0.005).poisson(1 / 60.0);
    rows.add(
        run(Scenarios.streams("self-trigger loops + 10s requeue", true, loops, 10, 13, false)));
    // event storms with a 15 s requeue
    Timelines.Spec storms = base.period(15).bursty(0.1);
    rows.add(run(Scenarios.streams("event storms + 15s requeue", false, storms, 10, 14, false)));
    // the reference grid of the targets in the research behind the method (reset queue, 300
    // reconciles)
    rows.add(
        run(
            Scenarios.streams(
                "reset 5s, J=0, 50% events", false, base.eventShare(0.5), 20, 15, false)));
    rows.add(
        run(
            Scenarios.streams(
                "reset 5s, J=5%, 50% events",
                false, base.jitter(0.05).eventShare(0.5), 20, 16, false)));
    rows.add(
        run(
            Scenarios.streams(
                "earliest 5s, J=0, 90% events",
                false, base.queue(Queue.EARLIEST).eventShare(0.9), 20, 17, false)));
    System.out.println(
        "\nAccuracy on labelled simulated timelines (test generators):\n" + table(rows));

    for (Figures f : rows) {
      if (!Double.isNaN(f.falseTimers())) {
        assertEquals(0.0, f.falseTimers(), f.name() + ": timers reported on timer-free streams");
      }
    }
    for (Figures f : rows.subList(0, rows.size())) {
      double target = f.evidence() ? 0.99 : 0.95;
      if (f.name().startsWith("periodic external writer 7s, no visible")) {
        continue; // timing alone cannot tell; reported, not asserted (see method.md)
      }
      assertTrue(f.macroF1() >= target, f.name() + ": macro-F1 " + f.macroF1() + " < " + target);
      if (!Double.isNaN(f.delayError())) {
        assertTrue(f.delayError() <= 0.01, f.name() + ": delay error " + f.delayError());
      }
      if (f.evidence() && !Double.isNaN(f.causeAccuracy())) {
        assertTrue(f.causeAccuracy() >= 0.95, f.name() + ": cause accuracy " + f.causeAccuracy());
      }
    }
  }
}
