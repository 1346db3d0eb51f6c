package io.github.wakeupanalyze.extract;

import java.util.Arrays;

/**
 * Open-addressing hash map from non-zero {@code long} keys to {@code int} values: about 24 bytes
 * per entry at the 0.5 load factor, against some 80 for {@code HashMap<Long, Integer>}.
 */
final class LongIntMap {
  static final int MISSING = Integer.MIN_VALUE;

  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #MISSING}. */
  int get(long key) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == 0) {
        return MISSING;
      }
      i = (i + 1) & mask;
    }
  }

  void put(long key, int value) {
    if (key == 0) {
      throw new IllegalArgumentException("key 0 is reserved");
    }
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      }
      if (k == 0) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes {@code key}, returning its value or {@link #MISSING} (backward-shift deletion). */
  int remove(long key) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == 0) {
        return MISSING;
      }
      if (k == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    int old = values[i];
    int hole = i;
    int j = (i + 1) & mask;
    while (keys[j] != 0) {
      int home = slot(keys[j]);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
      j = (j + 1) & mask;
    }
    keys[hole] = 0;
    size--;
    return old;
  }

  /** Calls {@code action} for every entry, in no particular order. */
  void forEach(java.util.function.BiConsumer<Long, Integer> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        action.accept(keys[i], values[i]);
      }
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
    Arrays.fill(oldKeys, 0);
  }
}
