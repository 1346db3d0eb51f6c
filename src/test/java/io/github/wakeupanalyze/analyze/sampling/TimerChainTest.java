package io.github.wakeupanalyze.analyze.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimerChainTest {
  static final Comb COMB = new Comb(5.0, 0.0001, 0.15, 0.03, 0.0025);

  /**
   * Kept [start, end] of one object under a 5 s RequeueAfter (reconciles 150 ± 30 ms), external
   * events at the given mean interval, and each reconcile's own status write with probability w
   * followed by its watch event 3 ms after its end; one worker; every reconcile kept with
   * probability p. Under an earliest queue an event-driven reconcile leaves the pending deadline
   * alone; under a reset queue every reconcile re-arms it from its end.
   */
  static double[][] kept(
      boolean earliest, double p, double eventInterval, double w, int steps, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> kept = new ArrayList<>();
    double fire = 5;
    double external = exponential(rnd, eventInterval);
    double ownWrite = Double.NaN;
    double free = 0;
    for (int i = 0; i < steps; i++) {
      double event = Double.isNaN(ownWrite) ? external : Math.min(ownWrite, external);
      double start = Math.max(free, Math.min(fire, event));
      boolean timer = fire <= event;
      double end = start + Math.max(0.01, 0.15 + 0.03 * gauss(rnd));
      if (event <= start) { // the event is consumed (alone or merged with a due fire)
        if (event == external) {
          external = start + exponential(rnd, eventInterval);
        } else {
          ownWrite = Double.NaN;
        }
      }
      if (timer || fire <= start || !earliest) {
        fire = end + 5 + 0.0001 * rnd.nextDouble();
      }
      if (rnd.nextDouble() < w) {
        ownWrite = end + 0.003;
      }
      free = end;
      if (rnd.nextDouble() < p) {
        kept.add(new double[] {start, end});
      }
    }
    return kept.toArray(new double[0][]);
  }

  static double exponential(SplittableRandom rnd, double mean) {
    return -mean * Math.log(1 - rnd.nextDouble());
  }

  static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  static ThinningEstimate chain(double[][] kept, double shift, double scale) {
    int n = kept.length;
    double[] s = new double[n];
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = shift + scale * kept[i][0];
      e[i] = shift + scale * kept[i][1];
    }
    Comb comb = new Comb(5.0 * scale, 0.0001 * scale, 0.15 * scale, 0.03 * scale, 0.0025 * scale);
    return ThinningEstimate.ofChain(
        TimerChain.counts(s, e, new boolean[n], new boolean[n], n, comb));
  }

  @Test
  void earliestQueue_chainEstimate_coversTheKnownProbability_whereTheResetModelReadsLow() {
    for (double p : new double[] {0.5, 0.2, 0.1}) {
      int covered = 0;
      int resetCovered = 0;
      int seeds = 40;
      double[] est = new double[seeds];
      for (int seed = 0; seed < seeds; seed++) {
        double[][] k = kept(true, p, 60, 0.02, (int) (500 / p), seed);
        ThinningEstimate e = chain(k, 0, 1);
        covered += e.low() <= p && p <= e.high() ? 1 : 0;
        est[seed] = e.probability();
        ThinningEstimate r = ThinningEstimate.of(reset(k));
        resetCovered += r.low() <= p && p <= r.high() ? 1 : 0;
      }
      Arrays.sort(est);
      assertEquals(p, 0.5 * (est[19] + est[20]), 0.1 * p, "median p̂ at p=" + p);
      assertTrue(covered >= 36, "95 % interval covered p=" + p + " in " + covered + "/" + seeds);
      assertTrue(resetCovered < covered, "the reset model reads an earliest chain low");
    }
  }

  @Test
  void ownWriteEventsOfLostFires_biasTheChainUp_andTheCorrectionTakesThemOut() {
    // w = 0.2: the event of a lost fire's write lies in a wide tooth and counts as a link
    int covered = 0;
    double[] raw = new double[40];
    double[] corrected = new double[40];
    for (int seed = 0; seed < raw.length; seed++) {
      ThinningEstimate e = chain(kept(true, 0.1, 60, 0.2, 5000, seed), 0, 1);
      raw[seed] = e.probability();
      ThinningEstimate c = e.withoutOwnWrites(0.2, 0.003, COMB);
      corrected[seed] = c.probability();
      covered += c.low() <= 0.1 && 0.1 <= c.high() ? 1 : 0;
    }
    Arrays.sort(raw);
    Arrays.sort(corrected);
    assertTrue(raw[19] > 0.11, "raw median " + raw[19]);
    assertEquals(0.1, 0.5 * (corrected[19] + corrected[20]), 0.005);
    assertTrue(covered >= 34, "corrected interval covered 0.1 in " + covered + "/40");
  }

  @Test
  void ownWriteInTooth_isNoneAtTheSharpFirstTooth_andMostOnceTheToothIsWide() {
    Comb c = new Comb(5.0, 0, 0.15, 0.03, 0.0025);
    assertEquals(0, c.ownWriteInTooth(1, 0.003), 1e-6);
    assertEquals(0.67, c.ownWriteInTooth(5, 0.003), 0.01);
    assertTrue(c.ownWriteInTooth(20, 0.003) > 0.95);
    assertEquals(0.975, Comb.normalCdf(1.96), 1e-4);
    assertEquals(0.5, Comb.normalCdf(0), 1e-7);
  }

  @Test
  void resetQueue_chainOfACompleteStream_readsOne_andTheResetModelStaysItsEstimator() {
    ThinningEstimate complete = chain(kept(true, 1, 60, 0.1, 3000, 1), 0, 1);
    assertEquals(1.0, complete.probability(), 0.01);
    for (int seed = 0; seed < 5; seed++) {
      ThinningEstimate r = ThinningEstimate.of(reset(kept(false, 0.5, 20, 0, 2000, seed)));
      assertTrue(r.low() <= 0.5 && 0.5 <= r.high(), "reset queue, seed " + seed + ": " + r);
    }
  }

  @Test
  void chainEstimate_isInvariantUnderTimeShiftAndScale() {
    double[][] k = kept(true, 0.2, 60, 0.05, 3000, 7);
    ThinningEstimate base = chain(k, 0, 1);
    for (double[] shiftScale : new double[][] {{1.7e9, 1}, {0, 60}, {3600, 0.01}}) {
      ThinningEstimate moved = chain(k, shiftScale[0], shiftScale[1]);
      assertEquals(base.probability(), moved.probability(), 1e-9, Arrays.toString(shiftScale));
      assertEquals(base.low(), moved.low(), 1e-9);
      assertEquals(base.onComb(), moved.onComb(), 1e-9);
    }
  }

  @Test
  void chainCounts_skipDuplicates_andRestartAfterAnError() {
    // anchor 0..0.15; a duplicate; an event at 7; the timer at 15.45 (tooth 3); after an error at
    // 20 a new chain starts at 20.5 and 25.65 is its tooth 1
    double[] s = {0, 0, 7, 15.45, 20, 20.5, 25.65};
    double[] e = {0.15, 0.15, 7.15, 15.6, 20.15, 20.65, 25.8};
    boolean[] skip = {false, true, false, false, false, false, false};
    boolean[] restart = {false, false, false, false, false, true, false};
    CombCounts c = TimerChain.counts(s, e, skip, restart, s.length, COMB);
    assertEquals(1, c.on(3));
    assertEquals(1, c.on(1));
    assertEquals(4, c.total(), "the event, tooth 3, the error's lag and tooth 1");
  }

  @Test
  void aFireDelayedUnseen_reanchorsTheChain_whereTheGapFromItLiesOnANarrowerTooth() {
    // the fire due at 5.15 ran 50 ms late (a busy worker): off the comb from the anchor; the next
    // fire, one delay after its end, lies on tooth 1 from it but also in the wide tooth 2 from the
    // anchor: tooth 1 is counted
    double[] s = {0, 5.2, 10.35};
    double[] e = {0.15, 5.35, 10.5};
    CombCounts c = TimerChain.counts(s, e, new boolean[3], new boolean[3], 3, COMB);
    assertEquals(1, c.on(1));
    assertEquals(0, c.on(2));
  }

  /**
   * Six objects on 5 s RequeueAfter timers (earliest queue) and external events every 120 s on
   * average each, through one shared worker (reconciles 150 ± 30 ms): a fire due while another
   * object's reconcile runs waits for it. Every reconcile is kept with probability p; the chain is
   * counted per object with the worker's busy blocks as the kept reconciles of all objects show
   * them.
   */
  static ThinningEstimate sharedWorker(double p, int steps, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int objects = 6;
    double[] fire = new double[objects];
    double[] external = new double[objects];
    List<List<double[]>> kept = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      fire[o] = 5 + 0.83 * o;
      external[o] = exponential(rnd, 120);
      kept.add(new ArrayList<>());
    }
    List<double[]> blocks = new ArrayList<>();
    double free = 0;
    for (int i = 0; i < steps; i++) {
      int o = 0;
      for (int m = 1; m < objects; m++) {
        if (Math.min(fire[m], external[m]) < Math.min(fire[o], external[o])) {
          o = m;
        }
      }
      double start = Math.max(free, Math.min(fire[o], external[o]));
      double end = start + Math.max(0.01, 0.15 + 0.03 * gauss(rnd));
      if (external[o] <= start) {
        external[o] = start + exponential(rnd, 120);
      }
      if (fire[o] <= start) {
        fire[o] = end + 5 + 0.0001 * rnd.nextDouble();
      }
      free = end;
      if (rnd.nextDouble() < p) {
        kept.get(o).add(new double[] {start, end});
        double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        if (last != null && start <= last[1] + 0.01) {
          last[1] = Math.max(last[1], end);
        } else {
          blocks.add(new double[] {start, end});
        }
      }
    }
    TimerChain.Worker worker =
        (since, start) -> {
          for (double[] b : blocks) {
            if (b[0] <= since && start > b[0] && b[1] + 0.01 >= start) {
              return true;
            }
          }
          return false;
        };
    CombCounts c = new CombCounts(COMB);
    for (List<double[]> k : kept) {
      int n = k.size();
      double[] st = new double[n];
      double[] en = new double[n];
      for (int i = 0; i < n; i++) {
        st[i] = k.get(i)[0];
        en[i] = k.get(i)[1];
      }
      c = c.plus(TimerChain.counts(st, en, new boolean[n], new boolean[n], n, COMB, worker));
    }
    return ThinningEstimate.ofChain(c);
  }

  @Test
  void firesWaitingBehindAnotherObjectsReconcile_leaveACompleteTraceAtOne() {
    for (int seed = 0; seed < 5; seed++) {
      ThinningEstimate e = sharedWorker(1, 3000, seed);
      assertTrue(e.probability() >= 0.995, "complete trace, seed " + seed + ": " + e);
    }
  }

  @Test
  void firesWaitingBehindAnotherObjectsReconcile_keepTheIntervalCoveringPUnderThinning() {
    for (double p : new double[] {0.5, 0.2, 0.1}) {
      int covered = 0;
      for (int seed = 0; seed < 40; seed++) {
        ThinningEstimate e = sharedWorker(p, (int) (1500 / p), seed);
        covered += e.low() <= p && p <= e.high() ? 1 : 0;
      }
      assertTrue(covered >= 36, "95 % interval covered p=" + p + " in " + covered + "/40");
    }
  }

  @Test
  void aFireThatWaitedBehindTheWorker_countsOnItsTooth_andAnchorsTheChain() {
    // fires due at 5.15 and 10.32 both waited behind another object's reconcile (busy 5.0–5.166
    // and 10.2–10.259): each is a tooth-1 link, though 10.259 lies in tooth 2 from the anchor
    double[] s = {0, 5.166, 10.259};
    double[] e = {0.15, 5.244, 10.4};
    TimerChain.Worker busy =
        (since, start) ->
            since >= 5.0 && start <= 5.167 && since < start
                || since >= 10.2 && start <= 10.26 && since < start;
    CombCounts c = TimerChain.counts(s, e, new boolean[3], new boolean[3], 3, COMB, busy);
    assertEquals(2, c.on(1));
    assertEquals(0, c.on(2));
    CombCounts unknown = TimerChain.counts(s, e, new boolean[3], new boolean[3], 3, COMB);
    assertEquals(1, unknown.on(2), "without the worker the second reads as tooth 2");
  }

  @Test
  void aReanchorBehindEvents_isFound_notOnlyRightBeforeTheNextFire() {
    // a clock ticking from its starts: the run at 5.2 is off tooth 1 from the anchor's end; an
    // event at 7 comes between; the next tick at 10.35 is tooth 1 from the run at 5.2
    double[] s = {0, 5.2, 7, 10.35};
    double[] e = {0.15, 5.35, 7.15, 10.5};
    CombCounts c = TimerChain.counts(s, e, new boolean[4], new boolean[4], 4, COMB);
    assertEquals(1, c.on(1));
    assertEquals(0, c.on(2));
  }

  static CombCounts reset(double[][] kept) {
    CombCounts c = new CombCounts(COMB);
    for (int i = 1; i < kept.length; i++) {
      c.add(kept[i][0] - kept[i - 1][1]);
    }
    return c;
  }
}
