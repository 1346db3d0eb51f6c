package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Numbers;
import java.util.Locale;

/** Fixed, locale-independent number formats shared by every writer. */
final class Format {
  private Format() {}

  /** Seconds for machine-read files: see {@link Durations#plainSeconds(double)}. */
  static String seconds(double s) {
    return Durations.plainSeconds(s);
  }

  /** See {@link Numbers#fixed(double, int)}. */
  static String fixed(double v, int decimals) {
    return Numbers.fixed(v, decimals);
  }

  /** See {@link Numbers#percent(double)}. */
  static String percent(double share) {
    return Numbers.percent(share);
  }

  /** A human duration: see {@link Durations#human(double)}. */
  static String duration(double s) {
    return Durations.human(s);
  }

  /** A p-value: {@code < 1e-300} at the floor, else two significant digits, {@code 3.2e-12}. */
  static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "n/a";
    }
    if (p < 1e-300) {
      return "< 1e-300";
    }
    return p >= 0.001
        ? String.format(Locale.ROOT, "%.3f", p)
        : String.format(Locale.ROOT, "%.1e", p).replace("e-0", "e-");
  }

  static double share(int part, int whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
