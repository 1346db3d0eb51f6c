package io.github.wakeupanalyze.report.chart;

/** A unit for a time axis: s, min, h or d, chosen for the window it spans. */
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
