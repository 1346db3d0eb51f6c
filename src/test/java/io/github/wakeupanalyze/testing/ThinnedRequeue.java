package io.github.wakeupanalyze.testing;

import java.util.SplittableRandom;

/** A head-sampled trace with a known full stream, for the outputs' sampling statements. */
public final class ThinnedRequeue {
  private ThinnedRequeue() {}

  /** 900 timer steps of 5.1 s, every one a reconcile: the full stream's rate per hour. */
  public static final double FULL_RATE = 900 / (899 * 5.1 + 0.1) * 3600;

  /** A 5 s RequeueAfter on one object, 100 ms reconciles, each kept with probability p (seeded). */
  public static OtlpJson of(double p, long seed) {
    return of("sampled-operator", "sampled", 900, p, seed);
  }

  /**
   * {@code steps} reconciles of 100 ms on object {@code ns/obj}, 5.1 s apart (a 5 s RequeueAfter),
   * no child spans, each kept with probability p ({@code p = 1}: all of them, whatever the seed).
   */
  public static OtlpJson of(String service, String controller, int steps, double p, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    OtlpJson o = OtlpJson.service(service);
    double t = 0;
    int id = 0;
    for (int i = 0; i < steps; i++) {
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
            controller,
            "k8s.namespace.name",
            "ns",
            "k8s.object.name",
            "obj");
      }
      t += 5.1;
    }
    return o;
  }
}
