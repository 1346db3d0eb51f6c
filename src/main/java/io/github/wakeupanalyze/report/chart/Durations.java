package io.github.wakeupanalyze.report.chart;

import java.util.Locale;

/** Short, locale-free duration labels for axes and markers: {@code 5 s}, {@code 150 ms}. */
final class Durations {
  private Durations() {}

  static String of(double s) {
    if (Double.isNaN(s) || Double.isInfinite(s)) {
      return "n/a";
    }
    double a = Math.abs(s);
    if (a == 0) {
      return "0 s";
    }
    if (a < 1e-3) {
      return trim(String.format(Locale.ROOT, "%.3g", s * 1e6)) + " µs";
    }
    if (a < 1) {
      return trim(String.format(Locale.ROOT, "%.3g", s * 1e3)) + " ms";
    }
    if (a < 120) {
      return trim(String.format(Locale.ROOT, "%.3g", s)) + " s";
    }
    if (a < 7200) {
      return trim(String.format(Locale.ROOT, "%.3g", s / 60)) + " min";
    }
    if (a < 172800) {
      return trim(String.format(Locale.ROOT, "%.3g", s / 3600)) + " h";
    }
    return trim(String.format(Locale.ROOT, "%.3g", s / 86400)) + " d";
  }

  static String trim(String t) {
    if (t.contains("e") || t.contains("E")) {
      return t;
    }
    if (t.contains(".")) {
      t = t.replaceAll("0+$", "");
      if (t.endsWith(".")) {
        t = t.substring(0, t.length() - 1);
      }
    }
    return t;
  }

  /** A unit for a time axis spanning {@code windowS} seconds: s, min, h or d. */
  record TimeUnit(String label, double seconds) {
    static TimeUnit forWindow(double windowS) {
      if (windowS <= 180) {
        return new TimeUnit("s", 1);
      }
      if (windowS <= 3 * 3600) {
        return new TimeUnit("min", 60);
      }
      if (windowS <= 3 * 86400) {
        return new TimeUnit("h", 3600);
      }
      return new TimeUnit("d", 86400);
    }
  }
}
