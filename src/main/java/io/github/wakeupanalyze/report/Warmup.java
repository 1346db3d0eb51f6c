package io.github.wakeupanalyze.report;

import io.github.wakeupanalyze.report.chart.Figure;
import java.util.List;
import java.util.Map;

/**
 * Loads the report code while the inputs are still being read.
 *
 * <p>The first chart of a run pays for loading and initializing Java2D, the fonts, JFreeChart and
 * JFreeSVG, and the first page for the Markdown parser: about 0.1 s of a one-second run, on the
 * main thread after the analysis. Reading leaves a core mostly idle (one parser thread, one
 * extractor thread that waits for it), so {@link #run} draws two tiny charts and one tiny page
 * there (the command line calls {@link #run} in a daemon thread), and throws them away. It writes
 * nothing and changes no output; if it fails, the real reports meet the same failure and report it.
 */
public final class Warmup {
  private Warmup() {}

  /** A tiny timeline (one series, a marker, two rows): the kind of chart that loads the most. */
  static final Figure TIMELINE =
      new Figure(
          "timeline",
          Figure.Kind.TIMELINE,
          "t",
          "x",
          "y",
          false,
          List.of(
              Figure.Series.points(
                  "timer: requeue",
                  "cause:requeue",
                  new double[] {0, 1, 2},
                  new double[] {0, 1, 0})),
          List.of(new Figure.Marker(true, 1, "m")),
          List.of("a", "b"),
          "");

  /** Draws and throws away; true when every step ran (false: the reports will meet the failure). */
  public static boolean run() {
    try {
      WebChart.draw(TIMELINE, false);
      WebChart.draw(
          new Figure(
              "lines",
              Figure.Kind.LINE,
              "t",
              "x",
              "y",
              true,
              List.of(
                  Figure.Series.points("s", "line:0", new double[] {1, 10}, new double[] {1, 2})),
              List.of(),
              List.of(),
              ""),
          false);
      HtmlReport.page("t", "# t\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n", Map.of(), null, "0");
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false; // only a head start: the real reports draw the same and meet the same failure
    }
  }
}
