package io.github.wakeupanalyze.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Records that write equals and hashCode out behave as the generated ones, value for value. */
class RecordMethodsTest {
  /** Records with the same components whose methods the compiler generates. */
  private record Generated3(String a, String b, String c) {}

  private record GeneratedCalls(Object byMethod, Object writeTargets, boolean recorded) {}

  private static String word(SplittableRandom r) {
    int pick = r.nextInt(5);
    return pick == 0 ? null : "w" + r.nextInt(pick * 3);
  }

  @Test
  void streamKey_hashesAndComparesAsAGeneratedRecord() {
    SplittableRandom r = new SplittableRandom(20261203);
    for (int i = 0; i < 2000; i++) {
      String o = word(r);
      String c = word(r);
      String x = word(r);
      StreamKey k = new StreamKey(o, c, x);
      assertEquals(new Generated3(o, c, x).hashCode(), k.hashCode());
      String o2 = word(r);
      String c2 = word(r);
      String x2 = word(r);
      StreamKey k2 = new StreamKey(o2, c2, x2);
      assertEquals(new Generated3(o, c, x).equals(new Generated3(o2, c2, x2)), k.equals(k2));
      assertEquals(k, new StreamKey(o, c, x));
    }
    assertNotEquals(new StreamKey("a", "b", "c"), null);
    assertNotEquals(new StreamKey("a", "b", "c"), new Generated3("a", "b", "c"));
  }

  @Test
  void apiCalls_hashAndCompareAsAGeneratedRecord() {
    ApiCalls a = new ApiCalls(new TreeMap<>(Map.of("GET", 2, "PATCH", 1)), List.of("/x", "/y"));
    ApiCalls same = new ApiCalls(new TreeMap<>(Map.of("PATCH", 1, "GET", 2)), List.of("/x", "/y"));
    ApiCalls otherOrder =
        new ApiCalls(new TreeMap<>(Map.of("GET", 2, "PATCH", 1)), List.of("/y", "/x"));
    assertEquals(new GeneratedCalls(a.byMethod(), a.writeTargets(), true).hashCode(), a.hashCode());
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    assertNotEquals(a, otherOrder);
    assertNotEquals(a, ApiCalls.NONE);
    assertEquals(
        new GeneratedCalls(Map.of(), List.of(), true).hashCode(), ApiCalls.NONE.hashCode());
    assertEquals(
        new GeneratedCalls(Map.of(), List.of(), false).hashCode(), ApiCalls.UNRECORDED.hashCode());
    assertNotEquals(ApiCalls.NONE, ApiCalls.UNRECORDED, "no call seen is not no call recorded");
  }
}
