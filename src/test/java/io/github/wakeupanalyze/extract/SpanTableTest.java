package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpanTableTest {
  record Entry(int value, int tag, int clock, int epoch) {}

  @Test
  void behavesLikeAMap_andEvictionKeepsExactlyTheNewerByTheirClockOrProtectedEntries() {
    SpanTable t = new SpanTable(4);
    Map<Long, Entry> ref = new HashMap<>();
    Random rnd = new Random(17);
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 5_000; i++) {
        long k = 1 + rnd.nextInt(20_000);
        Entry e = new Entry(rnd.nextInt(200) - 100, rnd.nextInt(1 << 15), rnd.nextInt(4), round);
        ref.put(k, e);
        t.put(k, e.value(), e.tag(), e.clock(), e.epoch());
      }
      // clocks 0 to 2 forget at different epochs; clock 3 has no cutoff and keeps everything
      int[] cutoffs = {round - 3, round - 1, round - 6};
      int removed = t.evictBefore(cutoffs, v -> v < -90);
      int expectedRemoved = 0;
      for (var it = ref.entrySet().iterator(); it.hasNext(); ) {
        Entry e = it.next().getValue();
        if (e.clock() < 3 && e.epoch() < cutoffs[e.clock()] && !(e.value() < -90)) {
          it.remove();
          expectedRemoved++;
        }
      }
      assertEquals(expectedRemoved, removed, "round " + round);
      assertEquals(ref.size(), t.size());
      assertTrue(t.capacity() >= 2 * t.size() && t.capacity() <= Math.max(16, 8 * t.size()));
    }
    for (long k = 1; k <= 20_000; k++) {
      Entry e = ref.get(k);
      int slot = t.find(k);
      if (e == null) {
        assertEquals(-1, slot, "key " + k);
        assertEquals(SpanTable.MISSING, t.get(k));
      } else {
        assertEquals(e.value(), t.value(slot));
        assertEquals(e.tag(), t.tag(slot));
      }
    }
  }
}
