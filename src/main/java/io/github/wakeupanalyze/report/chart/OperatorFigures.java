package io.github.wakeupanalyze.report.chart;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.Trigger;
import io.github.wakeupanalyze.text.Durations;
import io.github.wakeupanalyze.text.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The figures of one operator, built from the analysis: timeline, gap histogram, periodogram, phase
 * plots (one per timer found) and wake-ups per minute.
 *
 * <p>Sized for 10^6 reconciles: every chart aggregates, so no chart holds more than a few thousand
 * items whatever the input. The timeline keeps one mark per (object, cause, time bin) of {@value
 * #TIMELINE_BINS} bins and the {@value #MAX_ROWS} objects with most reconciles; the per-minute
 * chart widens its bins to keep at most {@value #MAX_RATE_BINS}; histograms bin gaps on a log
 * scale; phase plots keep every k-th point beyond {@value #MAX_PHASE_POINTS} per series.
 */
public final class OperatorFigures {
  private static final int CAUSES = Cause.values().length; // values() copies its array per call
  static final int MAX_ROWS = 30;
  static final int TIMELINE_BINS = 300;
  static final int MAX_RATE_BINS = 360;
  static final int MAX_PHASE_POINTS = 2000;
  static final int MAX_PHASE_FIGURES = 4;
  static final int HISTOGRAM_BINS_PER_DECADE = 20;
  static final int PERIODOGRAM_POINTS = 600;
  private static final double[] RATE_BIN_MINUTES = {
    1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440, 2880, 10080
  };

  private final String operator;
  private final long w0;
  private final long w1;
  private final TimeUnit unit;
  private final Map<StreamKey, List<ClassifiedReconcile>> streams = new TreeMap<>();
  private final List<ControllerResult> controllers = new ArrayList<>();

  private OperatorFigures(Analysis a, String operator) {
    this.operator = operator;
    this.w0 = a.windowStartNanos();
    this.w1 = Math.max(a.windowEndNanos(), a.windowStartNanos());
    this.unit = TimeUnit.forWindow((w1 - w0) / 1e9);
    for (ClassifiedReconcile cr : a.reconciles()) {
      StreamKey k = cr.reconcile().key();
      if (k.operator().equals(operator)) {
        streams.computeIfAbsent(k, x -> new ArrayList<>()).add(cr);
      }
    }
    for (List<ClassifiedReconcile> rs : streams.values()) {
      rs.sort((x, y) -> Long.compare(x.reconcile().startNanos(), y.reconcile().startNanos()));
    }
    for (ControllerResult c : a.controllers()) {
      if (c.operator().equals(operator)) {
        controllers.add(c);
      }
    }
  }

  /** Every figure of the operator, in report order. */
  public static List<Figure> build(Analysis analysis, String operator) {
    List<Figure> out = new ArrayList<>();
    for (Supplier<List<Figure>> part : parts(analysis, operator)) {
      out.addAll(part.get());
    }
    return out;
  }

  /**
   * The figures of the operator in report order, as parts that may be computed on different threads
   * (they only read what the constructor gathered): timeline, gap histogram, periodogram (none when
   * too few starts), the phase plots, wake-ups per minute. The periodogram's transforms are most of
   * the cost (40 of 65 ms of CPU on the 22 MB bench trace).
   */
  public static List<Supplier<List<Figure>>> parts(Analysis analysis, String operator) {
    OperatorFigures f = new OperatorFigures(analysis, operator);
    return List.of(
        () -> List.of(f.timeline()),
        () -> List.of(f.gaps()),
        () -> {
          Figure p = f.periodogram();
          return p == null ? List.of() : List.of(p);
        },
        f::phases,
        () -> List.of(f.perMinute()));
  }

  private double t(long nanos) {
    return (nanos - w0) / 1e9 / unit.seconds();
  }

  private String timeLabel() {
    return "time since start (" + unit.label() + ")";
  }

  /** Series key of a reconcile: its trigger and cause. */
  private static int seriesIndex(ClassifiedReconcile cr) {
    return cr.classification().trigger().ordinal() * CAUSES + cr.classification().cause().ordinal();
  }

  private static String seriesName(int idx) {
    Trigger t = Trigger.values()[idx / Cause.values().length];
    Cause c = Cause.values()[idx % Cause.values().length];
    return t.label() + ": " + c.label();
  }

  Figure timeline() {
    List<StreamKey> keys = new ArrayList<>(streams.keySet());
    String note = "";
    if (keys.size() > MAX_ROWS) {
      List<StreamKey> top = new ArrayList<>(keys);
      top.sort((a, b) -> Integer.compare(streams.get(b).size(), streams.get(a).size()));
      List<StreamKey> kept = new ArrayList<>(top.subList(0, MAX_ROWS));
      kept.sort(null);
      note = MAX_ROWS + " of " + keys.size() + " objects shown (most reconciles)";
      keys = kept;
    }
    boolean oneController = keys.stream().map(StreamKey::controller).distinct().count() <= 1;
    int nSeries = Trigger.values().length * Cause.values().length;
    List<List<double[]>> pts = new ArrayList<>();
    for (int s = 0; s < nSeries; s++) {
      pts.add(new ArrayList<>());
    }
    List<String> labels = new ArrayList<>();
    double binNanos = Math.max(1, (w1 - w0) / (double) TIMELINE_BINS);
    long reconciles = 0;
    for (int i = 0; i < keys.size(); i++) {
      StreamKey k = keys.get(keys.size() - 1 - i); // first key at the top
      labels.add(oneController ? k.object() : k.controller() + " · " + k.object());
      long[] lastBin = new long[nSeries];
      Arrays.fill(lastBin, -1);
      for (ClassifiedReconcile cr : streams.get(k)) {
        reconciles++;
        int s = seriesIndex(cr);
        long bin = (long) ((cr.reconcile().startNanos() - w0) / binNanos);
        if (bin != lastBin[s]) {
          lastBin[s] = bin;
          pts.get(s).add(new double[] {t(cr.reconcile().startNanos()), i});
        }
      }
    }
    List<Figure.Series> series = new ArrayList<>();
    long marks = 0;
    for (int s = 0; s < nSeries; s++) {
      List<double[]> p = pts.get(s);
      if (p.isEmpty()) {
        continue;
      }
      marks += p.size();
      series.add(
          Figure.Series.points(
              seriesName(s),
              "cause:" + Cause.values()[s % Cause.values().length].label(),
              column(p, 0),
              column(p, 1)));
    }
    if (marks < reconciles) {
      note =
          (note.isEmpty() ? "One" : note + "; one")
              + " mark per object, cause and "
              + Durations.human(binNanos / 1e9)
              + " interval";
    } else if (!note.isEmpty()) {
      note = Character.toUpperCase(note.charAt(0)) + note.substring(1);
    }
    note =
        "Each mark is a reconcile of one object: filled marks were started by a timer, hollow "
            + "ones by an event; colour and shape give the cause."
            + (note.isEmpty() ? "" : " " + note + ".");
    return new Figure(
        "timeline",
        Figure.Kind.TIMELINE,
        "Reconciles over time, by object",
        timeLabel(),
        "object",
        false,
        series,
        List.of(),
        labels,
        note);
  }

  Figure gaps() {
    List<Double> endToStart = new ArrayList<>();
    List<Double> startToStart = new ArrayList<>();
    for (List<ClassifiedReconcile> rs : streams.values()) {
      for (int j = 1; j < rs.size(); j++) {
        Reconcile prev = rs.get(j - 1).reconcile();
        Reconcile cur = rs.get(j).reconcile();
        endToStart.add(Math.max(0, cur.startNanos() - prev.endNanos()) / 1e9);
        startToStart.add((cur.startNanos() - prev.startNanos()) / 1e9);
      }
    }
    double max = 1e-3;
    double minPositive = Double.POSITIVE_INFINITY;
    for (List<Double> l : List.of(endToStart, startToStart)) {
      for (double g : l) {
        max = Math.max(max, g);
        if (g > 0) {
          minPositive = Math.min(minPositive, g);
        }
      }
    }
    int loDecade =
        (int)
            Math.floor(
                Math.log10(Math.max(1e-3, Double.isInfinite(minPositive) ? 1e-3 : minPositive)));
    int hiDecade = Math.max(loDecade + 1, (int) Math.ceil(Math.log10(max) + 1e-9));
    int bins = (hiDecade - loDecade) * HISTOGRAM_BINS_PER_DECADE;
    double[] lo = new double[bins];
    double[] hi = new double[bins];
    double[] mid = new double[bins];
    for (int b = 0; b < bins; b++) {
      lo[b] = Math.pow(10, loDecade + (double) b / HISTOGRAM_BINS_PER_DECADE);
      hi[b] = Math.pow(10, loDecade + (double) (b + 1) / HISTOGRAM_BINS_PER_DECADE);
      mid[b] = Math.sqrt(lo[b] * hi[b]);
    }
    List<Figure.Series> series = new ArrayList<>();
    series.add(
        new Figure.Series(
            "end→start gap", "line:0", mid, histogram(endToStart, loDecade, bins), lo, hi));
    series.add(
        new Figure.Series(
            "start→start interval",
            "line:1",
            mid,
            histogram(startToStart, loDecade, bins),
            lo,
            hi));
    List<Figure.Marker> markers = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (double d : timerDelays()) {
      String label = "timer " + Durations.human(d);
      if (!labels.contains(label)) { // timers of several controllers at the same delay: one line
        labels.add(label);
        markers.add(new Figure.Marker(true, d, label));
      }
    }
    return new Figure(
        "gaps",
        Figure.Kind.HISTOGRAM,
        "Gaps between reconciles of one object",
        "gap (s, log scale)",
        "gaps per bin",
        true,
        series,
        markers,
        List.of(),
        "Bars: time from the end of one reconcile to the start of the next on the same object; "
            + "dashed outline: start to start. A RequeueAfter timer piles the end→start gaps up "
            + "at its delay, marked by a dashed vertical line. "
            + HISTOGRAM_BINS_PER_DECADE
            + " bins per decade from "
            + Durations.human(lo[0])
            + " (shorter gaps in the first bin).");
  }

  private static double[] histogram(List<Double> values, int loDecade, int bins) {
    double[] counts = new double[bins];
    for (double v : values) {
      int b = v <= 0 ? 0 : (int) Math.floor((Math.log10(v) - loDecade) * HISTOGRAM_BINS_PER_DECADE);
      counts[Math.max(0, Math.min(bins - 1, b))]++;
    }
    return counts;
  }

  /** Distinct timer delays found for this operator's controllers, ascending. */
  private List<Double> timerDelays() {
    List<Double> out = new ArrayList<>();
    for (ControllerResult c : controllers) {
      for (TimerFinding t : c.timers()) {
        if (!out.contains(t.delaySeconds())) {
          out.add(t.delaySeconds());
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * The periodogram to plot. Today a {@link BinnedPeriodogram} computed here; switch this one
   * method to the analysis engine's periodogram when it provides one.
   */
  PeriodogramData periodogramData() {
    List<long[]> starts = new ArrayList<>();
    for (List<ClassifiedReconcile> rs : streams.values()) {
      long[] s = new long[rs.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = rs.get(i).reconcile().startNanos();
      }
      starts.add(s);
    }
    return BinnedPeriodogram.compute(starts, w0, w1);
  }

  Figure periodogram() {
    PeriodogramData p = periodogramData();
    if (p == null) {
      return null;
    }
    double[][] thin = BinnedPeriodogram.thin(p.periodSeconds(), p.power(), PERIODOGRAM_POINTS);
    List<Figure.Series> series = new ArrayList<>();
    series.add(Figure.Series.points("power", "line:0", thin[0], thin[1]));
    double[] px = {p.periodSeconds()[0], p.periodSeconds()[p.periodSeconds().length - 1]};
    series.add(
        Figure.Series.points(
            "threshold (p = " + p.falseAlarm() + ")",
            "line:1",
            px,
            new double[] {p.threshold(), p.threshold()}));
    List<Figure.Marker> markers = PeakGroups.markers(p);
    return new Figure(
        "periodogram",
        Figure.Kind.LINE,
        "Periodogram of reconcile starts",
        "period (s, log scale)",
        "power",
        true,
        series,
        markers,
        List.of(),
        "How strongly reconcile starts repeat at each period (power 1 is the mean under the "
            + "null); peaks above the dashed threshold are periodic beyond chance. Each period "
            + "found is labelled once; thin dashed lines mark its harmonics (peaks at its "
            + "fractions and multiples), which are not separate findings. "
            + "Method: "
            + p.method()
            + ".");
  }

  List<Figure> phases() {
    List<Figure> out = new ArrayList<>();
    int n = 0;
    for (ControllerResult c : controllers) {
      for (TimerFinding timer : c.timers()) {
        if (n == MAX_PHASE_FIGURES) {
          return out;
        }
        n++;
        out.add(phase(n, c.controller(), timer.delaySeconds()));
      }
    }
    return out;
  }

  /**
   * Each reconcile's end→start gap folded at the timer's delay: phase = gap/delay minus the nearest
   * whole number, in cycles. Reconciles the timer started sit at phase 0 whatever the number of
   * cycles; events spread over the whole range. The fold anchors at the previous reconcile's end
   * because a RequeueAfter timer restarts there (a stationary timer such as resync would need an
   * absolute fold instead).
   */
  Figure phase(int n, String controller, double delay) {
    List<double[]>[] pts = newLists(2);
    for (Map.Entry<StreamKey, List<ClassifiedReconcile>> e : streams.entrySet()) {
      if (!e.getKey().controller().equals(controller)) {
        continue;
      }
      List<ClassifiedReconcile> rs = e.getValue();
      for (int j = 1; j < rs.size(); j++) {
        Reconcile cur = rs.get(j).reconcile();
        double gap = Math.max(0, cur.startNanos() - rs.get(j - 1).reconcile().endNanos()) / 1e9;
        double cycles = gap / delay;
        double phase = cycles - Math.rint(cycles);
        pts[rs.get(j).classification().trigger().ordinal()].add(
            new double[] {phase, t(cur.startNanos())});
      }
    }
    List<Figure.Series> series = new ArrayList<>();
    String note = "";
    for (Trigger trig : Trigger.values()) {
      List<double[]> p = pts[trig.ordinal()];
      if (p.isEmpty()) {
        continue;
      }
      int stride = (p.size() + MAX_PHASE_POINTS - 1) / MAX_PHASE_POINTS;
      if (stride > 1) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < p.size(); i += stride) {
          kept.add(p.get(i));
        }
        note = " Every " + Numbers.ordinal(stride) + " reconcile shown.";
        p = kept;
      }
      series.add(
          Figure.Series.points(
              trig.label() + "-driven", "trigger:" + trig.label(), column(p, 0), column(p, 1)));
    }
    return new Figure(
        "phase-" + n,
        Figure.Kind.SCATTER,
        "Phase at the " + Durations.human(delay) + " timer of " + controller,
        "phase of end→start gap at " + Durations.human(delay) + " (cycles)",
        timeLabel(),
        false,
        series,
        List.of(new Figure.Marker(true, 0, "timer fires")),
        List.of(),
        "Each reconcile's end→start gap folded at the timer's delay: reconciles the timer started "
            + "line up at phase 0, events spread across the width."
            + note);
  }

  Figure perMinute() {
    double windowMin = (w1 - w0) / 6e10;
    double width = RATE_BIN_MINUTES[RATE_BIN_MINUTES.length - 1];
    for (double m : RATE_BIN_MINUTES) {
      if (windowMin / m <= MAX_RATE_BINS) {
        width = m;
        break;
      }
    }
    int bins = Math.max(1, (int) Math.ceil(windowMin / width - 1e-9));
    double[][] counts = new double[2][bins];
    for (List<ClassifiedReconcile> rs : streams.values()) {
      for (ClassifiedReconcile cr : rs) {
        int b = (int) Math.min(bins - 1, (cr.reconcile().startNanos() - w0) / 6e10 / width);
        counts[cr.classification().trigger().ordinal()][b]++;
      }
    }
    double[] lo = new double[bins];
    double[] hi = new double[bins];
    double[] mid = new double[bins];
    for (int b = 0; b < bins; b++) {
      lo[b] = b * width * 60 / unit.seconds();
      hi[b] = (b + 1) * width * 60 / unit.seconds();
      mid[b] = (lo[b] + hi[b]) / 2;
    }
    List<Figure.Series> series = new ArrayList<>();
    for (Trigger trig : new Trigger[] {Trigger.TIMER, Trigger.EVENT}) {
      double[] y = counts[trig.ordinal()];
      for (int b = 0; b < bins; b++) {
        y[b] /= width;
      }
      series.add(
          new Figure.Series(trig.label() + "-driven", "trigger:" + trig.label(), mid, y, lo, hi));
    }
    String bin =
        width == 1 ? "1-minute bins" : "averaged over " + Durations.human(width * 60) + " bins";
    return new Figure(
        "per-minute",
        Figure.Kind.STACKED_BARS,
        "Wake-ups per minute, by trigger",
        timeLabel(),
        "wake-ups per minute",
        false,
        series,
        List.of(),
        List.of(),
        "Reconciles started per minute, timer-driven stacked under event-driven; "
            + bin
            + (windowMin < width ? " (the trace is shorter than one bin)." : "."));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<double[]>[] newLists(int n) {
    List<double[]>[] out = new List[n];
    for (int i = 0; i < n; i++) {
      out[i] = new ArrayList<>();
    }
    return out;
  }

  private static double[] column(List<double[]> pts, int c) {
    double[] out = new double[pts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = pts.get(i)[c];
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "OperatorFigures[%s, %d streams]", operator, streams.size());
  }
}
