package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.analyze.spectral.Fft;
import io.github.wakeupanalyze.text.Durations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * A simple binned (Schuster) periodogram of reconcile start times, for the chart only; the timers
 * in the reports come from the analysis, not from this.
 *
 * <p>Each stream's starts are counted in {@code n} bins of width {@code dt} over the observed
 * window ({@code n} a power of two, at most {@value #MAX_BINS}, {@code dt ≥ 1 ms}); the mean is
 * subtracted and the power at frequency {@code k/(n·dt)} is {@code |X_k|²/N}, N the stream's
 * starts. Powers are averaged over the (at most {@value #MAX_STREAMS}) largest streams with at
 * least {@value #MIN_STARTS} starts, so objects with different phases add up.
 *
 * <p>Null hypothesis: every stream is a homogeneous Poisson process. Then each power is exponential
 * with mean 1 and the average of K streams is Gamma(K, 1/K); the threshold is that distribution's
 * {@code 1 − p/M} quantile, M the number of periods on the grid (Bonferroni), p = {@value
 * #FALSE_ALARM}. Periods range from {@code 2·dt} to half the window.
 *
 * <p>Limits: a RequeueAfter timer restarts when each reconcile ends, so its phase drifts with the
 * reconcile durations and its peak smears at long periods; see docs/method.md. The chart shows it
 * honestly; the gap analysis, not this, decides what is a timer.
 */
final class BinnedPeriodogram {
  static final int MAX_BINS = 1 << 15;
  static final int MAX_STREAMS = 32;
  static final int MIN_STARTS = 8;
  static final double FALSE_ALARM = 0.001;
  static final double MIN_DT_S = 1e-3;
  static final int MAX_PEAKS = 5;

  private BinnedPeriodogram() {}

  /**
   * Computes the averaged periodogram.
   *
   * @param streams start times (epoch ns) of each stream
   * @return null when no stream has enough starts or the window is empty
   */
  static PeriodogramData compute(List<long[]> streams, long windowStartNanos, long windowEndNanos) {
    double window = (windowEndNanos - windowStartNanos) / 1e9;
    List<long[]> used = new ArrayList<>();
    for (long[] s : streams) {
      if (s.length >= MIN_STARTS) {
        used.add(s);
      }
    }
    if (used.isEmpty() || window <= 0) {
      return null;
    }
    used.sort((a, b) -> Integer.compare(b.length, a.length)); // stable: ties keep stream order
    if (used.size() > MAX_STREAMS) {
      used = used.subList(0, MAX_STREAMS);
    }
    int n = 64;
    while (n < MAX_BINS && n * MIN_DT_S < window) {
      n <<= 1;
    }
    double dt = window / n;
    int kMin = 2;
    int kMax = n / 2;
    double[] sum = new double[kMax + 1];
    double[] re = new double[n];
    double[] im = new double[n];
    // Two real streams per complex FFT: a in the real part, b in the imaginary part; their
    // transforms separate by the conjugate symmetry of a real sequence's transform,
    // A_k = (Z_k + conj Z_{n−k})/2 and B_k = (Z_k − conj Z_{n−k})/2i. Half the transforms.
    for (int s = 0; s < used.size(); s += 2) {
      long[] a = used.get(s);
      long[] b = s + 1 < used.size() ? used.get(s + 1) : null;
      centredCounts(a, re, windowStartNanos, dt);
      if (b != null) {
        centredCounts(b, im, windowStartNanos, dt);
      } else {
        Arrays.fill(im, 0);
      }
      Fft.transform(re, im);
      for (int k = kMin; k <= kMax; k++) {
        int nk = (n - k) & (n - 1);
        double ar = 0.5 * (re[k] + re[nk]);
        double ai = 0.5 * (im[k] - im[nk]);
        sum[k] += (ar * ar + ai * ai) / a.length;
        if (b != null) {
          double br = 0.5 * (im[k] + im[nk]);
          double bi = 0.5 * (re[nk] - re[k]);
          sum[k] += (br * br + bi * bi) / b.length;
        }
      }
    }
    int count = kMax - kMin + 1;
    int streamsUsed = used.size();
    double[] period = new double[count];
    double[] power = new double[count];
    for (int i = 0; i < count; i++) {
      int k = kMax - i; // ascending period
      period[i] = n * dt / k;
      power[i] = sum[k] / streamsUsed;
    }
    double threshold =
        new GammaDistribution(
                null,
                streamsUsed,
                1.0 / streamsUsed,
                GammaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)
            .inverseCumulativeProbability(1 - FALSE_ALARM / count);
    return new PeriodogramData(
        String.format(
            Locale.ROOT,
            "binned periodogram of reconcile starts, %d stream%s, %s bins; threshold: "
                + "p = %s under a Poisson null (Bonferroni over %d periods)",
            streamsUsed,
            streamsUsed == 1 ? "" : "s",
            Durations.human(dt),
            FALSE_ALARM,
            count),
        period,
        power,
        threshold,
        FALSE_ALARM,
        peaks(period, power, threshold));
  }

  /** Counts the starts in {@code bins.length} bins of {@code dt} s and subtracts their mean. */
  private static void centredCounts(
      long[] starts, double[] bins, long windowStartNanos, double dt) {
    int n = bins.length;
    Arrays.fill(bins, 0);
    for (long t : starts) {
      int bin = (int) Math.min(n - 1, Math.max(0, (t - windowStartNanos) / 1e9 / dt));
      bins[bin]++;
    }
    double mean = (double) starts.length / n;
    for (int i = 0; i < n; i++) {
      bins[i] -= mean;
    }
  }

  /** The {@value #MAX_PEAKS} highest local maxima above the threshold, by period. */
  static double[] peaks(double[] period, double[] power, double threshold) {
    List<double[]> found = new ArrayList<>();
    for (int i = 0; i < power.length; i++) {
      boolean left = i == 0 || power[i] > power[i - 1];
      boolean right = i == power.length - 1 || power[i] >= power[i + 1];
      if (power[i] > threshold && left && right) {
        found.add(new double[] {period[i], power[i]});
      }
    }
    found.sort((a, b) -> a[1] != b[1] ? Double.compare(b[1], a[1]) : Double.compare(a[0], b[0]));
    return found.stream().limit(MAX_PEAKS).mapToDouble(p -> p[0]).sorted().toArray();
  }

  /**
   * At most {@code bins} points on a log-period grid, each the highest power in its cell, so peaks
   * survive the thinning.
   */
  static double[][] thin(double[] period, double[] power, int bins) {
    if (period.length <= bins) {
      return new double[][] {period.clone(), power.clone()};
    }
    double lo = Math.log(period[0]);
    double hi = Math.log(period[period.length - 1]);
    double[] px = new double[bins];
    double[] py = new double[bins];
    int m = 0;
    int cell = -1;
    for (int i = 0; i < period.length; i++) {
      int c = (int) Math.min(bins - 1, (Math.log(period[i]) - lo) / (hi - lo) * bins);
      if (c != cell) {
        cell = c;
        px[m] = period[i];
        py[m] = power[i];
        m++;
      } else if (power[i] > py[m - 1]) {
        px[m - 1] = period[i];
        py[m - 1] = power[i];
      }
    }
    return new double[][] {Arrays.copyOf(px, m), Arrays.copyOf(py, m)};
  }
}
