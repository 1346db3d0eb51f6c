package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.Spike;
import java.util.ArrayList;
import java.util.List;

/**
 * A timer of one stream (its own spike, or one found by pooling the controller's objects) while the
 * engine works on it: the spike, its support padded for timestamp resolution and queue latency, its
 * harmonics, its queue semantics and source, and how many of the stream's reconciles it explains.
 */
final class Timer {
  /** Below the support: timestamp resolution, seconds. */
  static final double PAD_LOW = 0.001;

  /** Above the support: resolution plus queue latency, seconds. */
  static final double PAD_HIGH = 0.002;

  /** A delay window [lo, hi], seconds. */
  record Window(double lo, double hi) {
    boolean contains(double g) {
      return g >= lo && g <= hi;
    }
  }

  final Spike spike;
  final boolean pooled;

  /** The padded support: a gap in [lo, hi] is this timer's delay. */
  final double lo;

  final double hi;

  /** Windows at m·P̂ for m = 2, 3, … (a lost record or a cycle absorbed by an event). */
  final List<Window> harmonics = new ArrayList<>();

  boolean earliest;
  TimerSource source = TimerSource.REQUEUE;

  /** Reconciles of the current stream attributed to this timer in the current pass. */
  int attributed;

  Timer(Spike spike, boolean pooled, AnalysisParameters p) {
    this.spike = spike;
    this.pooled = pooled;
    this.lo = Math.max(0, spike.low() - PAD_LOW - p.tolerance() * spike.delay());
    this.hi = spike.high() + PAD_HIGH;
    this.earliest = spike.pairScan();
  }

  private Timer(Timer t) {
    this.spike = t.spike;
    this.pooled = t.pooled;
    this.lo = t.lo;
    this.hi = t.hi;
    this.earliest = t.earliest;
  }

  /**
   * A fresh copy of a controller's pooled timer for one stream: same spike, support and queue
   * semantics; no harmonics, source or attribution yet (each stream finds its own).
   */
  Timer copyForStream() {
    return new Timer(this);
  }

  boolean inSupport(double g) {
    return g >= lo && g <= hi;
  }

  boolean overlaps(Timer o) {
    return lo <= o.hi && hi >= o.lo;
  }

  /** m when gap g lies in the harmonic window at m·P̂, else 0. */
  int harmonicOf(double g) {
    for (int m = 0; m < harmonics.size(); m++) {
      if (harmonics.get(m).contains(g)) {
        return m + 2;
      }
    }
    return 0;
  }

  /** The upper edge of the last harmonic window, 0 when there is none. */
  double lastHarmonicHigh() {
    return harmonics.isEmpty() ? 0 : harmonics.get(harmonics.size() - 1).hi();
  }

  /** 1 − background/observed hazard in the support, in [0.5, 0.999]. */
  double confidence() {
    double obs = spike.count() / Math.max(1e-12, spike.high() - spike.low());
    double ratio = spike.background() * (spike.high() - spike.low()) / Math.max(1, spike.count());
    double c = 1 - Math.min(0.5, Double.isNaN(ratio) ? 0.5 : ratio);
    return Double.isNaN(obs) ? 0.5 : Math.min(0.999, Math.max(0.5, c));
  }

  /** A per-object delay so sharp (J ≈ 0) that resync cannot fake it. */
  boolean sharpDelay() {
    return spike.sigma() <= 0.002 + 0.001 * spike.delay();
  }
}
