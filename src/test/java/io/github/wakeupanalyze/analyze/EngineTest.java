package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.TraceEvidence;
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
}
