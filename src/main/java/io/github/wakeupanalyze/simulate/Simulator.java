package io.github.wakeupanalyze.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs a {@link Scenario} and streams its traces and labels into a {@link SimSink}.
 *
 * <p>Deterministic: every random choice comes from a {@link SplittableRandom} seeded with the
 * scenario seed and split in a fixed order (ids first, then each controller, then each edit
 * source), and the engine breaks ties by scheduling order. The same scenario and seed therefore
 * give the same spans, ids and labels. How the trace is recorded (sampling, span loss, clock
 * offsets: {@link ProductionSink}) draws from its own stream, so it never moves the timeline.
 *
 * <p>The clock starts at the scenario's start (default 2026-01-01T00:00:00Z) with every controller
 * started and every object listed; a reconcile is emitted when it ends, and only if it ends before
 * the scenario's duration is over.
 */
public final class Simulator {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long PRODUCTION_STREAM = 0x5DEECE66DL;

  private Simulator() {}

  /** Runs the scenario to its end. */
  public static void run(Scenario scenario, SimSink simulated) throws java.io.IOException {
    SimSink sink = simulated;
    if (!scenario.production().isNone()) {
      // its own stream from the seed: production settings never move the simulated timeline
      SplittableRandom loss = new SplittableRandom(scenario.seed() * GOLDEN + PRODUCTION_STREAM);
      sink = new ProductionSink(scenario.production(), loss, simulated);
    }
    Engine engine = new Engine(scenario.startEpochNanos());
    SplittableRandom root = new SplittableRandom(scenario.seed());
    IdSource ids = new IdSource(root.split());
    List<ControllerModel> controllers = new ArrayList<>();
    List<EditSource> edits = new ArrayList<>();
    for (Scenario.Operator op : scenario.operators()) {
      for (Scenario.Controller c : op.controllers()) {
        ControllerModel m =
            switch (op.framework()) {
              case KUBE_RS -> new KubeRsController(engine, op, c, root.split(), ids, sink);
              case CONTROLLER_RUNTIME ->
                  new ControllerRuntimeController(engine, op, c, root.split(), ids, sink);
              case JAVA_OPERATOR_SDK -> new JosdkController(engine, op, c, root.split(), ids, sink);
            };
        controllers.add(m);
        for (Scenario.Edits e : c.edits()) {
          edits.add(new EditSource(engine, e, m, root.split(), ids, sink));
        }
      }
    }
    for (ControllerModel m : controllers) {
      m.start();
    }
    for (EditSource e : edits) {
      e.start();
    }
    try {
      engine.runUntil(scenario.startEpochNanos() + scenario.durationNanos());
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
