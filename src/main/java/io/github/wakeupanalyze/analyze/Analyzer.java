package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.analyze.hazard.PairScan;
import io.github.wakeupanalyze.analyze.hazard.SortedGaps;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.analyze.spectral.BinnedFftPeriodogram;
import io.github.wakeupanalyze.analyze.spectral.Periodogram;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.ObjectRef;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.ReconcileLink;
import io.github.wakeupanalyze.model.StreamKey;
import io.github.wakeupanalyze.model.TraceEvidence;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds timers and classifies every reconcile: the one analysis engine.
 *
 * <p><b>Per controller</b> (operator, controller), over its streams (one per object):
 *
 * <ol>
 *   <li><b>Evidence first</b> (docs/method.md, step 0). Each reconcile is labelled from what the
 *       trace says, when it says something: kube-rs {@code object.reason}; a span link to a write;
 *       a write to the object (or to an object the stream itself writes) by another client within
 *       {@code eventWindowSeconds} before the start, or during the previous reconcile when the gap
 *       is that short (dirty requeue); an {@code --events} time likewise; an error status on the
 *       previous reconcile (controller-runtime {@code AddRateLimited}); the stream's own write in
 *       the previous reconcile followed within {@code selfWriteWindowSeconds} (watch latency); a
 *       geometric run of gaps (ratios in [1.6, 2.5], ≥ 4 in a row, starting below 50 ms as
 *       client-go's 5 ms·2^k does) when the trace records no error status at all.
 *   <li><b>Timers by timing</b>: the gap-hazard spike scan ({@link HazardScan}) on each stream's
 *       end→start gaps, and on the gaps of all streams pooled (timers shared by many objects with
 *       few reconciles each); when a stream shows no spike, the all-anchor pair scan ({@link
 *       PairScan}) for earliest-deadline queues. Gaps after an error are excluded (they are
 *       backoff). Harmonics (m·P̂, m = 2 … 4, a lost record or an absorbed cycle) are attributed to
 *       their fundamental. Queue semantics per timer: "earliest" when reconciles with <em>some</em>
 *       earlier end at the delay outnumber those whose <em>previous</em> end matches by more than
 *       chance (E + 3√E + 3), else "reset".
 *   <li><b>Attribution</b>: a spike most of whose reconciles evidence labels as events is a
 *       periodic external source (e.g. a writer whose writes are visible), not a timer. Without
 *       evidence, a spike whose start→start spread is clearly tighter than its end→start spread is
 *       an external lattice (an internal RequeueAfter counts from the end; docs/method.md, step 4),
 *       provided the starts are phase-coherent at that period over the whole stream (binned-FFT
 *       Rayleigh periodogram, {@link Stream#stationary}): events reset a timer's phase, not a
 *       lattice's.
 *   <li><b>Classification</b> (step 5): evidence labels stand; otherwise TIMER when the gap lies in
 *       a timer's support (reset) or some earlier end does (earliest), padded by {@code
 *       tolerance}·delay + 1 ms below and 2 ms above; a reconcile right after one during which an
 *       earliest timer fell due (gap ≤ 5 ms) is its dirty requeue; a gap above the support is the
 *       timer delayed in the queue when the controller's worker was busy with other objects without
 *       a break from the deadline until this start; everything else EVENT. The first reconcile of a
 *       stream has no history: UNKNOWN, confidence 0.5. Timer confidence is 1 − background/observed
 *       hazard in the support.
 *   <li><b>Resync</b> ({@link ResyncBursts}): reconciles still unexplained that form a synchronized
 *       burst across the controller's objects are resync.
 *   <li><b>Segmentation</b> (step 6): a timer is active from the end that armed a timer reconcile
 *       to the following ones as long as no gap in between exceeds its window by 5σ̂ and no
 *       reconcile of another timer comes in between (another state, e.g. ready vs not ready).
 *   <li><b>Honest limits</b>: a stream without a timer and fewer than {@code minGapsForVerdict}
 *       gaps is "insufficient data" and its reconciles get confidence 0.5.
 * </ol>
 *
 * <p>Assumptions: one worker per object (controller-runtime and kube-rs never reconcile one object
 * twice at once); complete records (a lost record shows as a harmonic); fixed RequeueAfter delays
 * (a delay computed per reconcile gives no spike). Cost O(N log N) overall.
 */
public final class Analyzer {
  private static final double RESOLUTION = 0.0005;
  private static final double PAD_LOW = 0.001;
  private static final double PAD_HIGH = 0.002;
  private static final double DIRTY = 0.005;

  private final AnalysisParameters params;
  private final HazardScan.Config scan;

  public Analyzer(AnalysisParameters params) {
    this.params = params;
    this.scan =
        new HazardScan.Config(
            params.minGapSeconds(),
            params.significance(),
            params.minTimerReconciles(),
            params.maxTimers(),
            params.sharpLimit(),
            RESOLUTION);
  }

  /**
   * Analyzes reconciles of any number of streams, from timing and {@code --events} only.
   *
   * @param reconciles sorted by stream then start (as {@code ReconcileExtractor} returns them)
   * @param externalEvents sorted epoch-ns times of known external changes, may be empty
   * @param windowStartNanos start of the observed window
   * @param windowEndNanos end of the observed window
   */
  public Analysis analyze(
      List<Reconcile> reconciles,
      long[] externalEvents,
      long windowStartNanos,
      long windowEndNanos) {
    return analyze(
        reconciles, externalEvents, TraceEvidence.NONE, windowStartNanos, windowEndNanos);
  }

  /**
   * Analyzes reconciles of any number of streams, with the trace's own evidence.
   *
   * @param evidence writes by other clients and reconcile span links ({@code
   *     ExtractResult.evidence()})
   */
  public Analysis analyze(
      List<Reconcile> reconciles,
      long[] externalEvents,
      TraceEvidence evidence,
      long windowStartNanos,
      long windowEndNanos) {
    Evidence ev = new Evidence(evidence, externalEvents == null ? new long[0] : externalEvents);
    List<ClassifiedReconcile> classified = new ArrayList<>(reconciles.size());
    List<StreamResult> streams = new ArrayList<>();
    List<ControllerResult> controllers = new ArrayList<>();
    int i = 0;
    while (i < reconciles.size()) {
      StreamKey first = reconciles.get(i).key();
      List<List<Reconcile>> group = new ArrayList<>();
      int j = i;
      while (j < reconciles.size() && sameController(reconciles.get(j).key(), first)) {
        int k = j;
        StreamKey key = reconciles.get(j).key();
        while (k < reconciles.size() && reconciles.get(k).key().equals(key)) {
          k++;
        }
        group.add(reconciles.subList(j, k));
        j = k;
      }
      controllers.add(analyzeController(group, ev, classified, streams));
      i = j;
    }
    controllers.sort(
        (a, b) ->
            a.operator().equals(b.operator())
                ? a.controller().compareTo(b.controller())
                : a.operator().compareTo(b.operator()));
    return new Analysis(params, classified, streams, controllers, windowStartNanos, windowEndNanos);
  }

  private static boolean sameController(StreamKey a, StreamKey b) {
    return a.operator().equals(b.operator()) && a.controller().equals(b.controller());
  }

  // ---------------------------------------------------------------- controller

  private ControllerResult analyzeController(
      List<List<Reconcile>> group,
      Evidence ev,
      List<ClassifiedReconcile> outReconciles,
      List<StreamResult> outStreams) {
    long t0 = Long.MAX_VALUE;
    for (List<Reconcile> rs : group) {
      t0 = Math.min(t0, rs.get(0).startNanos());
    }
    List<Stream> streams = new ArrayList<>();
    for (List<Reconcile> rs : group) {
      Stream s = new Stream(rs, t0);
      s.labelEvidence(ev, params);
      streams.add(s);
    }
    Busy busy = streams.size() > 1 ? Busy.of(streams) : null;
    for (Stream s : streams) {
      s.busy = busy;
    }
    // timers found by pooling every object's gaps
    List<Spike> pooled = List.of();
    if (streams.size() >= 2) {
      int total = 0;
      for (Stream s : streams) {
        total += s.scanGaps().length;
      }
      double[] all = new double[total];
      int k = 0;
      for (Stream s : streams) {
        double[] g = s.scanGaps();
        System.arraycopy(g, 0, all, k, g.length);
        k += g.length;
      }
      pooled = HazardScan.scan(all, scan);
    }
    List<Timer> pooledTimers = new ArrayList<>();
    for (Spike sp : pooled) {
      Timer t = new Timer(sp, true, params);
      t.earliest = earliest(streams, t);
      pooledTimers.add(t);
    }
    // the per-object scans are independent: run them on every core, then combine in order
    streams.parallelStream().forEach(s -> s.scanOwn(scan));
    for (Stream s : streams) {
      s.findTimers(scan, pooledTimers, params);
      s.classify(params);
    }
    // resync over what is still unexplained
    List<String> notes = new ArrayList<>();
    TimerFinding resync = resync(streams, notes);
    List<TimerFinding> all = new ArrayList<>();
    int insufficient = 0;
    int timerDriven = 0;
    int reconciles = 0;
    EnumMap<Cause, Integer> causes = new EnumMap<>(Cause.class);
    for (Cause c : Cause.values()) {
      causes.put(c, 0);
    }
    for (Stream s : streams) {
      StreamResult r = s.result(params);
      outStreams.add(r);
      all.addAll(r.timers());
      insufficient += r.insufficientData() ? 1 : 0;
      timerDriven += r.timerDriven();
      reconciles += r.reconciles();
      for (int j = 0; j < s.n; j++) {
        outReconciles.add(new ClassifiedReconcile(s.rs.get(j), s.label[j]));
        causes.merge(s.label[j].cause(), 1, Integer::sum);
      }
    }
    List<TimerFinding> merged = mergeTimers(all);
    if (resync != null) {
      merged.add(resync);
    }
    merged.sort(
        (a, b) ->
            Double.compare(
                Double.isNaN(a.delaySeconds()) ? Double.MAX_VALUE : a.delaySeconds(),
                Double.isNaN(b.delaySeconds()) ? Double.MAX_VALUE : b.delaySeconds()));
    if (insufficient > 0) {
      notes.add(
          insufficient
              + " of "
              + streams.size()
              + " objects have too few reconciles to tell whether a timer drives them (insufficient data)");
    }
    StreamKey k = group.get(0).get(0).key();
    return new ControllerResult(
        k.operator(),
        k.controller(),
        streams.size(),
        reconciles,
        reconciles - timerDriven,
        timerDriven,
        causes,
        merged,
        insufficient,
        notes);
  }

  /** Queue semantics of a timer over some streams (class comment, item 2). */
  static boolean earliest(List<Stream> streams, Timer t) {
    double cPrev = 0;
    double cAny = 0;
    double chance = 0;
    for (Stream s : streams) {
      if (s.n < 3) {
        continue;
      }
      int prev = 0;
      for (int j = 1; j < s.n; j++) {
        if (t.inSupport(s.g[j])) {
          prev++;
        }
      }
      int any = PairScan.anyEarlierEnd(s.s, s.sortedEnds, t.lo, t.hi);
      double span = s.s[s.n - 1] - s.s[0];
      double rho = span > 0 ? (s.n - 1) / span : 0;
      cPrev += prev;
      cAny += any;
      chance += (s.n - prev) * -Math.expm1(-rho * (t.hi - t.lo));
    }
    return cAny - cPrev > chance + 3 * Math.sqrt(chance) + 3;
  }

  private TimerFinding resync(List<Stream> streams, List<String> notes) {
    int total = 0;
    int candidates = 0;
    double minS = Double.POSITIVE_INFINITY;
    double maxS = Double.NEGATIVE_INFINITY;
    for (Stream s : streams) {
      total += s.n;
      for (int j = 0; j < s.n; j++) {
        minS = Math.min(minS, s.s[j]);
        maxS = Math.max(maxS, s.s[j]);
        if (!s.evidenceLabel[j] && !s.sharpTimer(j)) {
          candidates++;
        }
      }
    }
    if (streams.size() < params.resyncMinObjects() || candidates == 0) {
      return null;
    }
    double[] st = new double[candidates];
    int[] obj = new int[candidates];
    int[] idx = new int[candidates];
    boolean[] first = new boolean[candidates];
    double[] d = new double[Math.min(total, 100_000)];
    int c = 0;
    int nd = 0;
    for (int si = 0; si < streams.size(); si++) {
      Stream s = streams.get(si);
      for (int j = 0; j < s.n; j++) {
        if (nd < d.length) {
          d[nd++] = s.e[j] - s.s[j];
        }
        if (!s.evidenceLabel[j] && !s.sharpTimer(j)) {
          st[c] = s.s[j] - minS;
          obj[c] = si;
          idx[c] = j;
          first[c] = j == 0;
          c++;
        }
      }
    }
    List<ResyncBursts.Burst> bursts =
        ResyncBursts.find(
            st,
            obj,
            first,
            streams.size(),
            Robust.median(d),
            maxS - minS,
            total,
            params.resyncMinObjects(),
            params.significance());
    for (int i = 0; i < st.length; i++) {
      st[i] += minS;
    }
    if (bursts.isEmpty()) {
      return null;
    }
    bursts = new ArrayList<>(bursts);
    for (int i = 0; i < bursts.size(); i++) {
      ResyncBursts.Burst b = bursts.get(i);
      bursts.set(
          i, new ResyncBursts.Burst(b.members(), b.objects(), b.pValue(), b.startSeconds() + minS));
    }
    bursts.sort((a, b) -> Double.compare(a.startSeconds(), b.startSeconds()));
    double[] intervals = new double[bursts.size() - 1];
    for (int i = 1; i < bursts.size(); i++) {
      intervals[i - 1] = bursts.get(i).startSeconds() - bursts.get(i - 1).startSeconds();
    }
    double period = intervals.length == 0 ? Double.NaN : Robust.median(intervals);
    double jitter = intervals.length < 2 ? Double.NaN : 1.4826 * Robust.mad(intervals, period);
    double conf = bursts.size() >= 3 ? 0.95 : bursts.size() == 2 ? 0.85 : 0.7;
    if (bursts.size() < 3) {
      notes.add(
          bursts.size()
              + " synchronized burst(s) across objects: probable informer resync"
              + (bursts.size() == 1
                  ? " (one burst gives no period; SyncPeriod defaults to 10 h ±10 %)"
                  : ""));
    }
    int members = 0;
    int objects = 0;
    double p = 0;
    List<TimeRange> ranges = new ArrayList<>();
    long t0 = streams.get(0).t0;
    for (ResyncBursts.Burst b : bursts) {
      double lastStart = b.startSeconds();
      for (int m : b.members()) {
        Stream s = streams.get(obj[m]);
        int j = idx[m];
        s.label[j] = Classification.timer(Cause.RESYNC, conf, period, "resync burst");
        s.timerOf[j] = -1;
        members++;
        lastStart = Math.max(lastStart, st[m]);
      }
      objects = Math.max(objects, b.objects());
      p = Math.max(p, b.pValue());
      ranges.add(
          new TimeRange(t0 + Math.round(b.startSeconds() * 1e9), t0 + Math.round(lastStart * 1e9)));
    }
    return new TimerFinding(
        period,
        period,
        jitter,
        members,
        objects,
        Double.NaN,
        Double.NaN,
        p,
        "n/a",
        "sharp",
        "resync",
        ranges.subList(0, Math.min(TimerFinding.MAX_RANGES, ranges.size())));
  }

  /** Streams' timers of the same source whose windows overlap are one controller timer. */
  static List<TimerFinding> mergeTimers(List<TimerFinding> timers) {
    List<TimerFinding> sorted = new ArrayList<>(timers);
    sorted.sort(
        (a, b) ->
            a.source().equals(b.source())
                ? Double.compare(a.windowLowSeconds(), b.windowLowSeconds())
                : a.source().compareTo(b.source()));
    List<TimerFinding> out = new ArrayList<>();
    List<TimerFinding> group = new ArrayList<>();
    double high = Double.NEGATIVE_INFINITY;
    for (TimerFinding t : sorted) {
      if (!group.isEmpty()
          && (t.windowLowSeconds() > high || !t.source().equals(group.get(0).source()))) {
        out.add(combine(group));
        group.clear();
        high = Double.NEGATIVE_INFINITY;
      }
      group.add(t);
      high = Math.max(high, t.windowHighSeconds());
    }
    if (!group.isEmpty()) {
      out.add(combine(group));
    }
    return out;
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
    double p = 0;
    int earliest = 0;
    int sharp = 0;
    List<TimeRange> ranges = new ArrayList<>();
    for (TimerFinding t : g) {
      double wt = Math.max(1, t.reconciles());
      w += wt;
      delay += wt * t.delaySeconds();
      period += wt * (Double.isNaN(t.periodSeconds()) ? t.delaySeconds() : t.periodSeconds());
      jitter += wt * t.jitterSeconds();
      reconciles += t.reconciles();
      objects += t.objects();
      lo = Math.min(lo, t.windowLowSeconds());
      hi = Math.max(hi, t.windowHighSeconds());
      p = Math.max(p, Double.isNaN(t.pValue()) ? 0 : t.pValue());
      earliest += t.queue().equals("earliest") ? 1 : 0;
      sharp += t.tier().equals("sharp") ? 1 : 0;
      if (ranges.size() < TimerFinding.MAX_RANGES) {
        ranges.addAll(t.activeRanges());
      }
    }
    ranges.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    return new TimerFinding(
        delay / w,
        period / w,
        jitter / w,
        reconciles,
        objects,
        lo,
        hi,
        p,
        earliest * 2 > g.size() ? "earliest" : "reset",
        sharp * 2 >= g.size() ? "sharp" : "wide",
        g.get(0).source(),
        ranges.subList(0, Math.min(TimerFinding.MAX_RANGES, ranges.size())));
  }

  // ---------------------------------------------------------------- evidence index

  /** Writes by name, links by reconcile, {@code --events}. */
  static final class Evidence {
    final Map<String, List<ObjectWrite>> writesByName = new HashMap<>();
    final Map<Long, ObjectWrite> writesBySpan = new HashMap<>();
    final Map<Long, List<ReconcileLink>> linksByReconcile = new HashMap<>();
    final long[] events;

    Evidence(TraceEvidence e, long[] events) {
      this.events = events;
      for (ObjectWrite w : e.writes()) {
        writesByName.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(w);
        writesBySpan.put(w.spanId(), w);
      }
      for (ReconcileLink l : e.links()) {
        linksByReconcile.computeIfAbsent(l.reconcileSpanId(), k -> new ArrayList<>()).add(l);
      }
    }
  }

  // ---------------------------------------------------------------- worker busy blocks

  /**
   * Times when the controller's worker was continuously busy: the union of all its reconciles,
   * merged across dispatch gaps up to {@link #DISPATCH}. A timer that falls due inside such a block
   * waits in the queue (MaxConcurrentReconciles = 1, the default) and starts when the worker frees
   * up: its gap exceeds the delay by the wait (docs/method.md, known failure cases: queue
   * saturation).
   */
  static final class Busy {
    static final double DISPATCH = 0.01;
    final double[] from;
    final double[] to;

    private Busy(double[] from, double[] to) {
      this.from = from;
      this.to = to;
    }

    static Busy of(List<Stream> streams) {
      int total = 0;
      for (Stream s : streams) {
        total += s.n;
      }
      double[] st = new double[total];
      double[] en = new double[total];
      int k = 0;
      for (Stream s : streams) {
        System.arraycopy(s.s, 0, st, k, s.n);
        System.arraycopy(s.e, 0, en, k, s.n);
        k += s.n;
      }
      int[] order = Order.argsort(st);
      double[] f = new double[total];
      double[] t = new double[total];
      int m = -1;
      for (int o : order) {
        if (m >= 0 && st[o] <= t[m] + DISPATCH) {
          t[m] = Math.max(t[m], en[o]);
        } else {
          m++;
          f[m] = st[o];
          t[m] = en[o];
        }
      }
      return new Busy(Arrays.copyOf(f, m + 1), Arrays.copyOf(t, m + 1));
    }

    /**
     * True when the worker was busy without a break from {@code since} until just before {@code
     * start}.
     */
    boolean busyUntil(double since, double start) {
      int i = SortedSearch.upperBound(from, start) - 1;
      return i >= 0 && from[i] <= since && start > from[i] + 1e-9 && to[i] + DISPATCH >= start;
    }
  }

  // ---------------------------------------------------------------- timer

  /** A timer candidate of one stream (or pooled), with its padded support. */
  static final class Timer {
    final Spike spike;
    final boolean pooled;
    final double lo;
    final double hi;
    final List<double[]> harmonics = new ArrayList<>();
    boolean earliest;
    String source = "requeue";
    int attributed;

    Timer(Spike spike, boolean pooled, AnalysisParameters p) {
      this.spike = spike;
      this.pooled = pooled;
      this.lo = Math.max(0, spike.low() - PAD_LOW - p.tolerance() * spike.delay());
      this.hi = spike.high() + PAD_HIGH;
      this.earliest = spike.pairScan();
    }

    boolean inSupport(double g) {
      return g >= lo && g <= hi;
    }

    int harmonicOf(double g) {
      for (int m = 0; m < harmonics.size(); m++) {
        double[] h = harmonics.get(m);
        if (g >= h[0] && g <= h[1]) {
          return m + 2;
        }
      }
      return 0;
    }

    double confidence() {
      double obs = spike.count() / Math.max(1e-12, spike.high() - spike.low());
      double ratio = spike.background() * (spike.high() - spike.low()) / Math.max(1, spike.count());
      double c = 1 - Math.min(0.5, Double.isNaN(ratio) ? 0.5 : ratio);
      return Double.isNaN(obs) ? 0.5 : Math.min(0.999, Math.max(0.5, c));
    }
  }

  // ---------------------------------------------------------------- stream

  /** One stream's reconciles in seconds from the controller's origin, and their labels. */
  static final class Stream {
    final List<Reconcile> rs;
    final int n;
    final long t0;
    final double[] s;
    final double[] e;
    final double[] g;
    final double[] sortedEnds;
    final boolean[] dup;
    final Classification[] label;
    final boolean[] evidenceLabel;
    final boolean[] openForResync;
    final List<Timer> timers = new ArrayList<>();
    final int[] timerOf;
    final List<String> notes = new ArrayList<>();
    boolean errorsRecorded;
    int scanGapCount;
    Busy busy;

    Stream(List<Reconcile> rs, long t0) {
      this.rs = rs;
      this.n = rs.size();
      this.t0 = t0;
      s = new double[n];
      e = new double[n];
      g = new double[n];
      dup = new boolean[n];
      label = new Classification[n];
      evidenceLabel = new boolean[n];
      openForResync = new boolean[n];
      timerOf = new int[n];
      Arrays.fill(timerOf, -1);
      for (int j = 0; j < n; j++) {
        Reconcile r = rs.get(j);
        s[j] = (r.startNanos() - t0) / 1e9;
        e[j] = (r.endNanos() - t0) / 1e9;
        g[j] = j == 0 ? Double.NaN : Math.max(0, r.startNanos() - rs.get(j - 1).endNanos()) / 1e9;
        dup[j] =
            j > 0
                && r.startNanos() == rs.get(j - 1).startNanos()
                && r.endNanos() == rs.get(j - 1).endNanos();
        errorsRecorded |= r.error();
      }
      sortedEnds = e.clone();
      Arrays.sort(sortedEnds);
    }

    /** Gaps for the scans: not after an error (backoff), not duplicates. */
    double[] scanGaps() {
      double[] out = new double[n];
      int k = 0;
      for (int j = 1; j < n; j++) {
        if (!dup[j] && !rs.get(j - 1).error()) {
          out[k++] = g[j];
        }
      }
      scanGapCount = k;
      return Arrays.copyOf(out, k);
    }

    // ---- step 0: evidence
    void labelEvidence(Evidence ev, AnalysisParameters p) {
      StreamKey key = rs.get(0).key();
      ObjectRef self = ObjectRef.fromStreamObject(key.object());
      Set<String> traceIds = new HashSet<>();
      // related objects: what this stream itself writes
      List<ObjectRef> related = new ArrayList<>();
      if (self != null) {
        related.add(self);
      }
      Set<String> seenPaths = new HashSet<>();
      for (Reconcile r : rs) {
        for (String path : r.calls().writeTargets()) {
          if (seenPaths.add(path) && seenPaths.size() < 64) {
            ObjectRef o = ObjectRef.fromApiPath(path);
            if (o != null) {
              related.add(o);
            }
          }
        }
      }
      long[] writes = writeTimes(ev, related, key.operator());
      long window = Math.round(p.eventWindowSeconds() * 1e9);
      int[] backoff = backoffRuns();
      for (int j = 0; j < n; j++) {
        Reconcile r = rs.get(j);
        Classification c = null;
        if (dup[j]) {
          continue;
        }
        Reconcile prev = j > 0 ? rs.get(j - 1) : null;
        c = fromReason(r.reason(), j == 0 ? Double.NaN : g[j], prev, p);
        if (c == null) {
          c = fromLinks(ev, r, traceIds);
        }
        if (c == null && j > 0 && evidenceBefore(writes, j, window)) {
          c = Classification.event(Cause.EXTERNAL_EVENT, 0.97, "visible write");
        }
        if (c == null && prev != null && prev.error()) {
          c = Classification.timer(Cause.ERROR_RETRY, 0.95, g[j], "error status");
        }
        if (c == null && evidenceBefore(ev.events, j, window)) {
          c = Classification.event(Cause.EXTERNAL_EVENT, 0.9, "events file");
        }
        if (c == null && backoff[j] > 0) {
          c = Classification.timer(Cause.ERROR_RETRY, 0.8, g[j], "backoff run");
        }
        label[j] = c;
        evidenceLabel[j] = c != null;
        traceIds.add(Long.toHexString(r.traceIdHigh()) + ":" + Long.toHexString(r.traceIdLow()));
      }
    }

    private long[] writeTimes(Evidence ev, List<ObjectRef> related, String operator) {
      List<Long> out = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (ObjectRef o : related) {
        names.add(o.name());
      }
      String op = operator.toLowerCase(Locale.ROOT);
      for (String name : names) {
        for (ObjectWrite w : ev.writesByName.getOrDefault(name, List.of())) {
          boolean match = false;
          for (ObjectRef o : related) {
            match |= o.matches(w.namespace(), w.name());
          }
          if (!match
              || w.service().equals(operator)
              || (!op.isEmpty() && w.client().toLowerCase(Locale.ROOT).contains(op))
              || insideOwnWrite(w.timeNanos())) {
            continue;
          }
          out.add(w.timeNanos());
        }
      }
      long[] t = out.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(t);
      return t;
    }

    /** True when a write at this time falls inside one of this stream's writing reconciles. */
    private boolean insideOwnWrite(long t) {
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (rs.get(mid).startNanos() <= t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      int j = lo - 1;
      return j >= 0 && t <= rs.get(j).endNanos() && rs.get(j).calls().writes() > 0;
    }

    /** An evidence time in (start[j−1], start[j]] within window of the start, or dirty. */
    private boolean evidenceBefore(long[] times, int j, long window) {
      if (times.length == 0) {
        return false;
      }
      long start = rs.get(j).startNanos();
      int idx = Arrays.binarySearch(times, start);
      int at = idx >= 0 ? idx : -idx - 2; // last time <= start
      while (at + 1 < times.length && times[at + 1] == start) {
        at++;
      }
      if (at < 0) {
        return false;
      }
      long t = times[at];
      long prevStart = j > 0 ? rs.get(j - 1).startNanos() : Long.MIN_VALUE;
      if (t <= prevStart) {
        return false;
      }
      return start - t <= window || (j > 0 && g[j] * 1e9 <= window);
    }

    private Classification fromLinks(Evidence ev, Reconcile r, Set<String> earlierTraces) {
      List<ReconcileLink> links = ev.linksByReconcile.get(r.spanId());
      if (links == null) {
        return null;
      }
      for (ReconcileLink l : links) {
        if (l.reconcileTraceIdLow() != r.traceIdLow()
            || l.reconcileTraceIdHigh() != r.traceIdHigh()) {
          continue;
        }
        String tid =
            Long.toHexString(l.linked().traceIdHigh())
                + ":"
                + Long.toHexString(l.linked().traceIdLow());
        if (earlierTraces.contains(tid)) {
          return Classification.event(Cause.SELF_WRITE, 0.95, "span link");
        }
        ObjectWrite w = ev.writesBySpan.get(l.linked().spanId());
        if (w != null && w.service().equals(r.key().operator())) {
          return Classification.event(Cause.SELF_WRITE, 0.95, "span link");
        }
        return Classification.event(Cause.EXTERNAL_EVENT, w != null ? 0.98 : 0.9, "span link");
      }
      return null;
    }

    /** Gaps in geometric runs (≥ 4 ratios in [1.6, 2.5]), used only when no error status exists. */
    private int[] backoffRuns() {
      int[] mark = new int[n];
      if (errorsRecorded || n < 6) {
        return mark;
      }
      int run = 0;
      for (int j = 2; j < n; j++) {
        double r = g[j] / g[j - 1];
        boolean ok = g[j - 1] > 0 && r >= 1.6 && r <= 2.5;
        run = ok ? run + 1 : 0;
        if (run >= 4 && g[j - run] < 0.05) { // client-go: 5 ms · 2^k starts far below 50 ms
          for (int k = j - run; k <= j; k++) {
            mark[k] = 1;
          }
        }
      }
      return mark;
    }

    // ---- steps 1–3: timers
    private SortedGaps sortedGaps;
    private List<Spike> ownSpikes;
    private Spike pairSpike;

    /**
     * The stream's own scans: the gap-hazard scan, and the pair scan when that finds nothing. Pure
     * functions of this stream's times, so streams may run them in parallel.
     */
    void scanOwn(HazardScan.Config cfg) {
      sortedGaps = new SortedGaps(scanGaps());
      ownSpikes = HazardScan.scan(sortedGaps, cfg);
      pairSpike = ownSpikes.isEmpty() ? PairScan.scan(s, e, cfg) : null;
    }

    void findTimers(HazardScan.Config cfg, List<Timer> pooled, AnalysisParameters p) {
      if (sortedGaps == null) {
        scanOwn(cfg);
      }
      SortedGaps sg = sortedGaps;
      List<Spike> own = ownSpikes;
      List<Timer> cand = new ArrayList<>();
      for (Spike sp : own) {
        Timer t = new Timer(sp, false, p);
        t.earliest = earliest(List.of(this), t);
        cand.add(t);
      }
      if (pairSpike != null) {
        cand.add(new Timer(pairSpike, false, p));
      }
      for (Timer t : pooled) {
        boolean overlaps = false;
        for (Timer o : cand) {
          overlaps |= t.lo <= o.hi && t.hi >= o.lo;
        }
        if (!overlaps) {
          cand.add(t);
        }
      }
      // harmonics: a weaker candidate at m·P of a stronger one joins it
      cand.sort((a, b) -> Integer.compare(b.spike.count(), a.spike.count()));
      List<Timer> kept = new ArrayList<>();
      for (Timer t : cand) {
        boolean harmonic = false;
        for (Timer f : kept) {
          double m = Math.rint(t.spike.delay() / f.spike.delay());
          if (m >= 2
              && m <= 4
              && t.spike.count() * 2 <= f.spike.count()
              && Math.abs(t.spike.delay() - m * f.spike.delay())
                  <= 4 * m * f.spike.sigma() + 0.002) {
            harmonic = true;
          }
        }
        if (!harmonic) {
          kept.add(t);
        }
      }
      // shadows: under an earliest queue a follow-up reconcile (self-write, dirty requeue) does
      // not re-arm the timer, so the next fire shows a second spike at P minus the follow-up;
      // a weaker spike most of whose gaps an earlier end explains at a stronger delay is that
      for (int b = kept.size() - 1; b >= 1; b--) {
        Timer weak = kept.get(b);
        for (int a = 0; a < b; a++) {
          Timer strong = kept.get(a);
          int in = 0;
          int explained = 0;
          for (int j = 1; j < n; j++) {
            if (weak.inSupport(g[j])) {
              in++;
              explained += anchored(strong, j) ? 1 : 0;
            }
          }
          if (in > 0 && explained * 2 > in) {
            strong.earliest = true;
            kept.remove(b);
            break;
          }
        }
      }
      for (Timer f : kept) {
        if (f.spike.pairScan()) {
          continue;
        }
        for (int m = 2; m <= 4; m++) {
          double lo = m * f.lo;
          double hi = m * f.hi;
          int k = sg.count(lo, Math.nextUp(hi));
          double flank = sg.hazard(Math.max(cfg.minGap(), lo - 4 * (hi - lo)), lo, 0.5);
          double mu = (Double.isNaN(flank) ? 0 : flank) * sg.exposure(lo, hi);
          if (k >= 3 && k >= 3 * mu + 2) {
            f.harmonics.add(new double[] {lo, hi});
          } else {
            break;
          }
        }
      }
      timers.addAll(kept);
      // attribution: evidence-explained spikes are external periodic sources
      for (Timer t : timers) {
        int ev = 0;
        int inside = 0;
        double[] ss = new double[n];
        double[] gg = new double[n];
        int k = 0;
        for (int j = 1; j < n; j++) {
          if (t.inSupport(g[j])) {
            inside++;
            if (label[j] != null && label[j].trigger() == Trigger.EVENT) {
              ev++;
            }
            ss[k] = s[j] - s[j - 1];
            gg[k++] = g[j];
          }
        }
        if (inside > 0 && ev * 2 > inside) {
          t.source = "external-periodic";
        } else if (!t.earliest && k >= 5) {
          double[] ssk = Arrays.copyOf(ss, k);
          double[] ggk = Arrays.copyOf(gg, k);
          double sigSs = 1.4826 * Robust.mad(ssk, Robust.median(ssk));
          double sigG = 1.4826 * Robust.mad(ggk, Robust.median(ggk));
          if (sigSs < 0.7 * sigG
              && sigG > 4 * RESOLUTION
              && stationary(Robust.median(ssk), p.significance())) {
            t.source = "external-periodic";
          }
        }
      }
    }

    /**
     * Whether the starts are phase-coherent at {@code period} over the whole stream, as a
     * stationary lattice is and a timer whose phase every event resets is not: the Rayleigh power
     * ({@link BinnedFftPeriodogram}, bins of period/32) peaks within ±2 % of 1/period with a
     * false-alarm probability ≤ α among the frequencies of that band. When the span needs more than
     * 2²² bins the check cannot run and the answer is true (the spread rule alone decides).
     */
    boolean stationary(double period, double alpha) {
      double span = s[n - 1] - s[0];
      double bin = period / 32;
      if (!(period > 0) || span / bin > (1 << 22)) {
        return true;
      }
      Periodogram.Result r = new BinnedFftPeriodogram().compute(s, bin);
      int lo = (int) Math.floor(0.98 / period / r.frequencyStep());
      int hi = (int) Math.ceil(1.02 / period / r.frequencyStep());
      double best = 0;
      int searched = 0;
      for (int j = Math.max(1, lo); j <= Math.min(hi, r.power().length - 1); j++) {
        best = Math.max(best, r.power()[j]);
        searched++;
      }
      return searched > 0 && Periodogram.Result.falseAlarm(best, searched) <= alpha;
    }

    // ---- step 5: classification
    void classify(AnalysisParameters p) {
      for (int pass = 0; pass < 2; pass++) {
        for (Timer t : timers) {
          t.attributed = 0;
        }
        for (int j = 0; j < n; j++) {
          if (evidenceLabel[j]) {
            label[j] = reattribute(label[j], j);
            continue;
          }
          if (!evidenceLabel[j]) {
            label[j] = null;
          }
          timerOf[j] = -1;
          openForResync[j] = false;
          if (dup[j]) {
            label[j] = label[j - 1];
            timerOf[j] = timerOf[j - 1];
            continue;
          }
          if (j == 0) {
            label[j] = null; // resync may still claim it; else UNKNOWN below
            continue;
          }
          Reconcile prev = rs.get(j - 1);
          boolean inAnyTimer = false;
          for (Timer t : timers) {
            inAnyTimer |= t.inSupport(g[j]);
          }
          if (prev.calls().writes() > 0 && g[j] <= p.selfWriteWindowSeconds() && !inAnyTimer) {
            label[j] = Classification.event(Cause.SELF_WRITE, 0.9, "own write");
            continue;
          }
          Classification c = timing(j);
          label[j] = c;
        }
        // a pooled timer that explains too little of this stream, or no more than chance
        // coincidences with its window would, is not this stream's timer
        boolean changed = false;
        int gapCount = Math.max(1, n - 1);
        for (int k = timers.size() - 1; k >= 0; k--) {
          Timer t = timers.get(k);
          double span = s[n - 1] - s[0];
          double rho = span > 0 ? (n - 1) / span : 0;
          double chance = (n - 1) * -Math.expm1(-rho * (t.hi - t.lo));
          if (t.pooled
              && (t.attributed < 2
                  || t.attributed < p.minTimerShare() * gapCount
                  || t.attributed <= chance + 3 * Math.sqrt(chance) + 2)) {
            timers.remove(k);
            changed = true;
          }
        }
        if (!changed) {
          break;
        }
      }
      boolean insufficient = timers.isEmpty() && countScanGaps(p) < p.minGapsForVerdict();
      for (int j = 0; j < n; j++) {
        if (label[j] == null) {
          openForResync[j] = true;
          if (j == 0) {
            label[j] = Classification.event(Cause.UNKNOWN, 0.5, "first reconcile");
          } else {
            double conf = insufficient ? 0.5 : timers.isEmpty() ? 0.8 : 0.9;
            label[j] = Classification.event(Cause.UNKNOWN, conf, "timing");
          }
        }
      }
    }

    private int countScanGaps(AnalysisParameters p) {
      int k = 0;
      for (int j = 1; j < n; j++) {
        k += g[j] >= p.minGapSeconds() ? 1 : 0;
      }
      return k;
    }

    /** Evidence said TIMER/REQUEUE (kube-rs): give it the delay of the timer whose support fits. */
    private Classification reattribute(Classification c, int j) {
      if (c.trigger() != Trigger.TIMER || c.cause() != Cause.REQUEUE || j == 0) {
        return c;
      }
      for (int k = 0; k < timers.size(); k++) {
        Timer t = timers.get(k);
        if (t.inSupport(g[j]) || t.harmonicOf(g[j]) > 0 || (t.earliest && anchored(t, j))) {
          t.attributed++;
          timerOf[j] = k;
          return new Classification(
              c.trigger(), c.cause(), c.confidence(), t.spike.delay(), c.basis());
        }
      }
      return c;
    }

    /** Steps 5.1–5.4 for a reconcile without evidence; null when it looks like an event. */
    private Classification timing(int j) {
      for (int k = 0; k < timers.size(); k++) {
        Timer t = timers.get(k);
        boolean hit = t.inSupport(g[j]);
        String basis = "timer window";
        if (!hit && t.harmonicOf(g[j]) > 0) {
          hit = true;
          basis = "timer harmonic";
        }
        if (!hit && t.earliest && anchored(t, j)) {
          hit = true;
          basis = "anchor window";
        }
        if (!hit && j >= 2 && g[j - 1] <= 1.0 && t.inSupport(s[j] - e[j - 2])) {
          hit = true; // a quick follow-up reconcile did not re-arm the timer
          basis = "anchor window";
        }
        if (!hit && busy != null && g[j] > t.hi && busy.busyUntil(e[j - 1] + t.hi, s[j])) {
          t.attributed++;
          timerOf[j] = k;
          return Classification.timer(Cause.REQUEUE, 0.8, t.spike.delay(), "queue wait");
        }
        if (!hit && t.earliest && g[j] <= DIRTY && j >= 1 && dirtyFire(t, j)) {
          t.attributed++;
          timerOf[j] = k;
          return Classification.timer(Cause.REQUEUE, 0.6, t.spike.delay(), "dirty requeue");
        }
        if (hit) {
          t.attributed++;
          timerOf[j] = k;
          if (t.source.equals("external-periodic")) {
            return Classification.event(Cause.EXTERNAL_EVENT, 0.7, "external periodic source");
          }
          double conf = t.earliest && !t.inSupport(g[j]) ? anchorConfidence(t) : t.confidence();
          if (basis.equals("timer harmonic")) {
            conf = Math.min(conf, 0.7);
          }
          return Classification.timer(Cause.REQUEUE, conf, t.spike.delay(), basis);
        }
      }
      return null;
    }

    private double anchorConfidence(Timer t) {
      double span = s[n - 1] - s[0];
      double rho = span > 0 ? n / span : 0;
      return Math.max(0.5, Math.min(0.99, 1 - rho * (t.hi - t.lo) * 5));
    }

    private boolean anchored(Timer t, int j) {
      int a = SortedSearch.lowerBound(sortedEnds, s[j] - t.hi);
      int b = SortedSearch.upperBound(sortedEnds, s[j] - t.lo);
      return b > a;
    }

    /**
     * The timer fell due while the previous reconcile ran: an end e_i with fire in [s, e] of j−1.
     */
    private boolean dirtyFire(Timer t, int j) {
      int a = SortedSearch.lowerBound(sortedEnds, s[j - 1] - t.hi);
      int b = SortedSearch.upperBound(sortedEnds, e[j - 1] - t.lo);
      return b > a;
    }

    /** A timer whose supported gaps are now mostly resync reconciles: resync itself. */
    private boolean resyncAbsorbed(Timer t) {
      int in = 0;
      int resync = 0;
      for (int j = 1; j < n; j++) {
        if (t.inSupport(g[j])) {
          in++;
          resync += label[j].cause() == Cause.RESYNC ? 1 : 0;
        }
      }
      return in > 0 && resync * 2 >= in;
    }

    /** Attributed to a timer with a sharp per-object delay (J ≈ 0), which resync cannot fake. */
    boolean sharpTimer(int j) {
      if (timerOf[j] < 0 || timerOf[j] >= timers.size()) {
        return false;
      }
      Spike sp = timers.get(timerOf[j]).spike;
      return sp.sigma() <= 0.002 + 0.001 * sp.delay();
    }

    // ---- step 6 and results
    StreamResult result(AnalysisParameters p) {
      List<TimerFinding> findings = new ArrayList<>();
      int timerDriven = 0;
      for (Classification c : label) {
        timerDriven += c.trigger() == Trigger.TIMER ? 1 : 0;
      }
      for (int k = 0; k < timers.size(); k++) {
        Timer t = timers.get(k);
        List<Double> periods = new ArrayList<>();
        List<TimeRange> ranges = new ArrayList<>();
        int first = -1;
        int last = -1;
        double maxGap = t.hi + 5 * t.spike.sigma() + 0.002;
        double gapSince = 0;
        int count = 0;
        boolean otherTimer = false;
        for (int j = 1; j < n; j++) {
          if (first >= 0) {
            gapSince = Math.max(gapSince, g[j]);
          }
          if (timerOf[j] != k) {
            otherTimer |= timerOf[j] >= 0 && first >= 0;
            continue;
          }
          count++;
          periods.add(s[j] - s[j - 1]);
          if (first >= 0
              && !otherTimer
              && gapSince
                  <= Math.max(
                      maxGap,
                      t.harmonics.isEmpty() ? 0 : t.harmonics.get(t.harmonics.size() - 1)[1])) {
            last = j;
          } else {
            if (first >= 0) {
              addRange(ranges, first, last);
            }
            first = j;
            last = j;
          }
          gapSince = 0;
          otherTimer = false;
        }
        if (first >= 0) {
          addRange(ranges, first, last);
        }
        if (count == 0 && (t.pooled || resyncAbsorbed(t))) {
          continue;
        }
        double[] per = periods.stream().mapToDouble(Double::doubleValue).toArray();
        Spike sp = t.spike;
        findings.add(
            new TimerFinding(
                sp.delay(),
                per.length == 0 ? Double.NaN : Robust.median(per),
                sp.sigma(),
                count,
                1,
                t.lo,
                t.hi,
                sp.pValue(),
                t.earliest ? "earliest" : "reset",
                sp.sharp() ? "sharp" : "wide",
                t.source,
                ranges.subList(0, Math.min(TimerFinding.MAX_RANGES, ranges.size()))));
        if (!sp.sharp()) {
          notes.add(
              String.format(
                  Locale.ROOT,
                  "the %.3f s timer is wide (±%.0f %%): it may be a"
                      + " quasi-periodic event source rather than a RequeueAfter",
                  sp.delay(),
                  50 * (sp.high() - sp.low()) / sp.delay()));
        }
        if (t.pooled) {
          notes.add(
              String.format(
                  Locale.ROOT,
                  "the %.3f s timer was found by pooling the" + " controller's objects",
                  sp.delay()));
        }
      }
      boolean insufficient = findings.isEmpty() && countScanGaps(p) < p.minGapsForVerdict();
      boolean anyTimer = false;
      for (TimerFinding f : findings) {
        anyTimer |= !f.source().equals("external-periodic");
      }
      String verdict = anyTimer ? "timer" : insufficient ? "insufficient-data" : "no-timer";
      if (insufficient) {
        notes.add(
            String.format(
                Locale.ROOT,
                "insufficient data: %d gaps of at least %.3f s, %d"
                    + " needed to tell a timer-free object",
                countScanGaps(p),
                p.minGapSeconds(),
                p.minGapsForVerdict()));
      } else if (!anyTimer && countScanGaps(p) < 3000) {
        notes.add(
            "no timer found; an earliest-deadline timer with jitter ≥ 5 % and ≥ 90 %"
                + " event-driven reconciles would not be detectable at this sample size");
      }
      return new StreamResult(
          rs.get(0).key(), n, timerDriven, findings, insufficient, verdict, notes);
    }

    private void addRange(List<TimeRange> ranges, int first, int last) {
      long from = rs.get(Math.max(0, first - 1)).endNanos();
      ranges.add(
          new TimeRange(Math.min(from, rs.get(first).startNanos()), rs.get(last).startNanos()));
    }
  }

  /** kube-rs {@code ReconcileReason} display strings, which say why the reconcile ran. */
  static Classification fromReason(
      String reason, double gap, Reconcile prev, AnalysisParameters p) {
    if (reason == null || reason.isEmpty()) {
      return null;
    }
    if (reason.equals("reconciler requested retry")) {
      return Classification.timer(Cause.REQUEUE, 0.99, gap, "object.reason");
    }
    if (reason.equals("error policy requested retry")) {
      return Classification.timer(Cause.ERROR_RETRY, 0.99, gap, "object.reason");
    }
    if (reason.equals("object updated") || reason.startsWith("related object updated")) {
      boolean own = prev != null && prev.calls().writes() > 0 && gap <= p.selfWriteWindowSeconds();
      return Classification.event(
          own ? Cause.SELF_WRITE : Cause.EXTERNAL_EVENT, 0.97, "object.reason");
    }
    if (reason.equals("bulk reconcile requested")) {
      return Classification.event(Cause.UNKNOWN, 0.9, "object.reason");
    }
    return null;
  }
}
