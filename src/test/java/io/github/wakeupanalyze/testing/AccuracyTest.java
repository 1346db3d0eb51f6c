package io.github.wakeupanalyze.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccuracyTest {
  @Test
  void macroF1_knownAnswer() {
    // event: tp 8, fp 1, fn 2 → F1 16/19; timer: tp 9, fp 2, fn 1 → F1 18/21
    assertEquals(
        (16.0 / 19 + 18.0 / 21) / 2, Accuracy.macroF1(new int[][] {{8, 2}, {1, 9}}), 1e-12);
    assertEquals(
        1.0, Accuracy.macroF1(new int[][] {{5, 0}, {0, 0}}), 1e-12, "absent class skipped");
  }
}
