package io.github.wakeupanalyze.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Timers counted from the end of a reconcile's trailing status write (the Java Operator SDK arms
 * {@code rescheduleAfter} after its own status patch), where that write explains the gaps better.
 */
class ProcessingEndsTest {
  private static final long ORIGIN = Streams.ORIGIN;
  private static final StreamKey KEY = new StreamKey("webpage-operator", "ctl", "web/home");
  private static final AnalysisParameters P = AnalysisParameters.defaults();

  private static Reconcile reconcile(int i, double start, double end) {
    return new Reconcile(
        KEY,
        0,
        i + 1L,
        i + 1L,
        ORIGIN + Math.round(start * 1e9),
        ORIGIN + Math.round(end * 1e9),
        false,
        null,
        new ApiCalls(new TreeMap<>(Map.of("GET", 1)), List.of()),
        0);
  }

  private static ObjectWrite write(double start, double end, String service, String name) {
    long s = ORIGIN + Math.round(start * 1e9);
    return new ObjectWrite(
        s,
        ORIGIN + Math.round(end * 1e9),
        "web",
        name,
        "webpages",
        "PATCH",
        service,
        service,
        0,
        s,
        s,
        false);
  }

  private static EvidenceIndex index(List<ObjectWrite> writes) {
    return new EvidenceIndex(new TraceEvidence(writes, List.of()), new long[0]);
  }

  @Test
  void processingEnd_isTheEndOfTheOperatorsOwnWriteRightAfterTheReconcile() {
    List<Reconcile> rs =
        List.of(reconcile(0, 0, 0.025), reconcile(1, 2.05, 2.07), reconcile(2, 4.1, 4.12));
    EvidenceIndex ev =
        index(
            List.of(
                write(0.0252, 0.0452, "webpage-operator", "home"), // trailing: counts
                write(2.0702, 2.0720, "web-ui", "home"), // another client's: not the framework's
                write(2.0702, 2.0710, "webpage-operator", "docs"), // another object
                write(2.30, 2.31, "webpage-operator", "home"), // 230 ms late: not trailing
                write(4.1202, 4.1250, "webpage-operator", "home")));
    long[] ends = ProcessingEnds.of(rs, ev);
    assertArrayEquals(
        new long[] {
          ORIGIN + 45_200_000L, ORIGIN + 2_070_000_000L, ORIGIN + 4_125_000_000L,
        },
        ends);
  }

  @Test
  void aWriteThatEndsAfterTheNextStart_isNotTrailing_andNoWritesGiveNoEnds() {
    List<Reconcile> rs = List.of(reconcile(0, 0, 0.025), reconcile(1, 0.030, 0.05));
    assertNull(
        ProcessingEnds.of(rs, index(List.of(write(0.0252, 0.040, "webpage-operator", "home")))));
    assertNull(ProcessingEnds.of(rs, EvidenceIndex.NONE));
  }

  /** A simulated object: its reconciles, the operator's status patches, and the truth. */
  private record Sim(List<Reconcile> reconciles, List<ObjectWrite> writes, List<Trigger> truth) {}

  /**
   * One object of a Java Operator SDK controller over 2 h: each reconcile (25 ms median) is
   * followed by the framework's status patch (lognormal, 3 ms median, σ 0.6: about 1 in 300 is
   * slower than 15 ms), and the 2 s timer is armed at the patch's end ({@code fromPatchEnd}) or at
   * the reconcile's end; external edits arrive as a Poisson stream (one a minute) and run the
   * object 3 ms later.
   */
  private static Sim simulate(long seed, boolean fromPatchEnd) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Reconcile> rs = new ArrayList<>();
    List<ObjectWrite> writes = new ArrayList<>();
    List<Trigger> truth = new ArrayList<>();
    double start = 1;
    Trigger why = Trigger.EVENT;
    double nextEdit = 1 + exp(rnd, 60);
    while (start < 7200) {
      double end = start + 0.025 * Math.exp(0.4 * gauss(rnd));
      double patchStart = end + 0.0002;
      double patch = 0.003 * Math.exp(0.6 * gauss(rnd));
      double done = patchStart + patch;
      rs.add(reconcile(rs.size(), start, end));
      truth.add(why);
      writes.add(write(patchStart, done, "webpage-operator", "home"));
      double fire = (fromPatchEnd ? done : end) + 2.0 + 0.001 * rnd.nextDouble();
      while (nextEdit <= done) {
        nextEdit += exp(rnd, 60);
      }
      if (nextEdit + 0.003 < fire) {
        start = nextEdit + 0.003;
        why = Trigger.EVENT;
        nextEdit += exp(rnd, 60);
      } else {
        start = fire;
        why = Trigger.TIMER;
      }
    }
    return new Sim(rs, writes, truth);
  }

  private static double exp(SplittableRandom rnd, double mean) {
    return -mean * Math.log(1 - rnd.nextDouble());
  }

  private static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  /** Timer reconciles read as events, and event reconciles read as timers. */
  private static int[] errors(Sim sim, EvidenceIndex ev) {
    Engine engine = new Engine(P);
    List<List<Reconcile>> streams = List.of(sim.reconciles());
    ObjectAnalysis a = engine.object(sim.reconciles(), ev, engine.context(streams, ev));
    List<ClassifiedReconcile> out = a.reconciles();
    int[] wrong = new int[2];
    for (int j = 1; j < out.size(); j++) {
      boolean timer = out.get(j).classification().trigger() == Trigger.TIMER;
      wrong[0] += sim.truth().get(j) == Trigger.TIMER && !timer ? 1 : 0;
      wrong[1] += sim.truth().get(j) == Trigger.EVENT && timer ? 1 : 0;
    }
    return wrong;
  }

  @Test
  void timerArmedAfterTheStatusPatch_isMeasuredFromThePatchEnd_andEveryFireIsFound() {
    Sim sim = simulate(11, true);
    EvidenceIndex ev = index(sim.writes());
    long[] ends = ProcessingEnds.of(sim.reconciles(), ev);
    assertTrue(
        ProcessingEnds.explainBetter(
            List.of(sim.reconciles()), List.of(ends), ORIGIN, Analyzer.scanConfig(P)));
    assertTrue(new Engine(P).context(List.of(sim.reconciles()), ev).afterTrailingWrites());
    int[] wrong = errors(sim, ev);
    assertEquals(0, wrong[0], "fires after a slow patch read as events");
    // an edit that lands in the 1 ms support by chance (λ·width ≈ 2·10⁻⁵ per second of exposure)
    assertTrue(wrong[1] <= 1, "events read as timers: " + wrong[1]);
    // counted from the reconciles' ends, the fires after the slowest patches fall outside the spike
    assertTrue(errors(sim, EvidenceIndex.NONE)[0] > 0, "without the patches");
  }

  @Test
  void timerArmedAtTheReconcileEnd_keepsTheSpanEnds_evenWithTrailingWrites() {
    Sim sim = simulate(12, false);
    EvidenceIndex ev = index(sim.writes());
    long[] ends = ProcessingEnds.of(sim.reconciles(), ev);
    assertFalse(
        ProcessingEnds.explainBetter(
            List.of(sim.reconciles()), List.of(ends), ORIGIN, Analyzer.scanConfig(P)));
    assertFalse(new Engine(P).context(List.of(sim.reconciles()), ev).afterTrailingWrites());
    int[] wrong = errors(sim, ev);
    assertEquals(0, wrong[0], "timer fires read as events");
    assertTrue(wrong[1] <= 1, "events read as timers: " + wrong[1]);
  }
}
