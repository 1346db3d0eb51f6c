package io.github.wakeupanalyze.simulate;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * client-go's workqueue as controller-runtime used it before v0.23: a de-duplicating FIFO under a
 * delaying queue.
 *
 * <p>Rules, from kubernetes/client-go {@code util/workqueue/queue.go} and {@code
 * delaying_queue.go}:
 *
 * <ul>
 *   <li>{@code Add}: a key already waiting in the queue (dirty, not processing) is not added again
 *       (de-duplication: its first cause stays); a key being processed is only marked dirty and
 *       goes back into the queue at {@code Done} (the "dirty requeue": it runs again right after);
 *   <li>{@code Get} hands out keys in FIFO order; one worker per key at a time;
 *   <li>{@code AddAfter(d)}: the key waits until now+d, then is {@code Add}ed. A key already
 *       waiting keeps its deadline unless the new one is sooner ({@code insert}: "update the time
 *       only if it would cause the item to be queued sooner"). A plain {@code Add} from an event
 *       does not touch the waiting entry: the pending timer still fires ("earliest" semantics).
 * </ul>
 */
final class ClientGoQueue implements WorkQueue {
  private static final long NONE = Long.MIN_VALUE;

  private final Engine engine;
  private final Runnable onReady;
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();
  private final boolean[] dirty;
  private final boolean[] processing;
  private final Wake[] dirtyWake;
  private final long[] waitingAt;
  private final Wake[] waitingWake;
  private final long[] waitingGen;

  ClientGoQueue(Engine engine, int keys, Runnable onReady) {
    this.engine = engine;
    this.onReady = onReady;
    dirty = new boolean[keys];
    processing = new boolean[keys];
    dirtyWake = new Wake[keys];
    waitingAt = new long[keys];
    Arrays.fill(waitingAt, NONE);
    waitingWake = new Wake[keys];
    waitingGen = new long[keys];
  }

  @Override
  public void add(int key, Wake wake) {
    if (dirty[key]) {
      return;
    }
    dirty[key] = true;
    dirtyWake[key] = wake;
    if (processing[key]) {
      return;
    }
    queue.add(key);
    onReady.run();
  }

  @Override
  public void addAfter(int key, long delayNanos, Wake wake) {
    if (delayNanos <= 0) {
      add(key, wake);
      return;
    }
    long at = engine.now() + delayNanos;
    if (waitingAt[key] != NONE && waitingAt[key] <= at) {
      return;
    }
    waitingAt[key] = at;
    waitingWake[key] = wake;
    long gen = ++waitingGen[key];
    engine.at(
        at,
        () -> {
          if (waitingGen[key] == gen) {
            waitingAt[key] = NONE;
            add(key, waitingWake[key]);
          }
        });
  }

  @Override
  public Taken get() {
    Integer key = queue.poll();
    if (key == null) {
      return null;
    }
    processing[key] = true;
    dirty[key] = false;
    return new Taken(key, dirtyWake[key]);
  }

  @Override
  public void done(int key) {
    processing[key] = false;
    if (dirty[key]) {
      queue.add(key);
      onReady.run();
    }
  }
}
