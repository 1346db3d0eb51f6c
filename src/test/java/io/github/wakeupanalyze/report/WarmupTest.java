package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.report.chart.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up draws what the reports draw, and nothing it draws can fail a run. */
class WarmupTest {
  @Test
  void run_drawsWithoutFailing_soItWarmsTheRealCodePaths() {
    // a warm-up that threw early would warm nothing, silently
    assertTrue(Warmup.run(), "every warm-up step ran");
    WebChart c =
        WebChart.draw(
            new Figure(
                "timeline",
                Figure.Kind.TIMELINE,
                "t",
                "x",
                "y",
                false,
                List.of(
                    Figure.Series.points(
                        "timer: requeue", "cause:requeue", new double[] {0}, new double[] {0})),
                List.of(),
                List.of("a"),
                ""),
            false);
    assertTrue(c.inline().startsWith("<svg"), c.inline());
    assertEquals(null, c.png(), "no PNG unless asked for");
  }
}
