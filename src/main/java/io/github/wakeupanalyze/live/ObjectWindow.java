package io.github.wakeupanalyze.live;

import io.github.wakeupanalyze.analyze.numeric.SortedSearch;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One object's reconciles inside the window, sorted as the batch extractor sorts a stream (by
 * start, then end, then ids), each counted once by (trace id, span id). The state a stream
 * processor keys by object: a list that grows at its end as reconciles become final and shrinks at
 * its start as the window moves. Memory: one reference per reconcile in the window.
 */
public final class ObjectWindow {
  private final StreamKey key;
  private final ArrayList<Reconcile> reconciles = new ArrayList<>();

  public ObjectWindow(StreamKey key) {
    this.key = key;
  }

  public StreamKey key() {
    return key;
  }

  /**
   * Adds a final reconcile in its place (at the end, usually).
   *
   * @return false when the same reconcile (trace id, span id) is already here
   */
  public boolean add(Reconcile r) {
    int n = reconciles.size();
    if (n == 0 || Reconcile.IN_STREAM.compare(reconciles.get(n - 1), r) < 0) {
      reconciles.add(r);
      return true;
    }
    int at = lowerBound(r.startNanos());
    for (int i = at; i < n && reconciles.get(i).startNanos() == r.startNanos(); i++) {
      if (sameSpan(reconciles.get(i), r)) {
        return false;
      }
    }
    int pos = at;
    while (pos < n && Reconcile.IN_STREAM.compare(reconciles.get(pos), r) < 0) {
      pos++;
    }
    reconciles.add(pos, r);
    return true;
  }

  /**
   * Drops the reconciles that started before {@code startNanos}.
   *
   * @return how many were dropped
   */
  public int evictBefore(long startNanos) {
    int k = lowerBound(startNanos);
    reconciles.subList(0, k).clear();
    return k;
  }

  public boolean isEmpty() {
    return reconciles.isEmpty();
  }

  public int size() {
    return reconciles.size();
  }

  /** A copy of the reconciles, in stream order. */
  public List<Reconcile> reconciles() {
    return List.copyOf(reconciles);
  }

  /** The first index whose start is at or after {@code t}. */
  private int lowerBound(long t) {
    return SortedSearch.lowerBound(reconciles, Reconcile::startNanos, t);
  }

  private static boolean sameSpan(Reconcile a, Reconcile b) {
    return a.spanId() == b.spanId()
        && a.traceIdLow() == b.traceIdLow()
        && a.traceIdHigh() == b.traceIdHigh();
  }
}
