package io.github.wakeupanalyze.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {
  @Test
  void behavesLikeHashMap_underRandomPutsAndRemoves() {
    LongIntMap m = new LongIntMap(4);
    Map<Long, Integer> ref = new HashMap<>();
    Random rnd = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      long k = 1 + rnd.nextInt(5000);
      if (rnd.nextInt(3) == 0) {
        Integer expected = ref.remove(k);
        assertEquals(expected == null ? LongIntMap.MISSING : expected, m.remove(k));
      } else {
        int v = rnd.nextInt();
        ref.put(k, v);
        m.put(k, v);
      }
    }
    assertEquals(ref.size(), m.size());
    for (long k = 1; k <= 5000; k++) {
      Integer expected = ref.get(k);
      assertEquals(expected == null ? LongIntMap.MISSING : expected, m.get(k), "key " + k);
    }
  }
}
