package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.testing.KeptReconciles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public steps give what the batch analysis gives, in whatever order objects are run. */
class EngineTest {
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  private static List<List<Reconcile>> controller(long seed) {
    Scenarios.Data d =
        Scenarios.streams(
            "x",
            false,
            Timelines.spec().queue(Timelines.Queue.EARLIEST).eventShare(0.4).n(60),
            8,
            seed,
            false);
    return Analyzer.byController(d.reconciles()).get(0);
  }

  @Test
  void objectSteps_inAnyOrder_thenTheControllerStep_equalTheBatchAnalysis() {
    List<List<Reconcile>> streams = controller(3);
    List<Reconcile> all = new ArrayList<>();
    streams.forEach(all::addAll);
    Analysis batch = new Analyzer(P).analyze(all, new long[0], 0, 1);

    Engine engine = new Engine(P);
    ControllerContext ctx = engine.context(streams);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      order.add(i);
    }
    Collections.reverse(order);
    ObjectAnalysis[] objects = new ObjectAnalysis[streams.size()];
    for (int i : order) {
      objects[i] = engine.object(streams.get(i), EvidenceIndex.NONE, ctx);
    }
    Engine.ControllerOutcome o = engine.controller(List.of(objects));
    assertEquals(batch.reconciles(), o.reconciles());
    assertEquals(batch.streams(), o.streams());
    assertEquals(batch.controllers().get(0), o.controller());
  }

  @Test
  void anObjectAlone_isAControllerOfOneObject() {
    List<Reconcile> one = controller(4).get(0);
    Engine engine = new Engine(P);
    ObjectAnalysis alone =
        engine.object(
            one,
            new EvidenceIndex(TraceEvidence.NONE, new long[0]),
            ControllerContext.alone(one.get(0).startNanos()));
    Analysis batch = new Analyzer(P).analyze(one, new long[0], 0, 1);
    assertEquals(batch.reconciles(), alone.reconciles());
    assertEquals(batch.streams().get(0), alone.result());
  }

  /**
   * Four objects of one controller, each a quarter of an hour of a 5 s RequeueAfter with 40 ms
   * reconciles and an edit every 5 min, head-sampled at 10 %: about 18 kept reconciles per object,
   * one or two gaps on each object's first tooth, too few for a timer of its own. Pooled, the first
   * tooth holds about seven: the spike scan finds the timer on 7 of 30 controllers, the comb scan
   * on 24, that is on every one whose pooled first tooth holds the five gaps a spike needs.
   */
  @Test
  void aThinnedTimerSharedByObjects_isFoundByPoolingTheirTeeth() {
    int pooled = 0;
    int spikeScanAlone = 0;
    int eligible = 0;
    for (long seed = 0; seed < 30; seed++) {
      List<List<Reconcile>> streams = new ArrayList<>();
      List<Double> gaps = new ArrayList<>();
      for (int o = 0; o < 4; o++) {
        KeptReconciles k = KeptReconciles.simulate(900, 5, 300, 0.04, 0.1, seed * 4 + o);
        Streams.Builder b = Streams.of("ns/o" + o);
        for (int j = 0; j < k.start().length; j++) {
          b.at(k.start()[j], k.end()[j]);
        }
        for (double g : k.gaps()) {
          gaps.add(g);
        }
        streams.add(b.build());
      }
      ControllerContext ctx = new Engine(P).context(streams);
      boolean found = ctx.pooledDelays().stream().anyMatch(d -> Math.abs(d - 5) < 0.01);
      pooled += found ? 1 : 0;
      long firstTooth = gaps.stream().filter(g -> Math.abs(g - 5) < 0.01).count();
      if (firstTooth >= Analyzer.scanConfig(P).minCount()) {
        eligible++;
        assertTrue(found, "seed " + seed + ": " + firstTooth + " gaps on the first tooth");
      }
      double[] g = gaps.stream().mapToDouble(Double::doubleValue).toArray();
      spikeScanAlone +=
          HazardScan.scan(g, Analyzer.scanConfig(P)).stream()
                  .anyMatch(sp -> Math.abs(sp.delay() - 5) < 0.01)
              ? 1
              : 0;
    }
    System.out.println(
        "pooled 5 s timer: "
            + pooled
            + " of 30 controllers, "
            + spikeScanAlone
            + " by the spike scan alone, "
            + eligible
            + " with five gaps on the pooled first tooth");
    assertTrue(eligible >= 20, eligible + " of 30 with five gaps on the pooled first tooth");
    assertTrue(spikeScanAlone < pooled, spikeScanAlone + " by the spike scan alone");
  }
}
