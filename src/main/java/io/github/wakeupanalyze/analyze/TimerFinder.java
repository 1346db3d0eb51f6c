package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.Durations;
import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.analyze.hazard.PairScan;
import io.github.wakeupanalyze.analyze.hazard.SortedGaps;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.analyze.numeric.Chance;
import io.github.wakeupanalyze.analyze.numeric.Robust;
import io.github.wakeupanalyze.analyze.spectral.BinnedFftPeriodogram;
import io.github.wakeupanalyze.analyze.spectral.Periodogram;
import io.github.wakeupanalyze.model.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Steps 1, 2 and 4 for one stream (docs/method.md, "Finding timers"): the stream's own spikes, the
 * controller's pooled timers that its own do not cover, harmonics folded into their fundamental,
 * earliest-queue shadows removed, and each timer attributed to the operator or to a periodic source
 * outside it.
 *
 * <ul>
 *   <li><b>Own scans</b> ({@link #scanOwn}): the gap-hazard scan of the stream's end→start gaps
 *       (not after an error: that is backoff); when it finds nothing, the all-anchor pair scan for
 *       earliest-deadline queues. Pure functions of the stream's times.
 *   <li><b>Harmonics</b>: a weaker candidate at m·P̂ (m = 2 … 4) with at most half the
 *       fundamental's count, within 4mσ̂ + 2 ms of m·P̂ (an absorbed cycle) or up to m − 1
 *       reconcile durations above it (d̄ + 3σ_d each: the fundamental seen across m − 1 lost
 *       reconciles, whose durations the gap holds; 10.16 s for a 5 s timer and 0.15 s reconciles),
 *       is the fundamental; windows over that range holding ≥ 3 gaps and ≥ 3μ + 2 become its
 *       harmonic windows.
 *   <li><b>Shadows</b>: under an earliest queue a quick follow-up reconcile (self-write, dirty
 *       requeue) does not re-arm the timer, so the next fire shows a second spike at P minus the
 *       follow-up; a weaker spike most of whose gaps an earlier end explains at a stronger delay is
 *       that shadow, and marks the stronger timer earliest.
 *   <li><b>Attribution</b>: a spike most of whose reconciles evidence labels as events is a
 *       periodic external source; without evidence, a spike whose start→start spread is clearly
 *       tighter than its end→start spread, with starts phase-coherent over the whole stream ({@link
 *       #stationary}), is an external lattice (an internal RequeueAfter counts from the end, and
 *       events reset its phase).
 * </ul>
 */
final class TimerFinder {
  /** Timestamp resolution plus queue latency, seconds. */
  static final double RESOLUTION = 0.0005;

  private TimerFinder() {}

  /** The stream's own scans (see the class comment). */
  static void scanOwn(StreamWork w, HazardScan.Config cfg) {
    w.sortedGaps = new SortedGaps(w.times.scanGaps());
    w.durations = Durations.of(w.times.durations());
    w.ownSpikes = HazardScan.scan(w.sortedGaps, cfg, w.durations);
    w.pairSpike = w.ownSpikes.isEmpty() ? PairScan.scan(w.times.start, w.times.end, cfg) : null;
  }

  /**
   * Finds the stream's timers into {@code w.timers}; {@code w.pooled} are the controller's, which
   * the stream copies (they are not modified, so streams may run in parallel).
   */
  static void find(StreamWork w, HazardScan.Config cfg, AnalysisParameters p) {
    List<Timer> pooled = w.pooled;
    if (w.sortedGaps == null) {
      scanOwn(w, cfg);
    }
    StreamTimes t = w.times;
    List<Timer> cand = new ArrayList<>();
    for (Spike sp : w.ownSpikes) {
      Timer timer = new Timer(sp, false, p);
      timer.earliest = QueueSemantics.earliest(List.of(t), timer) || earliestPooled(pooled, timer);
      cand.add(timer);
    }
    if (w.pairSpike != null) {
      cand.add(new Timer(w.pairSpike, false, p));
    }
    for (Timer timer : pooled) {
      boolean overlaps = false;
      for (Timer o : cand) {
        overlaps |= timer.overlaps(o);
      }
      if (!overlaps) {
        cand.add(timer.copyForStream());
      }
    }
    double lostDuration = lostDuration(w.durations);
    List<Timer> kept = withoutHarmonics(cand, lostDuration);
    removeShadows(t, kept);
    for (Timer f : kept) {
      addHarmonicWindows(w.sortedGaps, f, cfg, lostDuration);
    }
    w.timers.addAll(kept);
    for (Timer timer : w.timers) {
      attribute(w, timer, p);
    }
  }

  /**
   * The queue is the controller's, not the object's: a pooled timer at the same delay whose test
   * over all the controller's objects says "earliest" makes the object's own timer earliest too,
   * where one object alone holds too few anchored starts to tell (a short window).
   */
  static boolean earliestPooled(List<Timer> pooled, Timer timer) {
    for (Timer o : pooled) {
      if (o.earliest && o.overlaps(timer)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The most a lost reconcile adds to a gap across it: the median duration plus three robust
   * spreads (1.4826·MAD), seconds; e.g. 0.15 + 3·0.05 = 0.3 s for Percona-like reconciles.
   */
  static double lostDuration(Durations d) {
    return d.median() + 3 * d.sigma();
  }

  /** As {@link #withoutHarmonics(List, double)} with no lost reconciles' durations. */
  static List<Timer> withoutHarmonics(List<Timer> cand) {
    return withoutHarmonics(cand, 0);
  }

  /**
   * Candidates by decreasing count, each dropped when it is a harmonic of a stronger one (class
   * comment); {@code lostDuration} from {@link #lostDuration}.
   */
  static List<Timer> withoutHarmonics(List<Timer> cand, double lostDuration) {
    cand.sort((a, b) -> Integer.compare(b.spike.count(), a.spike.count()));
    List<Timer> kept = new ArrayList<>();
    for (Timer t : cand) {
      boolean harmonic = false;
      for (Timer f : kept) {
        double m = Math.rint(t.spike.delay() / f.spike.delay());
        if (m >= 2
            && m <= 4
            && t.spike.count() * 2 <= f.spike.count()
            && harmonicOffset(t.spike.delay() - m * f.spike.delay(), m, f, lostDuration)) {
          harmonic = true;
        }
      }
      if (!harmonic) {
        kept.add(t);
      }
    }
    return kept;
  }

  /** An offset from m·P̂ within 4mσ̂ + 2 ms, or up to m − 1 lost durations above. */
  private static boolean harmonicOffset(double offset, double m, Timer f, double lostDuration) {
    double tol = 4 * m * f.spike.sigma() + 0.002;
    return offset >= -tol && offset <= tol + (m - 1) * Math.max(0, lostDuration);
  }

  /**
   * Removes earliest-queue shadows from {@code kept} (class comment). The earlier ends that explain
   * a shadow's gaps must be more than chance puts in the timer's support: with the stream's rate ρ,
   * a gap finds some earlier end in a support of width w with probability 1 − e^(−ρw), so E = in·(1
   * − e^(−ρw)) are explained by chance and more than E + 3√E + 2 are asked for. Without that bound
   * a wide pooled timer (a 44 s support 30 s wide) explained every gap of a busy object's own 7.3 s
   * timer, which went.
   */
  static void removeShadows(StreamTimes t, List<Timer> kept) {
    for (int b = kept.size() - 1; b >= 1; b--) {
      Timer weak = kept.get(b);
      for (int a = 0; a < b; a++) {
        Timer strong = kept.get(a);
        int in = 0;
        int explained = 0;
        for (int j = 1; j < t.n; j++) {
          if (weak.inSupport(t.gap[j])) {
            in++;
            explained += t.anchored(j, strong.lo, strong.hi) ? 1 : 0;
          }
        }
        double chance = in * Chance.someIn(t.rate(), strong.hi - strong.lo);
        if (in > 0 && explained * 2 > in && Chance.beyond(explained, chance, 2)) {
          strong.earliest = true;
          kept.remove(b);
          break;
        }
      }
    }
  }

  /**
   * Harmonic windows from m·P̂ to m − 1 lost durations above it, m = 2, 3, 4, while each holds a
   * clear excess of gaps.
   */
  static void addHarmonicWindows(
      SortedGaps sg, Timer f, HazardScan.Config cfg, double lostDuration) {
    if (f.spike.pairScan()) {
      return;
    }
    for (int m = 2; m <= 4; m++) {
      double lo = m * f.lo;
      double hi = m * f.hi + (m - 1) * Math.max(0, lostDuration);
      int k = sg.count(lo, Math.nextUp(hi));
      double flank = sg.hazard(Math.max(cfg.minGap(), lo - 4 * (hi - lo)), lo, 0.5);
      double mu = (Double.isNaN(flank) ? 0 : flank) * sg.exposure(lo, hi);
      if (k >= 3 && k >= 3 * mu + 2) {
        f.harmonics.add(new Timer.Window(lo, hi));
      } else {
        break;
      }
    }
  }

  /**
   * A start this long after the worker was already busy with another reconcile waited in the queue
   * for it, seconds.
   */
  static final double QUEUED = 0.001;

  /**
   * Marks a timer external-periodic when evidence or the start lattice says so (class comment); not
   * by the lattice when most of its starts waited for the controller's worker: behind a busy worker
   * the starts follow the worker's cycle, which makes start→start gaps tighter than end→start ones
   * whatever drives them.
   */
  static void attribute(StreamWork w, Timer timer, AnalysisParameters p) {
    StreamTimes t = w.times;
    int events = 0;
    int inside = 0;
    double[] ss = new double[t.n];
    double[] gg = new double[t.n];
    int k = 0;
    for (int j = 1; j < t.n; j++) {
      if (timer.inSupport(t.gap[j])) {
        inside++;
        if (w.label[j] != null && w.label[j].trigger() == Trigger.EVENT) {
          events++;
        }
        ss[k] = t.start[j] - t.start[j - 1];
        gg[k++] = t.gap[j];
      }
    }
    if (inside > 0 && events * 2 > inside) {
      timer.source = TimerSource.EXTERNAL_PERIODIC;
    } else if (!timer.earliest && k >= 5 && !mostlyQueued(w, timer, inside)) {
      double[] ssk = Arrays.copyOf(ss, k);
      double[] ggk = Arrays.copyOf(gg, k);
      double sigSs = 1.4826 * Robust.mad(ssk, Robust.median(ssk));
      double sigG = 1.4826 * Robust.mad(ggk, Robust.median(ggk));
      if (sigSs < 0.7 * sigG
          && sigG > 4 * RESOLUTION
          && stationary(t, Robust.median(ssk), p.significance())) {
        timer.source = TimerSource.EXTERNAL_PERIODIC;
      }
    }
  }

  /**
   * True when more than half of the {@code inside} reconciles whose gap lies in the timer's support
   * started within {@link #QUEUED} of the worker being busy with another reconcile.
   */
  private static boolean mostlyQueued(StreamWork w, Timer timer, int inside) {
    if (w.busy == null) {
      return false;
    }
    StreamTimes t = w.times;
    int queued = 0;
    for (int j = 1; j < t.n; j++) {
      if (timer.inSupport(t.gap[j]) && w.busy.busyUntil(t.start[j] - QUEUED, t.start[j])) {
        queued++;
      }
    }
    return 2 * queued > inside;
  }

  /**
   * Whether the starts are phase-coherent at {@code period} over the whole stream, as a stationary
   * lattice is and a timer whose phase every event resets is not: the Rayleigh power ({@link
   * BinnedFftPeriodogram}, bins of period/32) peaks within ±2 % of 1/period with a false-alarm
   * probability ≤ α among the frequencies of that band. When the span needs more than 2²² bins the
   * check cannot run and the answer is true (the spread rule alone decides).
   */
  static boolean stationary(StreamTimes t, double period, double alpha) {
    double span = t.span();
    double bin = period / 32;
    if (!(period > 0) || span / bin > (1 << 22)) {
      return true;
    }
    Periodogram.Result r = new BinnedFftPeriodogram().compute(t.start, bin);
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
}
