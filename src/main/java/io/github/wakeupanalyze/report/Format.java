package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.text.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Fixed, locale-independent number formats shared by every writer. */
final class Format {
  private Format() {}

  /** Seconds for machine-read files: see {@link Durations#plainSeconds(double)}. */
  static String seconds(double s) {
    return Durations.plainSeconds(s);
  }

  /**
   * {@code v} with exactly {@code decimals} decimals, rounded half up as {@code %.Nf} does (on the
   * shortest decimal that reads back as {@code v}), several times faster than {@code
   * String.format}: it runs once per row of {@code reconciles.csv}.
   */
  static String fixed(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  /** A share in [0,1] as a percentage with one decimal: {@code 95.1 %}. */
  static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
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
