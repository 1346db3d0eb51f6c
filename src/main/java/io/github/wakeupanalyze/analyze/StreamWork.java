package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.Durations;
import io.github.wakeupanalyze.analyze.hazard.SortedGaps;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One stream while the engine works on it: its times, the labels so far, its timers and which timer
 * each reconcile is attributed to. Each step ({@link EvidenceLabels}, {@link TimerFinder}, {@link
 * Classifier}, {@link ResyncStep}, {@link Segmentation}) reads and fills in its part; one stream's
 * work never looks at another's.
 */
final class StreamWork {
  final StreamTimes times;

  /** The label of each reconcile so far; null while undecided. */
  final Classification[] label;

  /** True where the label came from evidence (step 0), which timing never overrides. */
  final boolean[] fromEvidence;

  /** Index into {@link #timers} of the timer a reconcile is attributed to, −1 for none. */
  final int[] timerOf;

  final List<Timer> timers = new ArrayList<>();

  /** What the API server's audit log says about the stream; null when it says nothing. */
  AuditEvidence audit;

  /** True when the analysis was given an audit log (whether or not it names this stream). */
  boolean auditLogGiven;

  /** The controller's pooled timers, from its context (each stream copies what it uses). */
  List<Timer> pooled = List.of();

  /** The controller's worker busy blocks; null when the stream is the controller's only one. */
  WorkerBusy busy;

  /**
   * Under thinning: the controller's timer comb, whose teeth beyond the first classify their
   * intervals as that timer's (docs/method.md, "Sampling"); null for a complete trace.
   */
  SamplingComb comb;

  /** The stream's own gap-hazard scan (sorted gaps and spikes) and, without spikes, pair scan. */
  SortedGaps sortedGaps;

  List<Spike> ownSpikes;
  Spike pairSpike;

  /** The stream's reconcile durations (median and robust spread), set with the own scans. */
  Durations durations;

  StreamWork(StreamTimes times) {
    this.times = times;
    label = new Classification[times.n];
    fromEvidence = new boolean[times.n];
    timerOf = new int[times.n];
    Arrays.fill(timerOf, -1);
  }

  /** Sets the evidence labels of step 0. */
  void evidence(Classification[] labels) {
    for (int j = 0; j < times.n; j++) {
      label[j] = labels[j];
      fromEvidence[j] = labels[j] != null;
    }
  }

  /** Attributed to a timer with a sharp per-object delay (J ≈ 0), which resync cannot fake. */
  boolean sharpTimer(int j) {
    return timerOf[j] >= 0 && timerOf[j] < timers.size() && timers.get(timerOf[j]).sharpDelay();
  }
}
