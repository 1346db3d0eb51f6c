package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
      out.add(classified(s));
    }
    return out;
  }

  /** The object step's labels for one stream, as the controller step receives them. */
  private static StreamWork classified(Streams.Builder s) {
    StreamWork w = new StreamWork(s.times());
    w.evidence(EvidenceLabels.label(w.times, EvidenceIndex.NONE, P));
    Classifier.classify(w, P);
    return w;
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

  /**
   * 300 objects on a RequeueAfter behind one saturated worker: one continuous train in a fixed
   * order, each reconcile starting as the previous ends, every 250th one long (0.4 s).
   */
  private static List<StreamWork> saturatedTrain(int cycles, long seed) {
    return saturatedTrain(cycles, seed, false);
  }

  /** As above; with {@code shuffled} each pass takes the objects in a new random order. */
  private static List<StreamWork> saturatedTrain(int cycles, long seed, boolean shuffled) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int objects = 300;
    List<Streams.Builder> b = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      b.add(Streams.of(String.format("ns/o%02d", o)));
    }
    double t = 0;
    int i = 0;
    List<Integer> order = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      order.add(o);
    }
    for (int k = 0; k < cycles; k++) {
      if (shuffled && k > 0) {
        Collections.shuffle(order, new Random(rnd.nextLong()));
      }
      for (int o : order) {
        double d = ++i % 250 == 0 ? 0.4 : 0.04 + 0.04 * rnd.nextDouble();
        b.get(o).at(t, t + d);
        t += d + 0.0002;
      }
    }
    List<StreamWork> out = new ArrayList<>();
    for (Streams.Builder s : b) {
      out.add(classified(s));
    }
    return out;
  }

  @Test
  void lockStepTrainBehindASaturatedWorker_isNoResync_whereLongReconcilesSpaceItsStarts() {
    List<String> notes = new ArrayList<>();
    assertNull(ResyncStep.run(saturatedTrain(8, 5), P, notes));
    assertTrue(notes.isEmpty(), notes.toString());
  }

  @Test
  void trainWhoseGapsSitOnOneCycle_isRequeueBehindTheWorker_andAScatteredOneIsNot() {
    List<StreamWork> lockStep = saturatedTrain(8, 5);
    for (StreamWork w : lockStep) {
      w.timers.clear(); // as if no per-object spike had been found: the train alone decides
      java.util.Arrays.fill(w.label, null);
    }
    ResyncStep.run(lockStep, P, new ArrayList<>());
    for (StreamWork w : lockStep) {
      for (int j = 1; j < w.times.n; j++) {
        assertEquals(ResyncStep.TRAIN_BASIS, w.label[j].basis(), w.times.get(j).toString());
        assertEquals(Cause.REQUEUE, w.label[j].cause());
        assertEquals(Trigger.TIMER, w.label[j].trigger());
      }
    }
    // each pass in a new order: gaps anywhere between nothing and two passes, no one cycle
    List<StreamWork> scattered = saturatedTrain(8, 5, true);
    ResyncStep.run(scattered, P, new ArrayList<>());
    for (StreamWork w : scattered) {
      for (int j = 0; j < w.times.n; j++) {
        assertNotEquals(ResyncStep.TRAIN_BASIS, w.label[j].basis());
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
}
