package io.github.wakeupanalyze.analyze;

import java.util.Arrays;

/**
 * How soon after a write its watch event starts a reconcile, learned from one stream's lags to the
 * writes an audit log records (docs/method.md, "Audit logs").
 *
 * <p>An audit log keeps every write, also those whose reconciles head sampling dropped from the
 * trace. So a kept reconcile that follows a write by the lag of a watch event (a few milliseconds,
 * or the rest of a reconcile that was running) was started by it, whatever the trace lost between
 * them; one that follows a write by more was not, even inside the half-second window the trace's
 * own write spans use (the reconcile the write started may be the one the trace lost).
 *
 * <p><b>Model.</b> For each kept reconcile, its lag x is the time from the latest write after the
 * previous kept reconcile's start, when that is at most W (the event window, 0.5 s by default).
 * Lags of reconciles the writes started follow a log-normal law (a latency: a product of many small
 * factors, positive, right-skewed); the others fall there by chance, uniform on (0, W]. The mixture
 * π·LN(μ, σ) + (1 − π)·U(0, W] is fitted by expectation–maximization (Dempster, Laird & Rubin 1977;
 * McLachlan & Peel, "Finite Mixture Models", 2000, ch. 2), and a reconcile is called write-started
 * when its posterior weight in the log-normal part is at least ½.
 *
 * <p><b>Evidence test.</b> The fit counts only when the mixture explains the lags better than
 * chance alone by a likelihood ratio 2·(ℓ₁ − ℓ₀) above 11.34, the 99 % point of χ² with 3 degrees
 * of freedom (the three added parameters), and rests on at least {@value #MIN_LAGS} lags. The ratio
 * is not exactly χ² under the null (π = 0 lies on the boundary), so the test is approximate; with
 * writes whose events a filter drops (a generation-changed predicate), chance lags stay uniform and
 * the test fails, as it should.
 *
 * <p><b>Assumptions.</b> Audit and trace clocks agree to well within the watch latency (NTP in one
 * cluster, or the API server's offset already corrected); the latency is one law for the stream.
 */
final class AuditLags {
  /** Lags needed before a fit is tried. */
  static final int MIN_LAGS = 5;

  /** χ²₃ at 0.99: the likelihood-ratio threshold of the evidence test. */
  static final double LR_THRESHOLD = 11.34;

  private static final double MIN_SIGMA = 0.05;

  /**
   * The shortest lag, as a share of the window: 0.5 µs for the 0.5 s window, below the log's 1 µs.
   */
  private static final double MIN_LAG = 1e-6;

  /**
   * A fitted mixture.
   *
   * @param weight π, the share of lags that writes explain
   * @param mu mean of ln(lag in seconds) of those lags
   * @param sigma standard deviation of ln(lag)
   * @param window W, seconds
   * @param lrStatistic 2·(ℓ₁ − ℓ₀)
   * @param n lags fitted
   */
  record Fit(double weight, double mu, double sigma, double window, double lrStatistic, int n) {
    /** True when the lags show a write-started cluster (class comment, "Evidence test"). */
    boolean found() {
      return n >= MIN_LAGS && lrStatistic > LR_THRESHOLD && weight * n >= 1;
    }

    /** Posterior probability that a lag belongs to the write-started part. */
    double posterior(double lag) {
      double a = weight * logNormal(Math.max(lag, MIN_LAG * window), mu, sigma);
      double b = (1 - weight) / window;
      return a / (a + b);
    }
  }

  private AuditLags() {}

  /**
   * Each reconcile's lag to the latest of {@code writes} after the previous reconcile's start and
   * at most {@code window} before its own start, in seconds; NaN where there is none.
   *
   * @param writes sorted epoch ns
   */
  static double[] lags(StreamTimes t, long[] writes, long window) {
    double[] lag = new double[t.n];
    Arrays.fill(lag, Double.NaN);
    if (writes.length == 0) {
      return lag;
    }
    for (int j = 1; j < t.n; j++) {
      long start = t.get(j).startNanos();
      int at = EvidenceIndex.lastAtOrBefore(writes, start);
      if (at < 0) {
        continue;
      }
      long w = writes[at];
      if (w > t.get(j - 1).startNanos() && start - w <= window) {
        lag[j] = (start - w) / 1e9;
      }
    }
    return lag;
  }

  /**
   * Fits the mixture to the lags that are not NaN.
   *
   * @param window W in seconds
   */
  static Fit fit(double[] lags, double window) {
    double[] x = Arrays.stream(lags).filter(v -> !Double.isNaN(v)).toArray();
    int n = x.length;
    if (n < MIN_LAGS) {
      return new Fit(0, 0, 1, window, 0, n);
    }
    double floor = MIN_LAG * window;
    double[] ln = new double[n];
    for (int i = 0; i < n; i++) {
      ln[i] = Math.log(Math.max(x[i], floor));
    }
    double[] sorted = ln.clone();
    Arrays.sort(sorted);
    double mu = sorted[n / 4];
    double sigma = 1;
    double weight = 0.5;
    double uniform = 1 / window;
    double[] r = new double[n];
    double last = Double.NEGATIVE_INFINITY;
    for (int iter = 0; iter < 500; iter++) {
      double ll = 0;
      double sr = 0;
      double srx = 0;
      for (int i = 0; i < n; i++) {
        double a = weight * logNormal(Math.max(x[i], floor), mu, sigma);
        double b = (1 - weight) * uniform;
        r[i] = a / (a + b);
        ll += Math.log(a + b);
        sr += r[i];
        srx += r[i] * ln[i];
      }
      if (sr < 1e-9) {
        weight = 0;
        break;
      }
      mu = srx / sr;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += r[i] * (ln[i] - mu) * (ln[i] - mu);
      }
      sigma = Math.max(MIN_SIGMA, Math.sqrt(ss / sr));
      weight = sr / n;
      if (ll - last < 1e-10) {
        break;
      }
      last = ll;
    }
    double l1 = 0;
    for (int i = 0; i < n; i++) {
      l1 += Math.log(weight * logNormal(Math.max(x[i], floor), mu, sigma) + (1 - weight) * uniform);
    }
    double l0 = n * Math.log(uniform);
    return new Fit(weight, mu, sigma, window, 2 * (l1 - l0), n);
  }

  private static double logNormal(double x, double mu, double sigma) {
    double z = (Math.log(x) - mu) / sigma;
    return Math.exp(-0.5 * z * z) / (x * sigma * Math.sqrt(2 * Math.PI));
  }
}
