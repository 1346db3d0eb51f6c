package io.github.wakeupanalyze.analyze;

import io.github.wakeupanalyze.analyze.hazard.HazardScan;
import io.github.wakeupanalyze.analyze.hazard.Spike;
import io.github.wakeupanalyze.model.ObjectWrite;
import io.github.wakeupanalyze.model.Reconcile;
import java.util.List;

/**
 * When the framework was done with each reconcile: the moment from which a timer the reconcile
 * asked for counts (docs/method.md, "Trailing writes").
 *
 * <p>controller-runtime and kube-rs arm a RequeueAfter when the reconcile function returns, so the
 * reconcile span's end is that moment. The Java Operator SDK patches the status itself after the
 * reconciler returned {@code UpdateControl.patchStatus} ({@code ReconciliationDispatcher}, on the
 * reconcile's thread), and only then ({@code EventProcessor.eventProcessingFinished}) schedules
 * {@code rescheduleAfter} on its {@code TimerEventSource}: the delay counts from the end of that
 * patch. The trace holds the patch as the operator's own client span in a trace of its own, outside
 * the reconcile span. A slow patch (tens of milliseconds in its tail) moves the fire by as much.
 *
 * <p>A <b>trailing write</b> of reconcile j is the operator's own write to the stream's object that
 * starts after start[j] and at most {@link #TRAILING_NANOS} after end[j], and ends after end[j] and
 * no later than start[j+1] (the framework holds the object until it is done with it). The
 * processing end of j is then the latest such write's end; otherwise the span's end.
 *
 * <p>Which moment arms the timer is the framework's property, so the data decide it per controller
 * ({@link #explainBetter}): the gap-hazard scan runs on the gaps counted both ways, and the
 * trailing writes are used when the strongest spike counted from them has the larger likelihood
 * ratio {@code 2[k·ln(k/μ) − (k − μ)]}: more gaps in a narrower support, as a timer measured from
 * where it was armed gives. A framework that arms its timer at the reconcile's end and writes
 * afterwards gets the other answer: its spike is the sharper one from the span ends.
 */
final class ProcessingEnds {
  /**
   * A trailing write starts at most this long after the reconcile span's end, ns (100 ms): the
   * framework writes as soon as the reconcile method returned; a write much later is not its own.
   */
  static final long TRAILING_NANOS = 100_000_000L;

  private ProcessingEnds() {}

  /** Which end the object's timers count from. */
  enum Anchor {
    /** The reconcile span's end. */
    SPAN_END,
    /** The end of the reconcile's trailing write, where it has one. */
    TRAILING_WRITE,
    /** Not decided for the controller: the object decides on its own gaps. */
    OWN_GAPS
  }

  /**
   * Each reconcile's processing end, epoch ns: the end of its trailing write, else its span's end.
   *
   * @param stream one object's reconciles, sorted by start, non-empty
   * @return the ends, or null when no reconcile of the stream has a trailing write
   */
  static long[] of(List<Reconcile> stream, EvidenceIndex evidence) {
    List<ObjectWrite> own = evidence.ownWrites(stream);
    if (own.isEmpty()) {
      return null;
    }
    int n = stream.size();
    long[] ends = new long[n];
    boolean any = false;
    int w = 0;
    for (int j = 0; j < n; j++) {
      Reconcile r = stream.get(j);
      long end = r.endNanos();
      long next = j + 1 < n ? stream.get(j + 1).startNanos() : Long.MAX_VALUE;
      ends[j] = end;
      while (w < own.size() && own.get(w).timeNanos() <= r.startNanos()) {
        w++;
      }
      for (int k = w; k < own.size() && own.get(k).timeNanos() - end <= TRAILING_NANOS; k++) {
        ObjectWrite x = own.get(k);
        if (x.endNanos() > ends[j] && x.endNanos() <= next) {
          ends[j] = x.endNanos();
          any = true;
        }
      }
    }
    return any ? ends : null;
  }

  /**
   * Whether the timers measured from the processing ends explain the streams' gaps better than
   * those measured from the span ends (class comment): the strongest spike of the pooled gaps has
   * the larger likelihood ratio. False when no stream has a trailing write.
   *
   * @param streams the objects' reconciles, each sorted by start and non-empty
   * @param ends each stream's processing ends from {@link #of}, null entries for none
   * @param origin epoch ns of second 0
   */
  static boolean explainBetter(
      List<List<Reconcile>> streams, List<long[]> ends, long origin, HazardScan.Config cfg) {
    if (ends.stream().allMatch(e -> e == null)) {
      return false;
    }
    double plain = strongest(streams, ends, origin, cfg, false);
    double trailing = strongest(streams, ends, origin, cfg, true);
    return trailing > plain;
  }

  /** The largest likelihood ratio among the pooled gaps' spikes, 0 without a spike. */
  private static double strongest(
      List<List<Reconcile>> streams,
      List<long[]> ends,
      long origin,
      HazardScan.Config cfg,
      boolean trailing) {
    double[][] gaps = new double[streams.size()][];
    int total = 0;
    for (int i = 0; i < streams.size(); i++) {
      gaps[i] = new StreamTimes(streams.get(i), origin, trailing ? ends.get(i) : null).scanGaps();
      total += gaps[i].length;
    }
    double[] all = new double[total];
    int k = 0;
    for (double[] g : gaps) {
      System.arraycopy(g, 0, all, k, g.length);
      k += g.length;
    }
    double best = 0;
    for (Spike s : HazardScan.scan(all, cfg)) {
      best = Math.max(best, s.likelihoodRatio());
    }
    return best;
  }
}
