package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.simulate.Label;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InformerClockTest {
  static final String TRAIN_BASIS = ResyncStep.TRAIN_BASIS;

  static Analysis analyze(String file) throws Exception {
    Accuracy.Simulated sim =
        Accuracy.simulate(ScenarioLoader.load(Path.of(file)), OutputFormat.OTLP_JSON);
    return DemoAnalysis.of(sim.trace(), AnalysisParameters.defaults()).analysis();
  }

  /** Reconciles of {@code controller} whose label {@code which} accepts. */
  static long count(
      Analysis a, String controller, java.util.function.Predicate<Classification> which) {
    return a.reconciles().stream()
        .filter(cr -> cr.reconcile().key().controller().equals(controller))
        .filter(cr -> which.test(cr.classification()))
        .count();
  }

  static long resyncVerdicts(Analysis a, String controller) {
    return a.reconciles().stream()
        .filter(cr -> cr.reconcile().key().controller().equals(controller))
        .filter(cr -> cr.classification().cause() == Cause.RESYNC)
        .count();
  }

  static boolean hasSource(Analysis a, String controller, TimerSource source) {
    return a.controllers().stream()
        .filter(c -> c.controller().equals(controller))
        .flatMap(c -> c.timers().stream())
        .anyMatch(f -> f.source() == source);
  }

  @Test
  void lockStepRequeueTimers_behindABusyWorker_stayRequeueAfter() throws Exception {
    // 700 objects on a 45 s RequeueAfter through one worker: a train of back-to-back reconciles
    // every period, each object's gap at least 45 s (the queue only delays)
    // (busy about half the time)
    Analysis a = analyze("src/test/resources/kafka/fleet.yaml");
    assertEquals(0, resyncVerdicts(a, "cache-controller"));
    assertFalse(hasSource(a, "cache-controller", TimerSource.RESYNC));
    assertTrue(hasSource(a, "cache-controller", TimerSource.REQUEUE));
  }

  @Test
  void lockStepRequeueTimers_behindASaturatedWorker_areNoResyncBursts() throws Exception {
    // 800 objects on a 30 s RequeueAfter, 60 ms each through one worker: 48 s of work per 30 s, so
    // the worker never idles and each object comes round every ~54 s (30 s + the queue wait)
    Analysis a = analyze("src/test/resources/kafka/fleet.yaml");
    assertEquals(0, resyncVerdicts(a, "db-controller"));
    assertFalse(hasSource(a, "db-controller", TimerSource.RESYNC));
    TimerFinding requeue =
        a.controllers().stream()
            .filter(c -> c.controller().equals("db-controller"))
            .flatMap(c -> c.timers().stream())
            .filter(f -> f.source() == TimerSource.REQUEUE)
            .findFirst()
            .orElseThrow();
    assertTrue(requeue.delaySeconds() >= 30 && requeue.delaySeconds() < 60, requeue.toString());
    assertTrue(requeue.objects() >= 400, requeue.toString());
  }

  @Test
  void requeueAfterBehindASaturatedWorker_isReadAsTheTimerItIs() throws Exception {
    // the same fleet: each object's RequeueAfter fires, then waits its turn behind the other 799;
    // the worker never idles and the gaps sit at the train's cycle (~55 s)
    Accuracy.Simulated sim =
        Accuracy.simulate(
            ScenarioLoader.load(Path.of("src/test/resources/kafka/fleet.yaml")),
            OutputFormat.OTLP_JSON);
    Analysis a = DemoAnalysis.of(sim.trace(), AnalysisParameters.defaults()).analysis();
    Map<String, Label> truth = sim.byId(false);
    int[][] fleet = new int[2][2]; // [truth][predicted], 0 event, 1 timer
    int[][] db = new int[2][2];
    int causeRight = 0;
    Set<String> seen = new HashSet<>();
    for (ClassifiedReconcile cr : a.reconciles()) {
      Label l = truth.get(cr.reconcile().traceIdHex() + cr.reconcile().spanIdHex());
      if (l == null || seen.add(cr.reconcile().key().toString())) {
        continue; // the first reconcile of each object (its start-up) is not scored
      }
      int t = l.truth() == Trigger.TIMER ? 1 : 0;
      int p = cr.classification().trigger() == Trigger.TIMER ? 1 : 0;
      fleet[t][p]++;
      if (cr.reconcile().key().controller().equals("db-controller")) {
        db[t][p]++;
      }
      causeRight += l.cause() == cr.classification().cause() ? 1 : 0;
    }
    int scored = fleet[0][0] + fleet[0][1] + fleet[1][0] + fleet[1][1];
    int dbScored = db[0][0] + db[0][1] + db[1][0] + db[1][1];
    long behind = count(a, "db-controller", c -> TRAIN_BASIS.equals(c.basis()));
    System.out.printf(
        Locale.ROOT,
        "saturated fleet: db-controller %d scored reconciles, %d timer (%d behind the worker),"
            + " %d resync, [[ee et] [te tt]] = [[%d %d] [%d %d]]; fleet macro-F1 %.4f, cause"
            + " accuracy %.4f (%d scored)%n",
        dbScored,
        db[0][1] + db[1][1],
        behind,
        resyncVerdicts(a, "db-controller"),
        db[0][0],
        db[0][1],
        db[1][0],
        db[1][1],
        Accuracy.macroF1(fleet),
        (double) causeRight / scored,
        scored);
    assertEquals(0, resyncVerdicts(a, "db-controller"));
    // cache-controller's starts queue behind its half-busy worker: not an external lattice
    assertTrue(Accuracy.macroF1(fleet) >= 0.90, "fleet macro-F1 " + Accuracy.macroF1(fleet));
    // cache-controller's starts queue behind its half-busy worker: not an external lattice
    assertTrue(Accuracy.macroF1(fleet) >= 0.90, "fleet macro-F1 " + Accuracy.macroF1(fleet));
    assertTrue(
        db[0][1] + db[1][1] >= 0.85 * dbScored,
        (db[0][1] + db[1][1]) + " of " + dbScored + " timer-driven");
    assertTrue(db[0][1] <= 0.2 * (db[0][0] + db[0][1]), "events read as timers: " + db[0][1]);
  }

  @Test
  void poissonEditsBehindASaturatedWorker_areNotReadAsATimer() throws Exception {
    // 800 objects edited every 20 s on average through one 60 ms worker: a train as continuous as
    // the fleet's, but each gap is an exponential wait plus a queue turn: no cycle to read
    Analysis a = analyze("src/test/resources/scenarios/saturated-edits.yaml");
    long all = count(a, "db-controller", c -> true);
    long behind = count(a, "db-controller", c -> TRAIN_BASIS.equals(c.basis()));
    long timer = count(a, "db-controller", c -> c.trigger() == Trigger.TIMER);
    System.out.printf(
        Locale.ROOT,
        "saturated edits: db-controller %d reconciles, %d timer, %d behind the worker%n",
        all,
        timer,
        behind);
    assertTrue(all > 3000, all + " reconciles: the worker is not saturated");
    assertEquals(0, behind);
  }

  @Test
  void resyncThroughOneWorker_isTheInformersTimer_notARequeueAfter() throws Exception {
    Analysis a = analyze("src/test/resources/scenarios/resync-one-worker.yaml");
    assertTrue(hasSource(a, "item-controller", TimerSource.RESYNC));
    assertFalse(hasSource(a, "item-controller", TimerSource.REQUEUE));
    assertTrue(resyncVerdicts(a, "item-controller") > 1000);
  }

  @Test
  void utilization_isTheControllersWorkOverItsSpan() {
    Streams.Builder s = Streams.of("ns/a");
    s.at(0, 1).at(3, 4);
    StreamWork w = new StreamWork(s.times());
    assertEquals(0.5, InformerClock.utilization(java.util.List.of(w)), 1e-9);
  }

  @Test
  void tailTest_readsSymmetricScatterAsTwoSided_andWaitsAboveAnEdgeAsOneSided() {
    SplittableRandom rnd = new SplittableRandom(3);
    double[] symmetric = new double[400];
    double[] waits = new double[400];
    double[] idle = new double[400];
    for (int i = 0; i < 400; i++) {
      double u = rnd.nextDouble();
      symmetric[i] =
          600 + 0.05 * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(6.283 * rnd.nextDouble());
      waits[i] = 45 + (rnd.nextDouble() < 0.3 ? 0 : -0.5 * Math.log(1 - rnd.nextDouble()));
      idle[i] = 5 + 0.0002 * rnd.nextDouble();
    }
    assertTrue(InformerClock.twoSided(symmetric));
    assertFalse(InformerClock.twoSided(waits));
    assertFalse(InformerClock.twoSided(idle));
    assertFalse(InformerClock.twoSided(new double[] {1, 2, 3}), "too few gaps");
  }
}
