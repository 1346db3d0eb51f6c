package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds timers and classifies reconciles, stream by stream.
 *
 * <p><b>Method (first version, "gap cluster").</b> For each stream, sorted by start, the gap of a
 * reconcile is the time from the end of the previous reconcile to its start. A RequeueAfter timer
 * starts when Reconcile returns, so its gaps pile up at the delay itself, whatever the reconcile's
 * duration; external events do not. The densest cluster of gaps of relative width {@code
 * 2·tolerance} (gaps ≥ {@code minGapSeconds}) is a timer when it holds at least {@code
 * minTimerReconciles} gaps and {@code minTimerShare} of all gaps; the search repeats on the
 * remaining gaps for up to {@value #MAX_TIMERS} timers. Delay = median of the cluster, jitter =
 * 1.4826·MAD, window = delay ± max(3·jitter, tolerance·delay, 2 ms).
 *
 * <p>Classification, evidence before timing: a kube-rs {@code object.reason}; an external event
 * (given with {@code --events}) within {@code eventWindowSeconds} before the start → external
 * event; the previous reconcile failed → error retry; the gap falls in a timer's window → requeue;
 * the previous reconcile wrote and the gap is within {@code selfWriteWindowSeconds} → self-write;
 * otherwise an event of unknown cause. The first reconcile of a stream has no history: event,
 * unknown, confidence 0.5.
 *
 * <p>Assumes one worker per object (controller-runtime and kube-rs never reconcile one object
 * twice at once) and complete records; a lost record turns the next gap into a multiple of the
 * delay, which is classified as an event.
 */
public final class Analyzer {
  static final int MAX_TIMERS = 3;
  private static final double MIN_HALF_WIDTH_S = 0.002;

  private final AnalysisParameters params;

  public Analyzer(AnalysisParameters params) {
    this.params = params;
  }

  /**
   * Analyzes reconciles of any number of streams.
   *
   * @param reconciles sorted by stream then start (as {@code ReconcileExtractor} returns them)
   * @param externalEvents sorted epoch-ns times of known external changes, may be empty
   * @param windowStartNanos start of the observed window
   * @param windowEndNanos end of the observed window
   */
  public Analysis analyze(
      List<Reconcile> reconciles, long[] externalEvents, long windowStartNanos, long windowEndNanos) {
    List<ClassifiedReconcile> classified = new ArrayList<>(reconciles.size());
    List<StreamResult> streams = new ArrayList<>();
    int i = 0;
    while (i < reconciles.size()) {
      int j = i;
      StreamKey key = reconciles.get(i).key();
      while (j < reconciles.size() && reconciles.get(j).key().equals(key)) {
        j++;
      }
      streams.add(analyzeStream(reconciles.subList(i, j), externalEvents, classified));
      i = j;
    }
    return new Analysis(params, classified, streams, controllers(streams, classified),
        windowStartNanos, windowEndNanos);
  }

  private StreamResult analyzeStream(
      List<Reconcile> rs, long[] events, List<ClassifiedReconcile> out) {
    int n = rs.size();
    double[] gaps = new double[Math.max(0, n - 1)];
    double[] starts = new double[Math.max(0, n - 1)];
    for (int j = 1; j < n; j++) {
      gaps[j - 1] = Math.max(0, rs.get(j).startNanos() - rs.get(j - 1).endNanos()) / 1e9;
      starts[j - 1] = (rs.get(j).startNanos() - rs.get(j - 1).startNanos()) / 1e9;
    }
    List<TimerFinding> timers = findTimers(gaps, starts);
    int timerDriven = 0;
    int[] perTimer = new int[timers.size()];
    for (int j = 0; j < n; j++) {
      Classification c = classify(rs, j, j == 0 ? Double.NaN : gaps[j - 1], timers, events);
      if (c.trigger() == Trigger.TIMER) {
        timerDriven++;
        for (int t = 0; t < timers.size(); t++) {
          if (c.cause() == Cause.REQUEUE && timers.get(t).delaySeconds() == c.timerSeconds()) {
            perTimer[t]++;
          }
        }
      }
      out.add(new ClassifiedReconcile(rs.get(j), c));
    }
    List<TimerFinding> counted = new ArrayList<>();
    for (int t = 0; t < timers.size(); t++) {
      TimerFinding f = timers.get(t);
      counted.add(new TimerFinding(f.delaySeconds(), f.periodSeconds(), f.jitterSeconds(),
          perTimer[t], 1, f.windowLowSeconds(), f.windowHighSeconds()));
    }
    boolean insufficient = n - 1 < params.minTimerReconciles();
    return new StreamResult(rs.get(0).key(), n, timerDriven, counted, insufficient);
  }

  /** The gap-cluster search described in the class comment. */
  List<TimerFinding> findTimers(double[] gaps, double[] startToStart) {
    List<TimerFinding> found = new ArrayList<>();
    boolean[] used = new boolean[gaps.length];
    for (int round = 0; round < MAX_TIMERS; round++) {
      double[] free = freeGaps(gaps, used);
      Arrays.sort(free);
      int bestCount = 0;
      int bestIndex = -1;
      int hi = 0;
      for (int lo = 0; lo < free.length; lo++) {
        double limit = free[lo] * (1 + 2 * params.tolerance()) + MIN_HALF_WIDTH_S;
        hi = Math.max(hi, lo);
        while (hi < free.length && free[hi] <= limit) {
          hi++;
        }
        if (hi - lo > bestCount) {
          bestCount = hi - lo;
          bestIndex = lo;
        }
      }
      if (bestIndex < 0 || bestCount < params.minTimerReconciles()
          || bestCount < params.minTimerShare() * gaps.length) {
        break;
      }
      double[] cluster = Arrays.copyOfRange(free, bestIndex, bestIndex + bestCount);
      double delay = median(cluster);
      double jitter = 1.4826 * mad(cluster, delay);
      double half = Math.max(3 * jitter, Math.max(params.tolerance() * delay, MIN_HALF_WIDTH_S));
      double lo = Math.max(params.minGapSeconds(), delay - half);
      double hiEdge = delay + half;
      List<Double> periods = new ArrayList<>();
      for (int j = 0; j < gaps.length; j++) {
        if (!used[j] && gaps[j] >= lo && gaps[j] <= hiEdge) {
          used[j] = true;
          periods.add(startToStart[j]);
        }
      }
      double period = median(periods.stream().mapToDouble(Double::doubleValue).toArray());
      found.add(new TimerFinding(delay, period, jitter, periods.size(), 1, lo, hiEdge));
    }
    found.sort((a, b) -> Double.compare(a.delaySeconds(), b.delaySeconds()));
    return found;
  }

  private double[] freeGaps(double[] gaps, boolean[] used) {
    int k = 0;
    double[] out = new double[gaps.length];
    for (int j = 0; j < gaps.length; j++) {
      if (!used[j] && gaps[j] >= params.minGapSeconds()) {
        out[k++] = gaps[j];
      }
    }
    return Arrays.copyOf(out, k);
  }

  private Classification classify(
      List<Reconcile> rs, int j, double gap, List<TimerFinding> timers, long[] events) {
    Reconcile r = rs.get(j);
    Classification byReason = fromReason(r.reason(), gap);
    if (byReason != null) {
      return byReason;
    }
    if (hasEventBefore(events, r.startNanos(), (long) (params.eventWindowSeconds() * 1e9))) {
      return Classification.event(Cause.EXTERNAL_EVENT, 0.95);
    }
    if (j == 0) {
      return Classification.event(Cause.UNKNOWN, 0.5);
    }
    Reconcile prev = rs.get(j - 1);
    if (prev.error()) {
      return Classification.timer(Cause.ERROR_RETRY, 0.8, gap);
    }
    for (TimerFinding t : timers) {
      if (t.contains(gap)) {
        return Classification.timer(Cause.REQUEUE, 0.9, t.delaySeconds());
      }
    }
    if (prev.calls().writes() > 0 && gap <= params.selfWriteWindowSeconds()) {
      return Classification.event(Cause.SELF_WRITE, 0.6);
    }
    return Classification.event(Cause.UNKNOWN, timers.isEmpty() ? 0.6 : 0.8);
  }

  /** kube-rs {@code ReconcileReason} display strings, which say why the reconcile ran. */
  static Classification fromReason(String reason, double gap) {
    if (reason == null || reason.isEmpty()) {
      return null;
    }
    if (reason.equals("reconciler requested retry")) {
      return Classification.timer(Cause.REQUEUE, 0.99, Double.isNaN(gap) ? Double.NaN : gap);
    }
    if (reason.equals("error policy requested retry")) {
      return Classification.timer(Cause.ERROR_RETRY, 0.99, Double.isNaN(gap) ? Double.NaN : gap);
    }
    if (reason.equals("object updated") || reason.startsWith("related object updated")) {
      return Classification.event(Cause.EXTERNAL_EVENT, 0.95);
    }
    if (reason.equals("bulk reconcile requested")) {
      return Classification.event(Cause.UNKNOWN, 0.9);
    }
    return null;
  }

  static boolean hasEventBefore(long[] events, long start, long window) {
    if (events.length == 0) {
      return false;
    }
    int i = Arrays.binarySearch(events, start);
    int at = i >= 0 ? i : -i - 2; // last event <= start
    return at >= 0 && start - events[at] <= window;
  }

  private static List<ControllerResult> controllers(
      List<StreamResult> streams, List<ClassifiedReconcile> classified) {
    Map<String, List<StreamResult>> byController = new LinkedHashMap<>();
    for (StreamResult s : streams) {
      byController.computeIfAbsent(s.key().operator() + "\u0000" + s.key().controller(),
          k -> new ArrayList<>()).add(s);
    }
    Map<String, EnumMap<Cause, Integer>> causes = new LinkedHashMap<>();
    for (ClassifiedReconcile c : classified) {
      StreamKey k = c.reconcile().key();
      causes.computeIfAbsent(k.operator() + "\u0000" + k.controller(), x -> zeroCauses())
          .merge(c.classification().cause(), 1, Integer::sum);
    }
    List<ControllerResult> out = new ArrayList<>();
    for (var e : byController.entrySet()) {
      List<StreamResult> ss = e.getValue();
      int reconciles = 0;
      int timer = 0;
      int insufficient = 0;
      List<TimerFinding> all = new ArrayList<>();
      for (StreamResult s : ss) {
        reconciles += s.reconciles();
        timer += s.timerDriven();
        insufficient += s.insufficientData() ? 1 : 0;
        all.addAll(s.timers());
      }
      StreamKey first = ss.get(0).key();
      out.add(new ControllerResult(first.operator(), first.controller(), ss.size(), reconciles,
          reconciles - timer, timer, causes.get(e.getKey()), mergeTimers(all), insufficient));
    }
    out.sort((a, b) -> a.operator().equals(b.operator())
        ? a.controller().compareTo(b.controller()) : a.operator().compareTo(b.operator()));
    return out;
  }

  private static EnumMap<Cause, Integer> zeroCauses() {
    EnumMap<Cause, Integer> m = new EnumMap<>(Cause.class);
    for (Cause c : Cause.values()) {
      m.put(c, 0);
    }
    return m;
  }

  /** Streams' timers whose windows overlap are one controller timer: weighted by reconciles. */
  static List<TimerFinding> mergeTimers(List<TimerFinding> timers) {
    List<TimerFinding> sorted = new ArrayList<>(timers);
    sorted.sort((a, b) -> Double.compare(a.delaySeconds(), b.delaySeconds()));
    List<TimerFinding> out = new ArrayList<>();
    List<TimerFinding> group = new ArrayList<>();
    for (TimerFinding t : sorted) {
      if (!group.isEmpty() && t.windowLowSeconds() > maxHigh(group)) {
        out.add(combine(group));
        group.clear();
      }
      group.add(t);
    }
    if (!group.isEmpty()) {
      out.add(combine(group));
    }
    return out;
  }

  private static double maxHigh(List<TimerFinding> g) {
    double m = Double.NEGATIVE_INFINITY;
    for (TimerFinding t : g) {
      m = Math.max(m, t.windowHighSeconds());
    }
    return m;
  }

  private static TimerFinding combine(List<TimerFinding> g) {
    if (g.size() == 1) {
      return g.get(0);
    }
    double w = 0;
    double delay = 0;
    double period = 0;
    double jitter = 0;
    int reconciles = 0;
    int objects = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (TimerFinding t : g) {
      double weight = Math.max(1, t.reconciles());
      w += weight;
      delay += weight * t.delaySeconds();
      period += weight * t.periodSeconds();
      jitter += weight * t.jitterSeconds();
      reconciles += t.reconciles();
      objects += t.objects();
      lo = Math.min(lo, t.windowLowSeconds());
      hi = Math.max(hi, t.windowHighSeconds());
    }
    return new TimerFinding(delay / w, period / w, jitter / w, reconciles, objects, lo, hi);
  }

  static double median(double[] xs) {
    if (xs.length == 0) {
      return Double.NaN;
    }
    double[] s = xs.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  static double mad(double[] xs, double center) {
    double[] d = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      d[i] = Math.abs(xs[i] - center);
    }
    return median(d);
  }

  /** Distinct objects among streams, for reports. */
  static int distinct(List<StreamResult> ss) {
    Set<String> s = new HashSet<>();
    for (StreamResult r : ss) {
      s.add(r.key().object());
    }
    return s.size();
  }
}
