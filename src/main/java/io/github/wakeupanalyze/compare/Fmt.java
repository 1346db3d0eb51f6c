package io.github.wakeupanalyze.compare;

import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Numbers;

/** Fixed, locale-independent formats for every compare writer. */
final class Fmt {
  private Fmt() {}

  /** A metric's value: shares as {@code 77.8 %}, counts as integers, rates with one decimal. */
  static String value(Metric m, double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (m.share()) {
      return Numbers.fixed(100 * v, 1) + " %";
    }
    if (m == Metric.TIMERS) {
      return Long.toString(Math.round(v));
    }
    if (m == Metric.WRITES_PER_WAKEUP) {
      return Numbers.fixed(v, 3);
    }
    return Numbers.fixed(v, 1);
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
      return Numbers.signed(100 * c.difference(), 1) + " pp";
    }
    String d =
        m == Metric.TIMERS
            ? Numbers.signed(c.difference(), 0)
            : Numbers.signed(c.difference(), m == Metric.WRITES_PER_WAKEUP ? 3 : 1);
    double r = c.relative();
    return d + ", " + (Double.isInfinite(r) ? "from 0" : Numbers.signed(100 * r, 1) + " %");
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
        + Durations.trimZeros(Numbers.fixed(r.amount(), 6))
        + (r.unit() == Rule.Unit.ABSOLUTE ? "" : " " + r.unit().suffix());
  }

  /** A human duration: see {@link Durations#human(double)}. */
  static String duration(double s) {
    return Durations.human(s);
  }
}
