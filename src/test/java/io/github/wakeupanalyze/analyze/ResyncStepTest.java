package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResyncStepTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  /** 20 objects, one worker: every 600 s all are reconciled back to back, in a random order. */
  private static List<StreamWork> bursts(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int objects = 20;
    List<List<double[]>> times = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      times.add(new ArrayList<>(List.of(new double[] {o * 0.5, o * 0.5 + 0.02})));
    }
    for (int k = 1; k <= count; k++) {
      double t = 100 + 600.0 * k;
      List<Integer> order = new ArrayList<>();
      for (int o = 0; o < objects; o++) {
        order.add(o);
      }
      for (int i = objects - 1; i > 0; i--) {
        java.util.Collections.swap(order, i, rnd.nextInt(i + 1));
      }
      for (int o : order) {
        times.get(o).add(new double[] {t, t + 0.02});
        t += 0.0202;
      }
    }
    List<StreamWork> out = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      Streams.Builder s = Streams.of(String.format("ns/o%02d", o));
      for (double[] r : times.get(o)) {
        s.at(r[0], r[1]);
      }
      StreamWork w = new StreamWork(s.times());
      w.evidence(EvidenceLabels.label(w.times, EvidenceIndex.NONE, P));
      Classifier.classify(w, P);
      out.add(w);
    }
    return out;
  }

  @Test
  void synchronizedBursts_areOneResyncTimer_withThePeriodBetweenBurstStarts() {
    List<StreamWork> streams = bursts(4, 1);
    List<String> notes = new ArrayList<>();
    TimerFinding r = ResyncStep.run(streams, P, notes);
    assertEquals(TimerSource.RESYNC, r.source());
    assertEquals(600.0, r.delaySeconds(), 1e-6);
    assertEquals(80, r.reconciles());
    assertEquals(Queue.NOT_APPLICABLE, r.queue());
    assertTrue(notes.isEmpty(), "four bursts give a period");
    for (StreamWork w : streams) {
      for (int j = 1; j < w.times.n; j++) {
        assertEquals(Cause.RESYNC, w.label[j].cause());
      }
    }
  }

  @Test
  void twoBursts_sayProbableResync_andTooFewObjects_nothing() {
    List<String> notes = new ArrayList<>();
    TimerFinding r = ResyncStep.run(bursts(2, 2), P, notes);
    assertEquals(2, r.activeRanges().size());
    assertTrue(notes.get(0).contains("probable informer resync"), notes.toString());
    assertNull(ResyncStep.run(bursts(3, 3).subList(0, 4), P, new ArrayList<>()));
  }

  /**
   * One worker over 20 objects for 1 h (durations lognormal, 20 ms median, σ 0.5). {@code resync}:
   * every 600 s the informer re-delivers every object in the same list order (as the simulator's
   * informer does), so each object's gap barely moves. Otherwise each object asks for a 30 s
   * RequeueAfter from its own end, and the objects stay in lock-step behind one another.
   */
  private static List<Reconcile> oneWorker(boolean resync, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int objects = 20;
    List<Streams.Builder> b = new ArrayList<>();
    double[] due = new double[objects];
    for (int o = 0; o < objects; o++) {
      b.add(Streams.of(String.format("ns/o%02d", o)));
      due[o] = 1 + o * 1e-6; // the start-up list
    }
    double free = 0;
    double nextResync = 600;
    while (true) {
      int next = 0;
      for (int o = 1; o < objects; o++) {
        next = due[o] < due[next] ? o : next;
      }
      if (due[next] > 3500) {
        break;
      }
      double start = Math.max(free, due[next]) + 0.0003;
      double end = start + 0.02 * Math.exp(0.5 * gauss(rnd));
      b.get(next).at(start, end);
      free = end;
      due[next] = resync ? Double.MAX_VALUE : end + 30;
      if (resync && due[next] == Double.MAX_VALUE && allIdle(due)) {
        for (int o = 0; o < objects; o++) {
          due[o] = nextResync + o * 1e-6;
        }
        nextResync += 600;
      }
    }
    List<Reconcile> out = new ArrayList<>();
    b.forEach(x -> out.addAll(x.build()));
    return out;
  }

  private static boolean allIdle(double[] due) {
    for (double d : due) {
      if (d != Double.MAX_VALUE) {
        return false;
      }
    }
    return true;
  }

  private static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private static Map<Cause, Integer> causes(Analysis a) {
    Map<Cause, Integer> c = new EnumMap<>(Cause.class);
    for (ClassifiedReconcile cr : a.reconciles()) {
      c.merge(cr.classification().cause(), 1, Integer::sum);
    }
    return c;
  }

  @Test
  void resyncInTheSameListOrder_withSharpPerObjectGaps_isOneResyncTimer() {
    Analysis a = new Analyzer(P).analyze(oneWorker(true, 5), new long[0], 0, 1);
    List<TimerFinding> timers = a.controllers().get(0).timers();
    assertEquals(1, timers.size(), timers.toString());
    assertEquals(TimerSource.RESYNC, timers.get(0).source());
    assertEquals(600.0, timers.get(0).delaySeconds(), 0.01);
    // 5 bursts of 20 objects; the start-up list is no resync
    assertEquals(Map.of(Cause.RESYNC, 100, Cause.UNKNOWN, 20), causes(a));
  }

  @Test
  void requeueTimersInLockStepThroughOneWorker_keepTheirRequeueLabel() {
    Analysis a = new Analyzer(P).analyze(oneWorker(false, 6), new long[0], 0, 1);
    List<TimerFinding> timers = a.controllers().get(0).timers();
    assertEquals(1, timers.size(), timers.toString());
    assertEquals(TimerSource.REQUEUE, timers.get(0).source());
    assertEquals(null, causes(a).get(Cause.RESYNC), causes(a).toString());
  }
}
