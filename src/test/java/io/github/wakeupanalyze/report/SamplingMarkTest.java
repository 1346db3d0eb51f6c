package io.github.wakeupanalyze.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wakeupanalyze.pipeline.Pipeline;
import io.github.wakeupanalyze.testing.DemoAnalysis;
import io.github.wakeupanalyze.testing.OtlpJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A head-sampled trace is marked as such in the console table and the Markdown report (and so the
 * HTML page made from it); a complete one is not marked.
 */
class SamplingMarkTest {
  /** A 5 s RequeueAfter on one object, 100 ms reconciles, each kept with probability p (seeded). */
  private static OtlpJson requeue(double p, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    OtlpJson o = OtlpJson.service("sampled-operator");
    double t = 0;
    int id = 0;
    for (int i = 0; i < 900; i++) {
      if (rnd.nextDouble() < p) {
        id++;
        o.span(
            id,
            10 * id,
            0,
            "Reconcile",
            t,
            t + 0.1,
            "controller",
            "sampled",
            "k8s.namespace.name",
            "ns",
            "k8s.object.name",
            "obj");
      }
      t += 5.1;
    }
    return o;
  }

  private static String console(Pipeline.Result r) {
    StringWriter w = new StringWriter();
    ConsoleTable.print(r.analysis(), new PrintWriter(w, true));
    return w.toString();
  }

  private static String markdown(Pipeline.Result r) throws Exception {
    StringWriter w = new StringWriter();
    MarkdownReport.write(OperatorView.of(r.analysis()).get(0), r.analysis(), w);
    return w.toString();
  }

  @Test
  void sampledTrace_isMarkedInTheConsoleTableAndTheReport() throws Exception {
    Pipeline.Result r = DemoAnalysis.of(requeue(0.3, 11));
    String console = console(r);
    assertTrue(console.contains("sampled-operator: sampled p≈0."), console);
    assertTrue(console.contains("(inferred)"), console);
    String md = markdown(r);
    assertTrue(md.contains("| Sampling | sampled p≈0."), md);
  }

  @Test
  void completeTrace_isNotMarked() throws Exception {
    Pipeline.Result r = DemoAnalysis.of(requeue(1, 11));
    assertFalse(console(r).contains("sampled p"), console(r));
    assertFalse(markdown(r).contains("| Sampling |"), markdown(r));
  }
}
