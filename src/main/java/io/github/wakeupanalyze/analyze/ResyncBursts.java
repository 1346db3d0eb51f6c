package io.github.wakeupanalyze.analyze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Informer resync as synchronized bursts across the objects of one controller (docs/method.md step
 * 4).
 *
 * <p>Resync re-enqueues every object of the informer at once, every R (SyncPeriod, default 10 h,
 * times a factor in [0.9, 1.1) drawn once per process, on the informer's clock), so the controller
 * reconciles many distinct objects back to back. Candidate reconciles (those no evidence or
 * per-object timer explains) are pooled over the controller, sorted by start, and linked while the
 * worker stays busy: a start at most τ = 3 × the median reconcile duration + 5 ms after the latest
 * end so far (one worker picking up the next key; a few other reconciles may come in between). A
 * linked run is a busy period: a long reconcile inside it does not cut it, only idle time does.
 *
 * <p>The workqueue holds a key once, so one resync pass reconciles each object once; a run in which
 * more than {@link #MAX_REPEATS} of its objects' reconciles are repeats makes several passes over
 * the objects without the worker ever idling: a continuous train (lock-step RequeueAfter behind a
 * saturated worker, where each object's next fire is due before the worker gets round to it), not a
 * burst of its own. Such a train has no burst start by timing (a resync whose pass outlasts its
 * period is one too), so no burst is claimed there; such trains are returned apart ({@link Runs})
 * for the caller to read their gaps.
 *
 * <p>A one-pass run touching m ≥ max(minObjects, 30 % of the objects) distinct objects is a burst
 * when its chance probability under independent Poisson starts at the pooled rate ρ, p ≈ N·q^(m−1)
 * with q = 1 − e^(−ρτ) (Bonferroni over the N possible starting points), is at most α. A run made
 * mostly of the first reconcile of its objects is the start-up list, not a resync. Bursts repeating
 * at a stable interval give the resync period; one or two bursts give only "probable resync".
 */
final class ResyncBursts {
  /**
   * Most repeated reconciles (of an object already in the run) per distinct object of a one-pass
   * run: events during the pass. Example: a 200-object pass with 12 edits in it has 0.06.
   */
  static final double MAX_REPEATS = 0.25;

  private ResyncBursts() {}

  /** One burst: its members (indices into the candidate arrays), objects, chance probability. */
  record Burst(int[] members, int objects, double pValue, double startSeconds) {}

  /**
   * The runs found: bursts, and continuous trains (runs that would be bursts but for their repeats;
   * every reconcile of the run, indices into the candidate arrays).
   */
  record Runs(List<Burst> bursts, List<int[]> trains) {}

  /**
   * @param starts candidate starts, seconds, any order
   * @param ends their ends, seconds
   * @param object object index of each candidate
   * @param first true when the candidate is the first reconcile of its object
   * @param objects number of objects of the controller
   * @param medianDuration median reconcile duration, seconds
   * @param span observed time span, seconds
   * @param totalReconciles all reconciles of the controller (for the pooled rate)
   */
  static Runs runs(
      double[] starts,
      double[] ends,
      int[] object,
      boolean[] first,
      int objects,
      double medianDuration,
      double span,
      int totalReconciles,
      int minObjects,
      double alpha) {
    int n = starts.length;
    List<Burst> out = new ArrayList<>();
    List<int[]> trains = new ArrayList<>();
    int need = Math.max(minObjects, (int) Math.ceil(0.3 * objects));
    if (n < need || objects < minObjects || span <= 0) {
      return new Runs(out, trains);
    }
    int[] order = Order.argsort(starts);
    double tau = 3 * medianDuration + 0.005;
    double rho = totalReconciles / span;
    double q = -Math.expm1(-rho * tau);
    int i = 0;
    while (i < n) {
      int j = i + 1;
      double busyUntil = ends[order[i]];
      while (j < n && starts[order[j]] - busyUntil <= tau) {
        busyUntil = Math.max(busyUntil, ends[order[j]]);
        j++;
      }
      if (j - i >= need) {
        boolean[] seen = new boolean[objects];
        int distinct = 0;
        int firsts = 0;
        List<Integer> members = new ArrayList<>();
        for (int k = i; k < j; k++) {
          int c = order[k];
          if (!seen[object[c]]) {
            seen[object[c]] = true;
            distinct++;
            members.add(c);
            firsts += first[c] ? 1 : 0;
          }
        }
        double logP = Math.log(totalReconciles) + (distinct - 1) * Math.log(q);
        double p = Math.min(1, Math.exp(logP));
        boolean onePass = (j - i) - distinct <= MAX_REPEATS * distinct;
        if (distinct >= need && p <= alpha) {
          if (!onePass) {
            trains.add(Arrays.copyOfRange(order, i, j));
          } else if (firsts * 2 < distinct) {
            out.add(
                new Burst(
                    members.stream().mapToInt(Integer::intValue).toArray(),
                    distinct,
                    p,
                    starts[order[i]]));
          }
        }
      }
      i = j;
    }
    return new Runs(out, trains);
  }
}
