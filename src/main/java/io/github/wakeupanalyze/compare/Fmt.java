package io.github.wakeupanalyze.compare;

import java.util.Locale;

/** Fixed, locale-independent formats for every compare writer. */
final class Fmt {
  private Fmt() {}

  /** A metric's value: shares as {@code 77.8 %}, counts as integers, rates with one decimal. */
  static String value(Metric m, double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (m.share()) {
      return fixed(100 * v, 1) + " %";
    }
    if (m == Metric.TIMERS) {
      return Long.toString(Math.round(v));
    }
    if (m == Metric.WRITES_PER_WAKEUP) {
      return fixed(v, 3);
    }
    return fixed(v, 1);
  }

  /** {@code 827.6 → 993.1}. */
  static String arrow(Metric m, Change c) {
    return value(m, c.baseline()) + " → " + value(m, c.candidate());
  }

  /**
   * The change: {@code +2.2 pp} for shares; {@code +165.5, +20.0 %} otherwise ({@code from 0} when
   * the baseline is 0); empty when either side is unknown.
   */
  static String delta(Metric m, Change c) {
    if (!c.known()) {
      return "";
    }
    if (m.share()) {
      return signed(100 * c.difference(), 1) + " pp";
    }
    String d =
        m == Metric.TIMERS
            ? signed(c.difference(), 0)
            : signed(c.difference(), m == Metric.WRITES_PER_WAKEUP ? 3 : 1);
    double r = c.relative();
    return d + ", " + (Double.isInfinite(r) ? "from 0" : signed(100 * r, 1) + " %");
  }

  /** {@code 827.6 → 993.1 (+165.5, +20.0 %)}; {@code n/a} when neither side has it. */
  static String cell(Metric m, Change c) {
    if (Double.isNaN(c.baseline()) && Double.isNaN(c.candidate())) {
      return "n/a";
    }
    String d = delta(m, c);
    return arrow(m, c) + (d.isEmpty() ? "" : " (" + d + ")");
  }

  static String threshold(Rule r) {
    if (r.newTimer()) {
      return "any";
    }
    return (r.sign() > 0 ? "+" : "-")
        + trim(fixed(r.amount(), 6))
        + (r.unit() == Rule.Unit.ABSOLUTE ? "" : " " + r.unit().suffix());
  }

  /** With an explicit sign; a value that rounds to zero is {@code +0.0}, never {@code -0.0}. */
  static String signed(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%+." + decimals + "f", v);
    return s.matches("-0(\\.0*)?") ? "+" + s.substring(1) : s;
  }

  static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A human duration: {@code 5 s}, {@code 150 ms}, {@code 10 min}, {@code 10 h}. */
  static String duration(double s) {
    if (Double.isNaN(s)) {
      return "n/a";
    }
    if (s < 1) {
      return trim(fixed(s * 1000, 1)) + " ms";
    }
    if (s < 120) {
      return trim(fixed(s, 2)) + " s";
    }
    if (s < 7200) {
      return trim(fixed(s / 60, 1)) + " min";
    }
    return trim(fixed(s / 3600, 2)) + " h";
  }

  static String trim(String t) {
    if (t.contains(".")) {
      t = t.replaceAll("0+$", "");
      if (t.endsWith(".")) {
        t = t.substring(0, t.length() - 1);
      }
    }
    return t;
  }
}
