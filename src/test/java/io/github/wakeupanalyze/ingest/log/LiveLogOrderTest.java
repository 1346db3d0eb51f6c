package io.github.wakeupanalyze.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.ingest.core.KubeletTime;
import io.github.wakeupanalyze.model.Span;
import io.github.wakeupanalyze.simulate.Scenario;
import io.github.wakeupanalyze.simulate.ScenarioLoader;
import io.github.wakeupanalyze.simulate.run.SimulationRun;
import io.github.wakeupanalyze.simulate.write.OutputFormat;
import io.github.wakeupanalyze.testing.SimulatedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live log's batches may come out of time order (a Collector's parallel senders, a retried
 * export): within the hold, the reconciles are those of the lines in order; later than the hold, a
 * line is counted late and still read.
 */
class LiveLogOrderTest {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  static final long HOLD = 10 * SECOND;

  @TempDir static Path dir;

  /**
   * A Percona-like operator's log, as serve reads a Collector's records: blocks of five seconds of
   * log, each cut into batches of one second.
   */
  static List<List<List<String>>> blocks;

  static List<String> inOrder;

  /** The log as the simulator wrote it ({@code kubectl logs --prefix}, zap's own times). */
  static List<String> raw;

  @BeforeAll
  static void simulate() throws Exception {
    Scenario s =
        ScenarioLoader.load(SimulatedLog.PERCONA_SAMPLED_10)
            .withDuration(TimeUnit.MINUTES.toNanos(3));
    Path log = SimulationRun.write(s, OutputFormat.LOG_ZAP_JSON, dir, "log").trace();
    blocks = new ArrayList<>();
    inOrder = new ArrayList<>();
    raw = Files.readAllLines(log);
    long block = Long.MIN_VALUE;
    long batch = Long.MIN_VALUE;
    for (String line : Files.readAllLines(log)) {
      long t = SimulatedLog.parse(line).nanos();
      if (t / (5 * SECOND) != block) {
        block = t / (5 * SECOND);
        blocks.add(new ArrayList<>());
      }
      List<List<String>> batches = blocks.get(blocks.size() - 1);
      if (t / SECOND != batch) {
        batch = t / SECOND;
        batches.add(new ArrayList<>());
      }
      String served = SimulatedLog.served(line);
      batches.get(batches.size() - 1).add(served);
      inOrder.add(served);
    }
  }

  private static List<List<String>> batches(List<List<List<String>>> blocks) {
    return blocks.stream().flatMap(List::stream).toList();
  }

  /** What a reconcile span says, without the id its place in the reading gave it. */
  private static List<String> reconciles(List<Span> spans) {
    return spans.stream()
        .sorted(Comparator.comparingLong(Span::startNanos).thenComparing(Span::service))
        .map(
            x ->
                x.service()
                    + " "
                    + x.name()
                    + " "
                    + x.startNanos()
                    + "-"
                    + x.endNanos()
                    + " "
                    + x.error()
                    + " "
                    + new java.util.TreeMap<>(x.attributes()))
        .toList();
  }

  private static List<Span> read(LiveLog log, List<List<String>> delivered) {
    List<Span> out = new ArrayList<>();
    for (List<String> b : delivered) {
      out.addAll(log.accept(b));
    }
    out.addAll(log.close());
    return out;
  }

  @Test
  void batchesOutOfOrderWithinTheHold_giveTheReconcilesOfTheLinesInOrder() {
    List<String> expected = reconciles(read(new LiveLog(0), List.of(inOrder)));
    assertTrue(expected.size() > 50, "the log has reconciles: " + expected.size());
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      List<List<String>> delivered = new ArrayList<>();
      for (List<List<String>> b : blocks) {
        List<List<String>> shuffled = new ArrayList<>(b);
        Collections.shuffle(shuffled, random); // a line comes at most five seconds late
        delivered.addAll(shuffled);
      }
      LiveLog log = new LiveLog(HOLD);
      assertEquals(expected, reconciles(read(log, delivered)), "seed " + seed);
      assertEquals(0, log.lateLines(), "seed " + seed);
      assertEquals(inOrder.size(), log.lines(), "seed " + seed);
    }
  }

  @Test
  void blocksSwappedInPairs_splitReconcilesWithoutAHold_andNotWithOne() {
    List<List<List<String>>> swapped = new ArrayList<>(blocks);
    for (int i = 0; i + 1 < swapped.size(); i += 2) {
      Collections.swap(swapped, i, i + 1); // a line comes at most ten seconds late
    }
    List<String> expected = reconciles(read(new LiveLog(0), List.of(inOrder)));
    LiveLog unheld = new LiveLog(0);
    assertNotEquals(expected, reconciles(read(unheld, batches(swapped))), "what the hold is for");
    assertTrue(unheld.lateLines() > 0, "lines read late: " + unheld.lateLines());
    LiveLog held = new LiveLog(HOLD);
    assertEquals(expected, reconciles(read(held, batches(swapped))));
    assertEquals(0, held.lateLines());
  }

  /**
   * {@code line} as a second operator's pod writes it on a node whose clock runs {@code aheadNanos}
   * ahead: another pod in the prefix, the kubelet's time that much later, its own controller and
   * reconcile ids.
   */
  private static String onAnotherNode(String line, long aheadNanos) {
    SimulatedLog.Line l = SimulatedLog.parse(line);
    return "[pod/other-operator-6d8f7b9c4-x2k9p/"
        + l.container()
        + "] "
        + KubeletTime.ofNanos(l.nanos() + aheadNanos)
        + " "
        + l.body()
            .replace("psmdb-controller", "other-controller")
            .replace("\"reconcileID\":\"", "\"reconcileID\":\"other-");
  }

  @Test
  void aPodWhoseNodeClockRunsAhead_holdsBackNoOtherPodsLines() {
    long ahead = TimeUnit.MINUTES.toNanos(1);
    List<String> other = raw.stream().map(l -> onAnotherNode(l, ahead)).toList();
    List<Span> expected = new ArrayList<>(read(new LiveLog(0), List.of(inOrder)));
    expected.addAll(read(new LiveLog(0), List.of(other)));
    Random random = new Random(3);
    List<List<String>> delivered = new ArrayList<>();
    int at = 0;
    for (List<List<String>> b : blocks) {
      List<List<String>> both = new ArrayList<>();
      for (List<String> batch : b) {
        // both pods' lines of the same moment in one request, as one Collector sends them
        List<String> request = new ArrayList<>(batch);
        request.addAll(other.subList(at, at + batch.size()));
        at += batch.size();
        both.add(request);
      }
      Collections.shuffle(both, random);
      delivered.addAll(both);
    }
    LiveLog log = new LiveLog(HOLD);
    assertEquals(reconciles(expected), reconciles(read(log, delivered)));
    assertEquals(0, log.lateLines(), "each pod is held by its own clock");
  }

  @Test
  void aPodThatGoesQuiet_hasItsLinesRead_onceTheRestOfTheLogMovedOnByAHold() {
    List<String> other = raw.stream().map(l -> onAnotherNode(l, 0)).toList();
    List<List<String>> batches = batches(blocks);
    int half = batches.size() / 2;
    List<String> otherFirstHalf = new ArrayList<>();
    LiveLog log = new LiveLog(HOLD);
    List<Span> before = new ArrayList<>(); // what the log gave without a pause or its end
    int at = 0;
    for (int i = 0; i < batches.size(); i++) {
      List<String> request = new ArrayList<>(batches.get(i));
      if (i < half) { // the other pod is deleted halfway
        List<String> mine = other.subList(at, at + batches.get(i).size());
        request.addAll(mine);
        otherFirstHalf.addAll(mine);
      }
      at += batches.get(i).size();
      before.addAll(log.accept(request));
    }
    LiveLog alone = new LiveLog(0);
    List<Span> ended = new ArrayList<>(alone.accept(otherFirstHalf));
    ended.addAll(alone.releaseEnded()); // every reconcile of it that ended
    long otherBefore = before.stream().filter(x -> x.service().startsWith("other")).count();
    assertTrue(ended.size() > 20, "the other pod's reconciles: " + ended.size());
    assertEquals(ended.size(), otherBefore, "each ended one, without waiting for a pause");
  }

  @Test
  void aBatchLaterThanTheHold_isCountedLate_andStillRead() {
    List<List<String>> delivered = new ArrayList<>(batches(blocks));
    int late = delivered.size() / 2;
    List<String> lateBatch = delivered.remove(late);
    delivered.add(late + 15, lateBatch); // at least fifteen seconds of log later
    LiveLog log = new LiveLog(HOLD);
    List<Span> spans = read(log, delivered);
    assertEquals(lateBatch.size(), log.lateLines());
    assertEquals(inOrder.size(), log.lines());
    assertTrue(spans.size() > 50, "the rest of the log still read: " + spans.size());
  }

  @Test
  void aPause_readsTheLinesHeld() {
    List<List<String>> first = batches(blocks.subList(0, 6)); // thirty seconds of log
    LiveLog log = new LiveLog(HOLD);
    List<Span> spans = new ArrayList<>();
    for (List<String> b : first) {
      spans.addAll(log.accept(b));
    }
    int beforePause = spans.size();
    spans.addAll(log.releaseEnded());
    assertTrue(spans.size() > beforePause, "the last ten seconds were held until the pause");
    spans.addAll(log.close()); // a reconcile still open at the pause ends at close
    List<String> expected =
        reconciles(read(new LiveLog(0), List.of(first.stream().flatMap(List::stream).toList())));
    assertEquals(expected, reconciles(spans));
  }
}
