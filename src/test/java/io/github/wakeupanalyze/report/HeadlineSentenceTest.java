package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.wakeupanalyze.analyze.ControllerResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headline sentence of a controller without a timer says what the data can and cannot tell. */
class HeadlineSentenceTest {
  private static ControllerResult noTimer(int objects, int reconciles, int insufficient) {
    return new ControllerResult(
        "op",
        "db",
        objects,
        reconciles,
        reconciles,
        0,
        Map.of(),
        List.of(),
        insufficient,
        List.of(),
        null);
  }

  @Test
  void oneObjectTooShortToTell_isInsufficientData() {
    assertEquals(
        "`db` has too few reconciles (12) to tell whether a timer drives it (insufficient data).",
        MarkdownReport.sentence(noTimer(1, 12, 1), List.of()));
  }

  @Test
  void manyObjectsEachTooShort_sayThatNoTimerShowed_andWhatEachObjectCannotRuleOut() {
    // 5,533 reconciles are not "too few": each of the 800 objects' seven or so are
    assertEquals(
        "`db`: no timer found in its 5533 reconciles, but each of its 800 objects has too few alone"
            + " to rule out a timer of its own (insufficient data).",
        MarkdownReport.sentence(noTimer(800, 5533, 800), List.of()));
  }

  @Test
  void objectsThatCanTell_areEventDriven() {
    assertEquals(
        "`db` is event-driven: no timer found in its 5533 reconciles on 800 objects.",
        MarkdownReport.sentence(noTimer(800, 5533, 10), List.of()));
  }
}
