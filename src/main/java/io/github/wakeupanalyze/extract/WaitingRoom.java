package io.github.wakeupanalyze.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Spans waiting for their parent, chained per awaited key: {@link #park} adds one, {@link #take}
 * removes the chain of a key when its span is placed.
 */
final class WaitingRoom {
  private final LongIntMap heads = new LongIntMap(1 << 10);
  private final List<PendingSpan> spans = new ArrayList<>();
  private final List<Integer> free = new ArrayList<>();
  private int size;

  /** Spans waiting. */
  int size() {
    return size;
  }

  /**
   * Parks {@code node} until {@code waitKey} is placed.
   *
   * @return its index, for the span table's pending state
   */
  int park(PendingSpan node, long waitKey) {
    int index;
    if (free.isEmpty()) {
      index = spans.size();
      spans.add(node);
    } else {
      index = free.remove(free.size() - 1);
      spans.set(index, node);
    }
    int head = heads.get(waitKey);
    node.next = head == LongIntMap.MISSING ? -1 : head;
    heads.put(waitKey, index);
    size++;
    return index;
  }

  /** Removes and returns the spans waiting on {@code waitKey}, newest first. */
  List<PendingSpan> take(long waitKey) {
    int i = heads.remove(waitKey);
    if (i == LongIntMap.MISSING) {
      return List.of();
    }
    List<PendingSpan> out = new ArrayList<>(2);
    while (i >= 0) {
      PendingSpan c = spans.get(i);
      spans.set(i, null);
      free.add(i);
      size--;
      out.add(c);
      i = c.next;
    }
    return out;
  }

  /**
   * Removes and returns every span waiting on a key for which {@code parentMissing} holds, in
   * chains all of whose members are {@code old}.
   */
  List<PendingSpan> takeOlderThan(Predicate<PendingSpan> old, LongPredicate parentMissing) {
    List<Long> keys = new ArrayList<>();
    heads.forEach(
        (waitKey, head) -> {
          if (parentMissing.test(waitKey) && allOld(head, old)) {
            keys.add(waitKey);
          }
        });
    List<PendingSpan> out = new ArrayList<>();
    for (long k : keys) {
      out.addAll(take(k));
    }
    return out;
  }

  /** Any key still awaited, or 0 when none. */
  long anyKey() {
    long[] any = {0};
    heads.forEach((k, head) -> any[0] = k);
    return any[0];
  }

  private boolean allOld(int head, Predicate<PendingSpan> old) {
    for (int i = head; i >= 0; i = spans.get(i).next) {
      if (!old.test(spans.get(i))) {
        return false;
      }
    }
    return true;
  }
}
