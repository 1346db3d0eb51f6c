package io.github.wakeupanalyze.simulate;

/**
 * controller-runtime's priority queue, the default since v0.23 ({@code UsePriorityQueue},
 * kubernetes-sigs/controller-runtime {@code pkg/controller/priorityqueue/priorityqueue.go}, {@code
 * pkg/config/controller.go}).
 *
 * <p>Rules ({@code AddWithOpts}): a new key gets {@code ReadyAt = now+after} (or none: ready now).
 * For a key already queued, {@code ReadyAt} is replaced only when the new one is none or sooner. So
 * an event ({@code Add}, no delay) makes a waiting key ready at once and <em>consumes</em> its
 * pending timer: the next RequeueAfter counts from the end of that event's reconcile ("reset"
 * semantics). {@code Get} removes the key and locks it until {@code Done}; an add while it is
 * locked creates a new entry that is handed out after {@code Done} (the dirty requeue). Ready keys
 * are served in the order they were first added (priorities are not modelled: every add here has
 * the default priority).
 */
final class PriorityWorkQueue implements WorkQueue {
  private static final long READY = Long.MIN_VALUE;

  private final Engine engine;
  private final Runnable onReady;
  private final long[] readyAt;
  private final Wake[] wake;
  private final long[] addedSeq;
  private final boolean[] present;
  private final boolean[] locked;
  private final long[] gen;
  private long seq;

  PriorityWorkQueue(Engine engine, int keys, Runnable onReady) {
    this.engine = engine;
    this.onReady = onReady;
    readyAt = new long[keys];
    wake = new Wake[keys];
    addedSeq = new long[keys];
    present = new boolean[keys];
    locked = new boolean[keys];
    gen = new long[keys];
  }

  @Override
  public void add(int key, Wake w) {
    addAfter(key, 0, w);
  }

  @Override
  public void addAfter(int key, long delayNanos, Wake w) {
    long at = delayNanos > 0 ? engine.now() + delayNanos : READY;
    if (!present[key]) {
      present[key] = true;
      addedSeq[key] = seq++;
    } else if (readyAt[key] == READY || (at != READY && at >= readyAt[key])) {
      return;
    }
    readyAt[key] = at;
    wake[key] = w;
    long g = ++gen[key];
    if (at == READY) {
      onReady.run();
    } else {
      engine.at(
          at,
          () -> {
            if (present[key] && gen[key] == g) {
              readyAt[key] = READY;
              onReady.run();
            }
          });
    }
  }

  @Override
  public Taken get() {
    int best = -1;
    for (int k = 0; k < present.length; k++) {
      if (present[k]
          && readyAt[k] == READY
          && !locked[k]
          && (best < 0 || addedSeq[k] < addedSeq[best])) {
        best = k;
      }
    }
    if (best < 0) {
      return null;
    }
    present[best] = false;
    locked[best] = true;
    gen[best]++;
    return new Taken(best, wake[best]);
  }

  @Override
  public void done(int key) {
    locked[key] = false;
    if (present[key] && readyAt[key] == READY) {
      onReady.run();
    }
  }
}
