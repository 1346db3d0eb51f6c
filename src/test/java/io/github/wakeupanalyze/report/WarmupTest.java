package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up draws what the reports draw, and nothing it draws can fail a run. */
class WarmupTest {
  @Test
  void run_drawsWithoutFailing_soItWarmsTheRealCodePaths() {
    // a warm-up that threw early would warm nothing, silently
    assertTrue(Warmup.run(), "every warm-up step ran");
    WebChart c = WebChart.draw(Warmup.TIMELINE, false);
    assertTrue(c.inline().startsWith("<svg"), c.inline());
    assertEquals(null, c.png(), "no PNG unless asked for");
  }
}
