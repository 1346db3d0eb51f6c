package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up runs the engine's real timer paths, the same way every run. */
class EngineWarmupTest {
  @Test
  void run_findsItsMadeUpTimer_soItWarmsTheTimerPaths() {
    // a warm-up that failed or found nothing would warm little, silently
    assertTrue(EngineWarmup.run(), "the 5 s timer of the made-up controller is found");
  }

  @Test
  void reconciles_areTheSameEveryRun_andSortedByObjectThenStart() {
    var a = EngineWarmup.reconciles();
    assertEquals(a, EngineWarmup.reconciles());
    assertEquals(EngineWarmup.OBJECTS * EngineWarmup.PER_OBJECT, a.size());
    for (int i = 1; i < a.size(); i++) {
      boolean sameObject = a.get(i).key().equals(a.get(i - 1).key());
      assertTrue(!sameObject || a.get(i).startNanos() > a.get(i - 1).endNanos());
    }
  }
}
