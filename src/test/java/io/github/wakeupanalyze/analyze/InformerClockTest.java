package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Accuracy;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InformerClockTest {
  static Analysis analyze(String file) throws Exception {
    Accuracy.Simulated sim =
        Accuracy.simulate(ScenarioLoader.load(Path.of(file)), OutputFormat.OTLP_JSON);
    return DemoAnalysis.of(sim.trace(), AnalysisParameters.defaults()).analysis();
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
