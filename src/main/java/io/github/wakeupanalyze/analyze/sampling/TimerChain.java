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
 * further out; a reconcile whose gap from the previous kept one lies on a narrower tooth than that
 * (less room for chance) shows that the previous one anchored a new chain, and that gap is counted
 * instead. A lag beyond the last tooth starts a new chain there. An error restarts the chain at the
 * next reconcile (its backoff re-armed the queue).
 *
 * <p>Example: P = 5 s, d̄ = 0.15 s; timer reconciles end at 0.15 and 15.45 (two fires lost), an
 * event starts at 7 s: lags 6.85 (off) and 15.3 (tooth 3) are counted, so the link is k = 3.
 */
public final class TimerChain {
  private TimerChain() {}

  /**
   * Lags along the chain of one stream.
   *
   * @param start starts of the kept reconciles, seconds, ascending
   * @param end their ends, seconds
   * @param skip true for a record not counted (a duplicate)
   * @param restart true for a reconcile that starts a new chain (the one after an error)
   * @param n the number of reconciles used
   * @param comb the fundamental's comb
   */
  public static CombCounts counts(
      double[] start, double[] end, boolean[] skip, boolean[] restart, int n, Comb comb) {
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
      if (previous != anchor) {
        double gap = start[j] - end[previous];
        int k = comb.tooth(gap);
        int ka = comb.tooth(lag);
        if (k > 0 && (ka == 0 || k < ka)) {
          lag = gap; // the previous reconcile anchored a new chain: its tooth is the narrower
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
}
