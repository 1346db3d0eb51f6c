package io.github.wakeupanalyze.analyze.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChanceTest {
  @Test
  void beyond_asksThreeStandardDeviationsAndTheSlack() {
    assertFalse(Chance.beyond(14, 13.9, 2), "14 where chance puts 13.9: nothing");
    assertTrue(Chance.beyond(5, 0, 2), "5 where chance puts none");
    assertFalse(Chance.beyond(2, 0, 2), "the slack: two coincidences are not a pattern");
    assertTrue(Chance.beyond(4 + 3 * 2 + 2.01, 4, 2));
    assertFalse(Chance.beyond(4 + 3 * 2 + 3, 4, 3), "equal to the margin is not beyond it");
  }

  @Test
  void someIn_isOneLessThePoissonChanceOfNone_andGrowsWithTheWindow() {
    assertEquals(1 - Math.exp(-1), Chance.someIn(0.1, 10), 1e-15);
    assertEquals(0, Chance.someIn(0, 10));
    double last = 0;
    for (double w = 0.001; w < 1e4; w *= 1.7) {
      double q = Chance.someIn(0.2, w);
      assertTrue(q >= last && q <= 1 && (last == 1 || q > last), w + " s: " + q);
      last = q;
    }
  }
}
