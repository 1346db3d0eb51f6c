package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.text.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The periodogram's significant peaks as reference lines: one labelled line per period found, and
 * unlabelled thin lines for its harmonics, so that a 5 s timer is not reported again as 2.5 s and
 * 1.67 s. Peaks are taken strongest first; a peak within {@value #SAME} (relative) of a period
 * already kept is the same peak (a split maximum), and one whose ratio to a kept period, either
 * way, is within {@value #SAME} of a whole number k ≥ 2 is its harmonic.
 */
final class PeakGroups {
  static final double SAME = 0.05;

  private PeakGroups() {}

  static List<Figure.Marker> markers(PeriodogramData p) {
    List<double[]> peaks = new ArrayList<>(); // {period, power}
    for (double period : p.peakPeriods()) {
      peaks.add(new double[] {period, powerAt(p, period)});
    }
    peaks.sort(Comparator.comparingDouble((double[] x) -> -x[1]).thenComparingDouble(x -> x[0]));
    List<Double> kept = new ArrayList<>();
    List<Double> harmonics = new ArrayList<>();
    for (double[] peak : peaks) {
      double period = peak[0];
      boolean same = false;
      boolean harmonic = false;
      for (double k : kept) {
        double ratio = Math.max(k, period) / Math.min(k, period);
        same |= ratio - 1 < SAME;
        long whole = Math.round(ratio);
        harmonic |= whole >= 2 && Math.abs(ratio - whole) < SAME * whole;
      }
      if (same) {
        continue;
      }
      (harmonic ? harmonics : kept).add(period);
    }
    List<Figure.Marker> out = new ArrayList<>();
    for (double k : kept) {
      out.add(new Figure.Marker(true, k, "period " + Durations.human(k)));
    }
    for (double h : harmonics) {
      out.add(new Figure.Marker(true, h, ""));
    }
    return out;
  }

  private static double powerAt(PeriodogramData p, double period) {
    double[] x = p.periodSeconds();
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (Math.abs(Math.log(x[i] / period)) < Math.abs(Math.log(x[best] / period))) {
        best = i;
      }
    }
    return p.power()[best];
  }
}
