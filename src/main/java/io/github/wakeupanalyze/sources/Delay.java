package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.text.Durations;
import java.util.OptionalLong;

/**
 * The delay a call site asks for, resolved as far as the source determines it.
 *
 * @param nanos the delay in nanoseconds, e.g. 5_000_000_000; empty when it cannot be resolved (then
 *     {@code note} says why) or when the mechanism has no delay ({@code await_change})
 * @param expression the expression as written at the site, on one line, e.g. {@code r.reconcileIn}
 * @param input what overrides the value at run time, e.g. {@code env RECONCILE_INTERVAL}; empty
 *     when nothing does
 * @param note how the value was resolved ({@code r.reconcileIn ← getReconcileInterval()}) or why
 *     not ({@code parameter d})
 */
public record Delay(OptionalLong nanos, String expression, String input, String note) {
  /** A delay with no value, e.g. for {@code Action::await_change()}, with the reason. */
  public static Delay none(String expression, String note) {
    return new Delay(OptionalLong.empty(), expression, "", note);
  }

  /** The delay of an evaluated expression; numbers are not durations and stay unresolved. */
  public static Delay of(Value v, String expression) {
    if (v.isDuration() && Double.isFinite(v.amount())) {
      String note = v.via().equals(expression) ? "" : v.via();
      return new Delay(OptionalLong.of(Math.round(v.amount())), expression, v.input(), note);
    }
    String why =
        v.known() ? "not a duration: " + v.show() : v.why().isEmpty() ? "not resolved" : v.why();
    return new Delay(OptionalLong.empty(), expression, v.input(), why);
  }

  /** Seconds, e.g. 5.0; NaN when unresolved. */
  public double seconds() {
    return nanos.isPresent() ? nanos.getAsLong() / 1e9 : Double.NaN;
  }

  /**
   * For people: {@code 5 s}, {@code default 5 s, env RECONCILE_INTERVAL}, or {@code ?} when
   * unresolved.
   */
  public String human() {
    if (nanos.isEmpty()) {
      return input.isEmpty() ? "?" : "? (" + input + ")";
    }
    String d = Durations.human(seconds());
    return input.isEmpty() ? d : "default " + d + ", " + input;
  }
}
