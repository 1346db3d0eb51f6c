package io.github.wakeupanalyze.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Fixed, locale-independent number formats shared by every writer. */
final class Format {
  private Format() {}

  /**
   * Seconds with up to 6 decimals and no trailing zeros: {@code 5}, {@code 5.15}, {@code 0.000123}.
   */
  static String seconds(double s) {
    if (Double.isNaN(s)) {
      return "";
    }
    if (Double.isInfinite(s)) {
      return s > 0 ? "inf" : "-inf";
    }
    return BigDecimal.valueOf(s)
        .setScale(6, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
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

  /** A human duration: {@code 5 s}, {@code 150 ms}, {@code 10 min}, {@code 10 h}. */
  static String duration(double s) {
    if (Double.isNaN(s)) {
      return "n/a";
    }
    if (s < 1) {
      return trim(String.format(Locale.ROOT, "%.1f", s * 1000)) + " ms";
    }
    if (s < 120) {
      return trim(String.format(Locale.ROOT, "%.2f", s)) + " s";
    }
    if (s < 7200) {
      return trim(String.format(Locale.ROOT, "%.1f", s / 60)) + " min";
    }
    return trim(String.format(Locale.ROOT, "%.2f", s / 3600)) + " h";
  }

  private static String trim(String t) {
    if (t.contains(".")) {
      t = t.replaceAll("0+$", "");
      if (t.endsWith(".")) {
        t = t.substring(0, t.length() - 1);
      }
    }
    return t;
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
