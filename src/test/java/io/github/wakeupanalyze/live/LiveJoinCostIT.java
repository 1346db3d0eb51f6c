package io.github.wakeupanalyze.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.log.LiveLog;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.Replay;
import io.github.wakeupanalyze.testing.SimulatedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What joining the operators' logs costs a pass at fleet scale: the Kafka tests' fleet (three
 * operators, 2,100 objects) for ten minutes, streamed through the engine in SDK batches with a pass
 * after each, once with the trace alone and once with the two controller-runtime operators' logs a
 * few seconds behind (after a warm-up replay) (the kube-rs operator's zap log would name its
 * objects otherwise). Prints the mean pass time of each (the bench's figure, not asserted); asserts
 * that the join counted every reconcile once.
 */
class LiveJoinCostIT {
  static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(5);
  static final long LOG_DELAY_NANOS = TimeUnit.SECONDS.toNanos(7);

  @TempDir Path dir;

  /** Mean pass time (ms), then the window's reconciles and those joined. */
  private static double[] replay(List<Span> spans, List<String> lines, List<Long> times) {
    LiveEngine e = new LiveEngine(LiveSettings.defaults(WINDOW_NANOS));
    LiveLog log = new LiveLog(0); // the replay sends lines in time order
    int l = 0;
    long passNanos = 0;
    int passes = 0;
    for (List<Span> b : Replay.batches(spans, Replay.SDK_BATCH)) {
      e.accept(b);
      long now = b.get(b.size() - 1).endNanos();
      int from = l;
      while (l < lines.size() && times.get(l) + LOG_DELAY_NANOS <= now) {
        l++;
      }
      if (l > from) {
        e.accept(log.accept(lines.subList(from, l)));
      }
      long t0 = System.nanoTime();
      e.analyze();
      passNanos += System.nanoTime() - t0;
      passes++;
    }
    e.accept(log.accept(lines.subList(l, lines.size())));
    e.accept(log.close());
    e.flush();
    LiveView v = e.analyze().view();
    return new double[] {
      passNanos / 1e6 / passes, v.analysis().reconciles().size(), v.counts().joinedReconciles()
    };
  }

  @Test
  void joiningTheLogs_costsAPassLittle_andCountsEachReconcileOnce() throws Exception {
    Scenario s =
        ScenarioLoader.load(Path.of("src/test/resources/kafka/fleet.yaml"))
            .withDuration(TimeUnit.MINUTES.toNanos(10));
    Path trace = SimulationRun.write(s, OutputFormat.OTLP_PROTO, dir, "trace").trace();
    Path logFile = SimulationRun.write(s, OutputFormat.LOG_ZAP_JSON, dir, "log").trace();
    List<Span> spans = Replay.spansByEnd(trace);
    List<String> lines = new ArrayList<>(Files.readAllLines(logFile));
    lines.removeIf(line -> line.startsWith("[pod/doc-operator"));
    List<Long> times = new ArrayList<>();
    for (String line : lines) {
      times.add(SimulatedLog.parse(line).nanos());
    }
    replay(spans, lines, times); // warm-up: the JIT compiles both paths before either is timed
    double[] alone = replay(spans, List.of(), List.of());
    double[] joined = replay(spans, lines, times);
    System.out.printf(
        Locale.ROOT,
        "live join cost: %d spans, %d log lines, %.0f reconciles in a 5 min window of 2,100"
            + " objects; mean pass %.1f ms with the trace alone, %.1f ms with the logs joined"
            + " (%.0f reconciles joined)%n",
        spans.size(),
        lines.size(),
        alone[1],
        alone[0],
        joined[0],
        joined[2]);
    assertEquals(alone[1], joined[1], "each reconcile once, with the log or without");
    assertTrue(joined[2] > joined[1] / 2, "the two logged operators' reconciles were joined");
  }
}
