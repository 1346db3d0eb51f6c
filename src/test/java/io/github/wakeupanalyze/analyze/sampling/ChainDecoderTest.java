package io.github.wakeupanalyze.analyze.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChainDecoderTest {
  /** P = 5 s, no jitter, durations 0.15 ± 0.05 s, 2.5 ms pad. */
  static final Comb COMB = new Comb(5, 0, 0.15, 0.05, 0.0025);

  /** A thinned stream with its truth: start, end, timer?. */
  record Stream(double[] start, double[] end, boolean[] timer, int n) {}

  /**
   * One object for two hours: a 5 s RequeueAfter under an earliest queue (an event does not move
   * the deadline; a fire that falls due during an event's reconcile waits for its end), Poisson
   * events every 50 s on average, durations log-normal (median 150 ms, σ 0.35), each reconcile kept
   * with probability p.
   */
  static Stream thinned(double p, long seed) {
    return thinned(p, seed, false);
  }

  /** As {@link #thinned(double, long)}; with {@code reset} every reconcile re-arms the timer. */
  static Stream thinned(double p, long seed, boolean reset) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> kept = new ArrayList<>();
    double fire = 5;
    double event = exp(rnd, 50);
    double free = 0; // the worker's next free moment
    while (fire < 7200) {
      boolean isEvent = event < fire;
      double due = isEvent ? event : fire;
      double s = Math.max(due, free);
      double e = s + 0.15 * Math.exp(0.35 * gauss(rnd));
      free = e;
      if (rnd.nextDouble() < p) {
        kept.add(new double[] {s, e, isEvent ? 0 : 1});
      }
      if (isEvent) {
        event += exp(rnd, 50);
      }
      if (!isEvent || reset) {
        fire = e + 5;
      }
    }
    int n = kept.size();
    double[] start = new double[n];
    double[] end = new double[n];
    boolean[] timer = new boolean[n];
    for (int i = 0; i < n; i++) {
      start[i] = kept.get(i)[0];
      end[i] = kept.get(i)[1];
      timer[i] = kept.get(i)[2] == 1;
    }
    return new Stream(start, end, timer, n);
  }

  private static double exp(SplittableRandom rnd, double mean) {
    return -mean * Math.log(1 - rnd.nextDouble());
  }

  private static double gauss(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()))
        * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private static boolean[] decode(Stream s, double p) {
    double events = 0;
    for (boolean t : s.timer()) {
      events += t ? 0 : 1;
    }
    return new ChainDecoder(COMB, p, 0.02, 0.05)
        .decode(
            s.start(),
            s.end(),
            s.n(),
            new byte[s.n()],
            new boolean[s.n()],
            Math.max(1, events) / (s.end()[s.n() - 1] - s.start()[0]))
        .timer();
  }

  /** [truth timer?][verdict timer?] counts. */
  private static long[][] confusion(Stream s, boolean[] verdict, long[][] into) {
    for (int i = 1; i < s.n(); i++) {
      into[s.timer()[i] ? 1 : 0][verdict[i] ? 1 : 0]++;
    }
    return into;
  }

  private static double macroF1(long[][] c) {
    double fe = 2.0 * c[0][0] / (2 * c[0][0] + c[0][1] + c[1][0]);
    double ft = 2.0 * c[1][1] / (2 * c[1][1] + c[1][0] + c[0][1]);
    return (fe + ft) / 2;
  }

  @Test
  void anEventBetweenTwoKeptFires_isAnEvent_andTheChainRunsPastIt() {
    // the timer ends at 0.15; fires 1 and 2 lost; fire 3 starts at 15.45; an event at 7.0
    double[] start = {0, 7.0, 15.45, 20.6};
    double[] end = {0.15, 7.15, 15.6, 20.75};
    boolean[] chain =
        new ChainDecoder(COMB, 0.2, 0.02, 0.05)
            .decode(start, end, 4, new byte[4], new boolean[4], 1.0 / 60)
            .timer();
    assertArrayEquals(new boolean[] {true, false, true, true}, chain);
  }

  @Test
  void atATenth_theDecoderSeparatesTimerFromEventsAtRandomPhases() {
    long[][] c = new long[2][2];
    for (long seed = 0; seed < 20; seed++) {
      Stream s = thinned(0.1, seed);
      confusion(s, decode(s, 0.1), c);
    }
    double f1 = macroF1(c);
    System.out.printf("decoder at p = 0.1, 20 seeds: macro-F1 %.3f %s%n", f1, fmt(c));
    assertTrue(f1 >= 0.90, "macro-F1 " + f1 + " " + fmt(c));
  }

  @Test
  void atAHalf_andComplete_theDecoderIsNearlyExact() {
    for (double p : new double[] {0.5, 1.0}) {
      long[][] c = new long[2][2];
      for (long seed = 0; seed < 10; seed++) {
        Stream s = thinned(p, 100 + seed);
        confusion(s, decode(s, p), c);
      }
      assertTrue(macroF1(c) >= 0.97, "p = " + p + ": " + fmt(c));
    }
  }

  @Test
  void aCommonShiftOfEveryTime_changesNoVerdict() {
    for (long seed = 0; seed < 10; seed++) {
      Stream s = thinned(0.1, 200 + seed);
      boolean[] before = decode(s, 0.1);
      double shift = 1.7e9 + 0.123 * seed;
      double[] start = s.start().clone();
      double[] end = s.end().clone();
      for (int i = 0; i < s.n(); i++) {
        start[i] += shift;
        end[i] += shift;
      }
      assertArrayEquals(before, decode(new Stream(start, end, s.timer(), s.n()), 0.1));
    }
  }

  @Test
  void fixedVerdictsStand_andSkippedRecordsAreNoReconciles() {
    Stream s = thinned(0.1, 300);
    byte[] fixed = new byte[s.n()];
    boolean[] free = decode(s, 0.1);
    int flipT = -1;
    int flipE = -1;
    for (int i = 1; i < s.n() && (flipT < 0 || flipE < 0); i++) {
      if (free[i] && flipE < 0) {
        flipE = i;
        fixed[i] = ChainDecoder.EVENT;
      } else if (!free[i] && flipT < 0) {
        flipT = i;
        fixed[i] = ChainDecoder.TIMER;
      }
    }
    fixed[s.n() - 1] = ChainDecoder.SKIP;
    boolean[] chain =
        new ChainDecoder(COMB, 0.1, 0.02, 0.05)
            .decode(s.start(), s.end(), s.n(), fixed, new boolean[s.n()], 0.02)
            .timer();
    assertFalse(chain[flipE], "a fixed event");
    assertTrue(chain[flipT], "a fixed timer");
    assertFalse(chain[s.n() - 1], "a skipped record");
  }

  @Test
  void aFailureBreaksTheChain_theNextReconcileMayStartANewOne() {
    // fires every 5.15 s; the one at 10.3 fails and its backoff re-arms the queue: 12.0 may be
    // the retry's chain at any phase. Without the failure 12.0 is off the chain: an event.
    double[] start = {0, 5.15, 10.3, 12.0};
    double[] end = {0.15, 5.3, 10.45, 12.15};
    ChainDecoder d = new ChainDecoder(COMB, 1, 0.02, 0.05);
    boolean[] failed = {false, false, true, false};
    assertArrayEquals(
        new boolean[] {true, true, true, true},
        d.decode(start, end, 4, new byte[4], failed, 1.0 / 60).timer());
    assertArrayEquals(
        new boolean[] {true, true, true, false},
        d.decode(start, end, 4, new byte[4], new boolean[4], 1.0 / 60).timer());
  }

  @Test
  void theQueueIsReadFromWhichAnchorExplainsTheStreamBetter() {
    for (double p : new double[] {0.1, 0.5}) {
      for (long seed = 0; seed < 5; seed++) {
        for (boolean reset : new boolean[] {false, true}) {
          Stream s = thinned(p, 400 + seed, reset);
          ChainDecoder d = new ChainDecoder(COMB, p, 0.02, 0.05);
          double advantage =
              ChainDecoder.earliestAdvantage(
                      d,
                      d,
                      s.start(),
                      s.end(),
                      s.n(),
                      new byte[s.n()],
                      new boolean[s.n()],
                      s.end()[s.n() - 1] - s.start()[0])
                  / s.n();
          String what = (reset ? "reset" : "earliest") + " p = " + p + " seed " + seed;
          if (reset) {
            assertTrue(advantage < -ChainDecoder.resetMargin(p), what + ": " + advantage);
          } else {
            assertTrue(advantage > -ChainDecoder.resetMargin(p), what + ": " + advantage);
          }
        }
      }
    }
  }

  @Test
  void theFastNormalCdf_agreesWithTheErrorFunctionTo1e7_andIsMonotone() {
    double previous = 0;
    for (int i = -12_000; i <= 12_000; i++) {
      double x = i / 1000.0;
      double fast = ChainDecoder.phi(x);
      assertEquals(Comb.normalCdf(x), fast, 1e-7, "x = " + x);
      assertTrue(fast >= previous, "monotone at x = " + x);
      previous = fast;
    }
  }

  @Test
  void aKeepProbabilityOutsideZeroToOne_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChainDecoder(COMB, 0, 0.02, 0.05));
    assertThrows(IllegalArgumentException.class, () -> new ChainDecoder(COMB, 1.5, 0.02, 0.05));
  }

  private static String fmt(long[][] c) {
    return "[[" + c[0][0] + " " + c[0][1] + "] [" + c[1][0] + " " + c[1][1] + "]]";
  }
}
