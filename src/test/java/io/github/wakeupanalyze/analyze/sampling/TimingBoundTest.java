package io.github.wakeupanalyze.analyze.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How well timing alone can tell the watch event of a lost timer reconcile's own write from the
 * timer under head sampling (docs/method.md, "Where timing runs out"): an oracle that knows which
 * kept reconciles are the timer's (so its anchor is always right) and the true parameters decides
 * each kept reconcile by the posterior of the two cues the trace carries (its lag in the tooth from
 * the last kept timer reconcile, and the next kept reconcile's lag from its end against from just
 * before its start), with prior odds (1 − p)·w. Its macro-F1 bounds any timing rule from above.
 * Parameters of the Percona-like scenarios: P = 5 s, durations log-normal (median 150 ms, σ 0.35),
 * own writes w = 0.08 with a 3 ms watch latency, earliest queue, three objects for two hours; 100
 * seeds. The backup controller of {@code percona-backup-sampled-10} has one object, 40 ms
 * reconciles (σ 0.4) and w = 0.05.
 */
class TimingBoundTest {
  static final double P = 5;
  static final double LATENCY = 0.003;

  /**
   * A controller: reconcile durations log-normal (median, σ), a share w of reconciles followed by
   * the watch event of their own write, on a number of objects.
   */
  record Controller(double median, double sigma, double w, int objects) {}

  /** The Percona-like replica-set controller of the {@code percona-sampled-10} scenarios. */
  static final Controller PERCONA = new Controller(0.15, 0.35, 0.08, 3);

  /** The backup controller of {@code percona-backup-sampled-10}: one object, 40 ms reconciles. */
  static final Controller BACKUP = new Controller(0.04, 0.4, 0.05, 1);

  /** Confusion [truth timer?][verdict timer?] of the oracle at keep probability p. */
  static long[][] oracle(double p, boolean nextLink, long seed) {
    return oracle(PERCONA, p, nextLink, seed);
  }

  /** Confusion [truth timer?][verdict timer?] of the oracle at keep probability p. */
  static long[][] oracle(Controller c, double p, boolean nextLink, long seed) {
    double median = c.median();
    double sigma = c.sigma();
    double w = c.w();
    SplittableRandom rnd = new SplittableRandom(seed);
    double mean = median * Math.exp(sigma * sigma / 2);
    double var = mean * mean * Math.expm1(sigma * sigma);
    double pad = 0.0005 * 0.0005;
    long[][] conf = new long[2][2];
    for (int object = 0; object < c.objects(); object++) {
      List<double[]> kept = new ArrayList<>(); // start, end, timer ? 1 : 0
      double fire = P;
      while (fire < 7200) {
        double end = fire + duration(rnd, median, sigma);
        keep(kept, rnd, p, fire, end, 1);
        double last = end;
        while (rnd.nextDouble() < w) { // the watch event of this reconcile's own write
          double s = last + LATENCY * Math.exp(0.5 * gauss(rnd));
          last = s + duration(rnd, median, sigma);
          keep(kept, rnd, p, s, last, 0);
        }
        fire = Math.max(end + P, last);
      }
      double anchor = Double.NaN;
      for (int i = 0; i < kept.size(); i++) {
        double[] r = kept.get(i);
        boolean timer = r[2] == 1;
        if (Double.isNaN(anchor)) {
          anchor = timer ? r[1] : anchor;
          continue;
        }
        boolean verdictTimer;
        if (r[0] - kept.get(i - 1)[1] < 0.05) {
          verdictTimer = false; // quick follow-up of a kept reconcile
        } else {
          double x = r[0] - anchor;
          long k = Math.max(1, Math.round((x + mean) / (P + mean)));
          double vt = (k - 1) * var + pad;
          double ve = k * var + pad;
          double dt = x - (k * P + (k - 1) * mean);
          double de = dt - mean - LATENCY;
          double odds =
              Math.log((1 - p) * w) + 0.5 * (Math.log(vt / ve) + dt * dt / vt - de * de / ve);
          if (nextLink && i + 1 < kept.size()) {
            double next = kept.get(i + 1)[0];
            double fromLostEnd = next - (r[0] - LATENCY);
            double fromEnd = next - r[1];
            long k2 = Math.max(1, Math.round((fromEnd + mean) / (P + mean)));
            double v2 = (k2 - 1) * var + pad;
            double c2 = k2 * P + (k2 - 1) * mean;
            double width = 3 * Math.sqrt(v2) + 0.0025;
            if (Math.abs(fromEnd - c2) < width || Math.abs(fromLostEnd - c2) < width) {
              odds +=
                  0.5
                      * ((fromEnd - c2) * (fromEnd - c2) - (fromLostEnd - c2) * (fromLostEnd - c2))
                      / v2;
            }
          }
          verdictTimer = odds <= 0;
        }
        conf[timer ? 1 : 0][verdictTimer ? 1 : 0]++;
        if (timer) {
          anchor = r[1];
        }
      }
    }
    return conf;
  }

  static double macroF1(long[][] c) {
    double fe = 2.0 * c[0][0] / (2 * c[0][0] + c[0][1] + c[1][0]);
    double ft = 2.0 * c[1][1] / (2 * c[1][1] + c[1][0] + c[0][1]);
    return (fe + ft) / 2;
  }

  static double bound(double p, boolean nextLink) {
    return bound(PERCONA, p, nextLink);
  }

  static double bound(Controller controller, double p, boolean nextLink) {
    long[][] sum = new long[2][2];
    for (long seed = 0; seed < 100; seed++) {
      long[][] c = oracle(controller, p, nextLink, seed);
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          sum[a][b] += c[a][b];
        }
      }
    }
    return macroF1(sum);
  }

  private static void keep(
      List<double[]> kept, SplittableRandom rnd, double p, double s, double e, int timer) {
    if (rnd.nextDouble() < p) {
      kept.add(new double[] {s, e, timer});
    }
  }

  private static double duration(SplittableRandom rnd, double median, double sigma) {
    return median * Math.exp(sigma * gauss(rnd));
  }

  private static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  @Test
  void atATenth_timingAloneCannotReachNinety_evenWithTheAnchorKnown() {
    double lagOnly = bound(0.1, false);
    double both = bound(0.1, true);
    System.out.printf(
        "timing bound at p = 0.1: lag only %.3f, with the next link %.3f%n", lagOnly, both);
    assertTrue(both > lagOnly, "the next link adds evidence");
    assertTrue(both < 0.90, "bound " + both);
  }

  @Test
  void atAHalf_theBoundClearsNinetyFive() {
    double both = bound(0.5, true);
    System.out.printf("timing bound at p = 0.5 with the next link: %.3f%n", both);
    assertTrue(both > 0.95, "bound " + both);
  }

  @Test
  void backupController_atATenth_timingAloneCannotReachNinety() {
    // one object, 40 ms reconciles, 5 % own writes: the event lands 43 ms after the lost fire's
    // start, inside teeth whose width grows with the lost reconciles' durations
    double both = bound(BACKUP, 0.1, true);
    System.out.printf("timing bound of the backup controller at p = 0.1: %.3f%n", both);
    assertTrue(both < 0.90, "bound " + both);
  }
}
