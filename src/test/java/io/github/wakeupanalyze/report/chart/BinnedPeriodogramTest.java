package io.github.wakeupanalyze.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinnedPeriodogramTest {
  static final long T0 = 1_767_225_600_000_000_000L;

  @Test
  void injectedPeriod_isAPeak_withinOneBin() {
    Random rnd = new Random(11);
    double period = 7.0;
    long[] starts = new long[500];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = T0 + Math.round((i * period + 0.01 * rnd.nextGaussian()) * 1e9);
    }
    long end = starts[starts.length - 1] + 1_000_000_000L;
    PeriodogramData p = BinnedPeriodogram.compute(List.of(starts), T0, end);
    double window = (end - T0) / 1e9;
    double binNear7 = period * period / window; // grid spacing in period around 7 s
    assertTrue(
        Arrays.stream(p.peakPeriods()).anyMatch(x -> Math.abs(x - period) <= binNear7),
        "no peak at 7 s in " + Arrays.toString(p.peakPeriods()));
  }

  @Test
  void poissonStarts_giveNoPeak() {
    for (long seed = 1; seed <= 5; seed++) {
      Random rnd = new Random(seed);
      long[] starts = new long[400];
      double t = 0;
      for (int i = 0; i < starts.length; i++) {
        t += -Math.log(1 - rnd.nextDouble()) * 3.0;
        starts[i] = T0 + Math.round(t * 1e9);
      }
      PeriodogramData p = BinnedPeriodogram.compute(List.of(starts), T0, starts[399] + 1);
      assertArrayEquals(new double[0], p.peakPeriods(), "seed " + seed);
    }
  }

  @Test
  void averageOverStreams_isTheMeanOfEachStreamsOwnPeriodogram() {
    // three streams: the first two share one complex FFT, the third has one of its own
    Random rnd = new Random(3);
    List<long[]> streams = new java.util.ArrayList<>();
    for (int s = 0; s < 3; s++) {
      long[] starts = new long[300 + 50 * s]; // distinct sizes: the order of use is fixed
      double t = 0;
      for (int i = 0; i < starts.length; i++) {
        t += s == 1 ? 2.5 + 0.05 * rnd.nextGaussian() : -Math.log(1 - rnd.nextDouble()) * 2.0;
        starts[i] = T0 + Math.round(t * 1e9);
      }
      streams.add(starts);
    }
    long end = T0 + 1_000_000_000_000L;
    PeriodogramData all = BinnedPeriodogram.compute(streams, T0, end);
    double[] mean = new double[all.power().length];
    for (long[] s : streams) {
      PeriodogramData one = BinnedPeriodogram.compute(List.of(s), T0, end);
      assertArrayEquals(all.periodSeconds(), one.periodSeconds());
      for (int k = 0; k < mean.length; k++) {
        mean[k] += one.power()[k] / streams.size();
      }
    }
    for (int k = 0; k < mean.length; k++) {
      assertEquals(mean[k], all.power()[k], 1e-9 * Math.max(1, mean[k]), "period index " + k);
    }
  }

  @Test
  void tooFewStarts_giveNothing() {
    assertEquals(null, BinnedPeriodogram.compute(List.of(new long[] {T0, T0 + 1}), T0, T0 + 10));
  }

  @Test
  void thin_keepsTheHighestPointOfEachCell() {
    double[] period = {1, 1.01, 1.02, 10, 100};
    double[] power = {1, 9, 2, 3, 4};
    double[][] t = BinnedPeriodogram.thin(period, power, 2);
    assertArrayEquals(new double[] {1.01, 100}, t[0]);
    assertArrayEquals(new double[] {9, 4}, t[1]);
  }
}
