package io.github.wakeupanalyze.analyze.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How well timing alone can classify a head-sampled trace of a <em>reset</em> queue
 * (controller-runtime's priority queue, the default since v0.23: every reconcile, event or timer,
 * re-arms the RequeueAfter from its own end; docs/method.md, "Where timing runs out").
 *
 * <p>Under a reset queue the object's history renews at every reconcile's end: the next timer is
 * due P after it and the external edits are a Poisson process, whatever came before. So given the
 * kept reconciles, the only thing the trace says of a kept reconcile's cause is its lag x from the
 * end of the previous <em>kept</em> reconcile of its object (the lost reconciles between them are
 * unseen; its own duration and everything after its end are alike for both causes, since both
 * re-arm the timer from that end). The Bayes rule on x is therefore the best any timing rule can
 * do. This test estimates it by simulation: kept reconciles with their true cause, x binned at 20
 * ms, and for every set of bins called "event" taken in order of their event share (the optimal
 * rules for macro-F1 are thresholds on the posterior) the macro-F1; the best is the bound.
 *
 * <p>Parameters of the {@code percona-priority-sampled-*} scenarios: P = 5 s, reconcile durations
 * log-normal (median 150 ms, σ 0.35), an unseen external edit per object every 50 s on average
 * (Poisson) with a 3 ms watch latency, three objects for two hours; 400 seeds. Own status writes
 * are filtered by the generation predicate there, so they start nothing.
 */
class ResetQueueBoundTest {
  static final double P = 5;
  static final double MEDIAN = 0.15;
  static final double SIGMA = 0.35;
  static final double EDIT_MEAN = 50;
  static final double LATENCY = 0.003;
  static final double BIN = 0.02;
  static final int BINS = 3000; // 60 s; longer lags share the last bin
  static final int SEEDS = 400;

  /** Kept reconciles of one seed, binned: counts[bin][0] events, counts[bin][1] timers. */
  static void simulate(double p, long seed, long[][] counts) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int object = 0; object < 3; object++) {
      double end = 0; // end of the last reconcile, kept or not
      double keptEnd = Double.NaN; // end of the last kept reconcile
      double edit = exponential(rnd, EDIT_MEAN);
      while (end < 7200) {
        double due = end + P;
        double start;
        int timer;
        if (edit + LATENCY < due) {
          // an edit seen before the timer is due (or during the last reconcile, then queued):
          // an event reconcile, which consumes the pending timer
          start = Math.max(edit + LATENCY * Math.exp(0.5 * gauss(rnd)), end);
          timer = 0;
          while (edit <= start) {
            edit += exponential(rnd, EDIT_MEAN); // edits before it starts are folded into it
          }
        } else {
          start = due;
          timer = 1;
        }
        end = start + MEDIAN * Math.exp(SIGMA * gauss(rnd));
        if (rnd.nextDouble() < p) {
          if (!Double.isNaN(keptEnd)) {
            counts[Math.min(BINS - 1, (int) ((start - keptEnd) / BIN))][timer]++;
          }
          keptEnd = end;
        }
      }
    }
  }

  static long[][] counts(double p, long fromSeed, long toSeed) {
    long[][] counts = new long[BINS][2];
    for (long seed = fromSeed; seed < toSeed; seed++) {
      simulate(p, seed, counts);
    }
    return counts;
  }

  /** Bins in the order of their event share, highest first. */
  static Integer[] order(long[][] c) {
    Integer[] order = new Integer[BINS];
    for (int i = 0; i < BINS; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(share(c[b]), share(c[a])));
    return order;
  }

  static double share(long[] bin) {
    long n = bin[0] + bin[1];
    return n == 0 ? 0 : (double) bin[0] / n;
  }

  /** Macro-F1 when the first k bins of {@code order} are called events, for every k. */
  static double[] macroF1ByK(long[][] c, Integer[] order) {
    long events = 0;
    long timers = 0;
    for (long[] bin : c) {
      events += bin[0];
      timers += bin[1];
    }
    double[] f = new double[BINS + 1];
    long tpE = 0; // events called events
    long fpE = 0; // timers called events
    for (int k = 0; k <= BINS; k++) {
      if (k > 0) {
        tpE += c[order[k - 1]][0];
        fpE += c[order[k - 1]][1];
      }
      long fnE = events - tpE;
      long tpT = timers - fpE;
      double fe = 2.0 * tpE / (2 * tpE + fpE + fnE);
      double ft = 2.0 * tpT / (2 * tpT + fnE + fpE);
      f[k] = (fe + ft) / 2;
    }
    return f;
  }

  /** The best macro-F1 of a rule on the lag, in sample (all seeds); and the rule held out. */
  static double[] bound(double p) {
    long[][] all = counts(p, 0, SEEDS);
    double best = Arrays.stream(macroF1ByK(all, order(all))).max().orElseThrow();
    long[][] train = counts(p, 0, SEEDS / 2);
    long[][] test = counts(p, SEEDS / 2, SEEDS);
    Integer[] order = order(train);
    double[] fTrain = macroF1ByK(train, order);
    int k = 0;
    for (int i = 1; i <= BINS; i++) {
      k = fTrain[i] > fTrain[k] ? i : k;
    }
    return new double[] {best, macroF1ByK(test, order)[k]};
  }

  private static double exponential(SplittableRandom rnd, double mean) {
    return -mean * Math.log(1 - rnd.nextDouble());
  }

  private static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  @Test
  void complete_theLagAloneSeparatesThem() {
    // Law: at p = 1 every timer starts exactly P after the last end and an event earlier, so the
    // rule is (nearly) perfect; the estimator is not the cause of the low bounds below.
    double[] b = bound(1.0);
    System.out.printf("reset-queue timing bound at p = 1: %.3f (held out %.3f)%n", b[0], b[1]);
    assertTrue(b[1] > 0.99, "bound " + b[1]);
  }

  @Test
  void atAHalf_noTimingRuleReachesNinetyFive() {
    double[] b = bound(0.5);
    System.out.printf("reset-queue timing bound at p = 0.5: %.3f (held out %.3f)%n", b[0], b[1]);
    assertTrue(b[0] < 0.95, "bound " + b[0]);
    assertTrue(b[1] <= b[0] + 0.01, "held out " + b[1] + " against in sample " + b[0]);
  }

  @Test
  void atATenth_noTimingRuleReachesNinety() {
    double[] b = bound(0.1);
    System.out.printf("reset-queue timing bound at p = 0.1: %.3f (held out %.3f)%n", b[0], b[1]);
    assertTrue(b[0] < 0.90, "bound " + b[0]);
  }
}
