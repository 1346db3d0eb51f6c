package io.github.wakeupanalyze.analyze.sampling;

/**
 * The comb of an earliest-deadline timer under thinning, counted along the timer's own chain.
 *
 * <p>Under an earliest queue (client-go's delaying queue, kube-rs) an event-driven reconcile does
 * not move a pending deadline: the timer's next fire is one delay after the end of the last
 * <em>timer</em> reconcile, whatever ran in between. So the lag from the last kept timer
 * reconcile's end (the <em>anchor</em>) to the next kept timer reconcile's start lies on tooth k of
 * the {@link Comb} when k − 1 fires in between were lost, with probability p(1 − p)^(k−1) whatever
 * the events do, and p̂ is the geometric estimate n/Σk over these links ({@link
 * ThinningEstimate#ofChain}). Counting end→start gaps from the <em>previous</em> reconcile instead
 * (the reset model of {@link ThinningEstimate#of}) breaks a link at every kept event, which reads p
 * low.
 *
 * <p>Walk: every kept reconcile's lag from the anchor is added to the counts; one on a tooth
 * becomes the anchor. When the chain broke unseen (a lost error backoff or a fire delayed by a busy
 * worker moved the deadline), the lag from the anchor stays off the comb or lands in a wide tooth
 * further out; a reconcile whose gap from one of the kept reconciles since the anchor (at most
 * {@link #MAX_BACK} back) lies on a narrower tooth than that (less room for chance) shows that this
 * one anchored a new chain, and the narrowest such gap is counted instead. Events in between do not
 * hide it: a kube-rs bulk run every 60 s ticks from its own start, so a long run puts the next one
 * off tooth 1 counted from its end, and the one after it lies in tooth 2 from the old anchor but on
 * tooth 1 from the run off the comb, whatever edits came in between. A lag beyond the last tooth
 * starts a new chain there. An error restarts the chain at the next reconcile (its backoff re-armed
 * the queue).
 *
 * <p>A fire that falls due while the controller's worker is busy (another object's reconcile: one
 * worker is shared by all objects, MaxConcurrentReconciles = 1) waits in the queue and starts when
 * the worker frees up: its lag lies just past tooth k, off the comb, and the next fire is armed
 * from <em>its</em> end. Counted from the old anchor, two such waits in a row put the second fire
 * in the wide tooth 2 though nothing was lost; on a complete three-object Percona-like trace that
 * read p̂ = 0.98. So a reconcile whose lag lies past tooth k while the worker was busy without a
 * break from tooth k's earliest deadline (anchor end + centre − half-width) until its start is fire
 * k, waited ({@link Worker}): it is counted on tooth k and anchors the chain.
 *
 * <p>Example: P = 5 s, d̄ = 0.15 s; timer reconciles end at 0.15 and 15.45 (two fires lost), an
 * event starts at 7 s: lags 6.85 (off) and 15.3 (tooth 3) are counted, so the link is k = 3.
 */
public final class TimerChain {
  /** Most reconciles since the anchor read as the anchor of a new chain. */
  static final int MAX_BACK = 64;

  private TimerChain() {}

  /** The controller's worker, as far as the trace shows it. */
  @FunctionalInterface
  public interface Worker {
    /** Nothing known about the worker: no fire is read as waited. */
    Worker UNKNOWN = (since, start) -> false;

    /**
     * True when the worker was busy without a break from {@code since} until {@code start}
     * (seconds, the streams' time base).
     */
    boolean busyUntil(double since, double start);
  }

  /**
   * {@link #counts(double[], double[], boolean[], boolean[], int, Comb, Worker)}, worker unknown.
   */
  public static CombCounts counts(
      double[] start, double[] end, boolean[] skip, boolean[] restart, int n, Comb comb) {
    return counts(start, end, skip, restart, n, comb, Worker.UNKNOWN);
  }

  /**
   * Lags along the chain of one stream.
   *
   * @param start starts of the kept reconciles, seconds, ascending
   * @param end their ends, seconds
   * @param skip true for a record not counted (a duplicate)
   * @param restart true for a reconcile that starts a new chain (the one after an error)
   * @param n the number of reconciles used
   * @param comb the fundamental's comb
   * @param worker the controller's worker, for fires that waited behind it
   */
  public static CombCounts counts(
      double[] start,
      double[] end,
      boolean[] skip,
      boolean[] restart,
      int n,
      Comb comb,
      Worker worker) {
    CombCounts c = new CombCounts(comb);
    int anchor = -1;
    int previous = -1;
    for (int j = 0; j < n; j++) {
      if (skip[j]) {
        continue;
      }
      if (anchor < 0 || restart[j]) {
        anchor = j;
        previous = j;
        continue;
      }
      double lag = start[j] - end[anchor];
      int waited = waited(lag, end[anchor], start[j], comb, worker);
      if (waited > 0) {
        c.add(comb.center(waited));
        anchor = j;
        previous = j;
        continue;
      }
      if (previous != anchor) {
        // one of the reconciles since the anchor anchored a new chain: its tooth is the narrower
        int best = comb.tooth(lag);
        for (int m = previous; m > anchor && m >= j - MAX_BACK; m--) {
          if (skip[m]) {
            continue;
          }
          double gap = start[j] - end[m];
          int k = comb.tooth(gap);
          if (k > 0 && (best == 0 || k < best)) {
            best = k;
            lag = gap;
          }
        }
      }
      c.add(lag);
      if (comb.tooth(lag) > 0 || comb.cell(lag) > comb.maxTooth()) {
        anchor = j;
      }
      previous = j;
    }
    return c;
  }

  /**
   * The tooth k whose fire this is, having waited behind a busy worker: the lag lies past tooth k
   * (and before tooth k + 1) and the worker was busy from tooth k's earliest deadline to the start;
   * 0 otherwise.
   */
  private static int waited(double lag, double anchorEnd, double start, Comb comb, Worker worker) {
    if (comb.tooth(lag) > 0) {
      return 0;
    }
    int k = (int) Math.floor((lag + comb.spacing() - comb.delay()) / comb.spacing());
    if (k < 1 || k > comb.maxTooth() || lag <= comb.center(k) + comb.halfWidth(k)) {
      return 0;
    }
    double deadline = anchorEnd + comb.center(k) - comb.halfWidth(k);
    return worker.busyUntil(deadline, start) ? k : 0;
  }
}
