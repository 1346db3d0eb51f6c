package io.github.wakeupanalyze.analyze;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each controller's reconciles did, summed for the outputs that state it per controller
 * ({@code summary.json}, {@code compare}).
 *
 * @param writes API writes beneath its reconciles
 * @param errors reconciles that ended in error
 * @param recorded reconciles whose calls were recorded (not those found only in an operator's log,
 *     whose record holds no calls): the denominator of writes per wake-up
 */
public record CallTally(long writes, long errors, long recorded) {
  /** A controller with no reconcile. */
  public static final CallTally NONE = new CallTally(0, 0, 0);

  /** Writes per reconcile whose calls were recorded; NaN when none was. */
  public double writesPerWakeup() {
    return recorded == 0 ? Double.NaN : (double) writes / recorded;
  }

  /** By {@link #key} of operator and controller. */
  public static Map<String, CallTally> of(List<ClassifiedReconcile> reconciles) {
    Map<String, long[]> m = new HashMap<>();
    for (ClassifiedReconcile cr : reconciles) {
      var r = cr.reconcile();
      long[] t = m.computeIfAbsent(key(r.key().operator(), r.key().controller()), k -> new long[3]);
      t[0] += r.calls().writes();
      t[1] += r.error() ? 1 : 0;
      t[2] += r.calls().recorded() ? 1 : 0;
    }
    Map<String, CallTally> out = new HashMap<>();
    m.forEach((k, t) -> out.put(k, new CallTally(t[0], t[1], t[2])));
    return out;
  }

  /** The map key of a controller. */
  public static String key(String operator, String controller) {
    return operator + "\u0000" + controller;
  }
}
