package io.github.wakeupanalyze.report.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.analyze.Analysis;
import io.github.wakeupanalyze.analyze.AnalysisParameters;
import io.github.wakeupanalyze.analyze.Classification;
import io.github.wakeupanalyze.analyze.ClassifiedReconcile;
import io.github.wakeupanalyze.analyze.ControllerResult;
import io.github.wakeupanalyze.analyze.SamplingEstimate;
import io.github.wakeupanalyze.analyze.StreamResult;
import io.github.wakeupanalyze.analyze.TimerFinding;
import io.github.wakeupanalyze.model.ApiCalls;
import io.github.wakeupanalyze.model.Cause;
import io.github.wakeupanalyze.model.Reconcile;
import io.github.wakeupanalyze.model.StreamKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import org.jfree.svg.SVGUnits;
import org.junit.jupiter.api.Test;

/**
 * Charts of a large trace stay small: no chart item per reconcile (their speed is the bench's job).
 */
class LargeTraceFiguresTest {
  static final long T0 = 1_767_225_600_000_000_000L;

  /** 300 000 reconciles: 60 objects on a 5 s timer with 5 % events, about 7 hours. */
  static Analysis large() {
    Random rnd = new Random(3);
    List<ClassifiedReconcile> rs = new ArrayList<>();
    List<StreamResult> streams = new ArrayList<>();
    TimerFinding timer = new TimerFinding(5, 5.1, 0.01, 0, 60, 4.9, 5.1);
    long end = T0;
    for (int o = 0; o < 60; o++) {
      StreamKey key = new StreamKey("big-operator", "big-controller", "ns/object-" + o);
      long t = T0 + (long) (rnd.nextDouble() * 5e9);
      for (int i = 0; i < 5000; i++) {
        long d = 100_000_000L;
        boolean event = rnd.nextDouble() < 0.05;
        Reconcile r =
            new Reconcile(
                key, 0, i + 1, o * 10000L + i + 1, t, t + d, false, null, ApiCalls.NONE, 0);
        rs.add(
            new ClassifiedReconcile(
                r,
                event
                    ? Classification.event(Cause.EXTERNAL_EVENT, 0.9)
                    : Classification.timer(Cause.REQUEUE, 0.9, 5)));
        t += d + (event ? (long) (rnd.nextDouble() * 5e9) : 5_000_000_000L);
        end = Math.max(end, t);
      }
      streams.add(new StreamResult(key, 5000, 4750, List.of(timer), false));
    }
    EnumMap<Cause, Integer> causes = new EnumMap<>(Cause.class);
    for (Cause c : Cause.values()) {
      causes.put(c, 0);
    }
    ControllerResult c =
        new ControllerResult(
            "big-operator",
            "big-controller",
            60,
            rs.size(),
            0,
            rs.size(),
            causes,
            List.of(timer),
            0,
            List.of(),
            SamplingEstimate.UNKNOWN);
    return new Analysis(AnalysisParameters.defaults(), rs, streams, List.of(c), T0, end);
  }

  @Test
  void figuresOf300kReconciles_areAggregated_andRenderQuickly() {
    Analysis a = large();
    List<Figure> figures = OperatorFigures.build(a, "big-operator");
    int items = 0;
    for (Figure f : figures) {
      int n = f.series().stream().mapToInt(Figure.Series::size).sum();
      assertTrue(n <= 20_000, f.id() + " plots " + n + " items");
      items += n;
      ChartStyle style = ChartStyle.web();
      var chart = ChartRenderer.render(f, style);
      ChartExport.png(chart, 900, (int) style.heightFor(f));
      ChartExport.svg(chart, 900, style.heightFor(f), SVGUnits.PX, f.id() + "-");
    }
    assertTrue(items > 0, "the figures plot something");
  }
}
