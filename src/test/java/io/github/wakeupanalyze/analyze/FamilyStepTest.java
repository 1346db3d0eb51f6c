package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A controller's objects are one family of timer tests: many timer-free objects do not add up to
 * false timers, one object alone is judged as before, and a timer one object truly has stays.
 */
class FamilyStepTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();
  private static final double ALPHA = P.significance();

  @Test
  void threshold_rejectsTheFourSmallestOfBenjaminiAndHochbergsFifteen() {
    // the worked example of Benjamini and Hochberg (1995), section 4: at q = 0.05 the step-up rule
    // rejects the four smallest (Bonferroni's 0.05/15 only three)
    double[] p = {
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
      0.5719, 0.6528, 0.7590, 1.000
    };
    double t = FamilyStep.threshold(p, p.length, 0.05);
    assertEquals(4 * 0.05 / 15, t, 1e-15);
    assertEquals(4, Arrays.stream(p).filter(x -> x <= t).count());
  }

  @Test
  void threshold_ofOneObject_isItsOwnLevel_andNonePassesWithoutASpike() {
    assertEquals(ALPHA, FamilyStep.threshold(new double[] {ALPHA}, 1, ALPHA));
    assertEquals(ALPHA, FamilyStep.threshold(new double[] {1e-9}, 1, ALPHA));
    assertEquals(0, FamilyStep.threshold(new double[0], 800, ALPHA));
  }

  @Test
  void threshold_ignoresOrder_andNeverFallsWhenAnotherObjectShowsASpike() {
    Random rnd = new Random(20261204);
    for (int trial = 0; trial < 500; trial++) {
      int m = 1 + rnd.nextInt(200);
      int n = rnd.nextInt(m);
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = ALPHA * Math.pow(rnd.nextDouble(), 1 + rnd.nextInt(4));
      }
      double t = FamilyStep.threshold(p, m, ALPHA);
      double[] reversed = new double[n];
      for (int i = 0; i < n; i++) {
        reversed[i] = p[n - 1 - i];
      }
      assertEquals(t, FamilyStep.threshold(reversed, m, ALPHA), "order, trial " + trial);
      double[] more = Arrays.copyOf(p, n + 1);
      more[n] = ALPHA * rnd.nextDouble();
      assertTrue(FamilyStep.threshold(more, m, ALPHA) >= t, "another spike, trial " + trial);
      assertTrue(t <= ALPHA && (t == 0 || t >= ALPHA / m), "between α/m and α: " + t);
    }
  }

  /** Objects edited at random (Poisson, mean 10 s), 30 reconciles of 50 ms each. */
  private static List<List<Reconcile>> poissonObjects(int objects, long seed) {
    Random rnd = new Random(seed);
    List<List<Reconcile>> out = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      Streams.Builder b = Streams.of("ns/o-" + o);
      double s = 10 * rnd.nextDouble();
      for (int i = 0; i < 30; i++) {
        b.at(s, s + 0.05);
        s += 0.05 + -10 * Math.log(1 - rnd.nextDouble());
      }
      out.add(b.build());
    }
    return out;
  }

  private static int timers(Engine.ControllerOutcome o) {
    return o.streams().stream().mapToInt(s -> s.timers().size()).sum();
  }

  @Test
  void objectsBehindASaturatedWorker_showNoTimer_whereEachAloneSometimesShowsOne()
      throws Exception {
    // 800 objects edited at random through one busy worker: each object's gaps are its turns in
    // the queue, whose hazard rises with the gap, and each object's own test, at level α, sometimes
    // reads a pile-up of its eight or so gaps as a timer
    Analysis a = InformerClockTest.analyze("src/test/resources/scenarios/saturated-edits.yaml");
    Map<String, List<Reconcile>> byObject = new TreeMap<>();
    for (ClassifiedReconcile cr : a.reconciles()) {
      byObject
          .computeIfAbsent(cr.reconcile().key().object(), k -> new ArrayList<>())
          .add(cr.reconcile());
    }
    Engine engine = new Engine(P);
    int alone = 0;
    for (List<Reconcile> rs : byObject.values()) {
      alone += timers(engine.analyzeController(List.of(rs), EvidenceIndex.NONE));
    }
    List<List<Reconcile>> objects = new ArrayList<>(byObject.values());
    Engine.ControllerOutcome together = engine.analyzeController(objects, EvidenceIndex.NONE);
    System.out.printf(
        "%d objects behind a saturated worker: %d timers when each is analysed alone, %d as one"
            + " controller's%n",
        objects.size(), alone, timers(together));
    assertTrue(alone > 0, "each alone is tested at its own level α, so false alarms show");
    assertEquals(0, timers(together), "as one family: " + together.controller().timers());
    assertEquals(0, together.controller().timerDriven());
  }

  @Test
  void aTimerOneObjectHas_amongManyTimerFreeOnes_isKept_asWhenAlone() {
    List<List<Reconcile>> objects = new ArrayList<>(poissonObjects(800, 11));
    Streams.Builder own = Streams.of("ns/requeueing");
    own.at(3, 3.08);
    own.every(7.3, 0.08, 14);
    objects.add(own.build());
    Engine engine = new Engine(P);
    Engine.ControllerOutcome alone =
        engine.analyzeController(List.of(own.build()), EvidenceIndex.NONE);
    Engine.ControllerOutcome together = engine.analyzeController(objects, EvidenceIndex.NONE);
    StreamResult inFamily =
        together.streams().stream()
            .filter(s -> s.key().object().equals("ns/requeueing"))
            .findFirst()
            .orElseThrow();
    assertEquals(alone.streams().get(0).timers().size(), inFamily.timers().size());
    assertEquals(1, inFamily.timers().size(), "the 7.3 s timer: " + inFamily.timers());
    assertEquals(7.3, inFamily.timers().get(0).delaySeconds(), 0.01);
    long timed =
        together.reconciles().stream()
            .filter(c -> c.reconcile().key().object().equals("ns/requeueing"))
            .filter(c -> c.classification().trigger() == Trigger.TIMER)
            .count();
    assertEquals(14, timed);
  }
}
