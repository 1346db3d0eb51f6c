package io.github.wakeupanalyze.extract;

import java.util.function.IntPredicate;

/**
 * Open-addressing hash table from non-zero {@code long} keys to an {@code int} value, a 16-bit tag,
 * the clock the entry was stamped with ({@link TraceClocks}, 16 bits) and the epoch (a trace-time
 * slice number of that clock) it was written in; entries older than their clock's cutoff can be
 * evicted in one pass. 20 bytes a slot, about 40 an entry at the 0.5 load factor, against some 100
 * for a {@code HashMap<Long, …>} with a small value object: the table holds one entry per span
 * within the extractor's horizon, so its size decides how much trace fits in the heap.
 */
final class SpanTable {
  static final int MISSING = Integer.MIN_VALUE;

  /** Bytes a slot takes (key, value, tag, epoch). */
  static final int SLOT_BYTES = 8 + 4 + 2 + 2 + 4;

  private long[] keys;
  private int[] values;
  private short[] tags;
  private short[] clocks;
  private int[] epochs;
  private int size;
  private int mask;

  SpanTable(int expected) {
    allocate(capacityFor(expected));
  }

  private static int capacityFor(int entries) {
    return Integer.highestOneBit(Math.max(16, entries * 2 - 1)) << 1;
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
    tags = new short[capacity];
    clocks = new short[capacity];
    epochs = new int[capacity];
    mask = capacity - 1;
    size = 0;
  }

  int size() {
    return size;
  }

  /** Slots allocated: what the table costs is {@code capacity() * SLOT_BYTES}. */
  int capacity() {
    return keys.length;
  }

  /** The slot of {@code key}, or -1; valid until the next {@code put} or eviction. */
  int find(long key) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        return i;
      }
      if (k == 0) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  int value(int slot) {
    return values[slot];
  }

  int tag(int slot) {
    return tags[slot];
  }

  /** The value of {@code key}, or {@link #MISSING}. */
  int get(long key) {
    int s = find(key);
    return s < 0 ? MISSING : values[s];
  }

  /** Sets the value of an existing slot, keeping its tag and epoch. */
  void setValue(int slot, int value) {
    values[slot] = value;
  }

  /** Inserts or replaces {@code key}, stamped with {@code epoch} of clock {@code clock}. */
  void put(long key, int value, int tag, int clock, int epoch) {
    if (key == 0) {
      throw new IllegalArgumentException("key 0 is reserved");
    }
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        break;
      }
      if (k == 0) {
        keys[i] = key;
        if (++size * 2 > keys.length) {
          values[i] = value;
          tags[i] = (short) tag;
          clocks[i] = (short) clock;
          epochs[i] = epoch;
          rehash(keys.length * 2, null, v -> true);
          return;
        }
        break;
      }
      i = (i + 1) & mask;
    }
    values[i] = value;
    tags[i] = (short) tag;
    clocks[i] = (short) clock;
    epochs[i] = epoch;
  }

  /**
   * Removes every entry written before the cutoff epoch of its clock ({@code cutoffs[clock]}; a
   * clock beyond the array keeps everything) unless {@code keep} holds for its value, and shrinks
   * the table to fit what is left.
   *
   * @return how many entries were removed
   */
  int evictBefore(int[] cutoffs, IntPredicate keep) {
    int before = size;
    int survivors = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && survives(epochs[i], values[i], clocks[i], cutoffs, keep)) {
        survivors++;
      }
    }
    rehash(capacityFor(Math.max(survivors, 1)), cutoffs, keep);
    return before - size;
  }

  private static boolean survives(
      int epoch, int value, int clock, int[] cutoffs, IntPredicate keep) {
    return cutoffs == null
        || clock >= cutoffs.length
        || epoch >= cutoffs[clock]
        || keep.test(value);
  }

  private void rehash(int capacity, int[] cutoffs, IntPredicate keep) {
    long[] oldKeys = keys;
    int[] oldValues = values;
    short[] oldTags = tags;
    short[] oldClocks = clocks;
    int[] oldEpochs = epochs;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      long k = oldKeys[i];
      if (k != 0 && survives(oldEpochs[i], oldValues[i], oldClocks[i], cutoffs, keep)) {
        int j = slot(k);
        while (keys[j] != 0) {
          j = (j + 1) & mask;
        }
        keys[j] = k;
        values[j] = oldValues[i];
        tags[j] = oldTags[i];
        clocks[j] = oldClocks[i];
        epochs[j] = oldEpochs[i];
        size++;
      }
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
