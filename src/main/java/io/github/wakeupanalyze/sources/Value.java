package io.github.wakeupanalyze.sources;

import io.github.wakeupanalyze.text.Durations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an expression in an operator's source evaluates to, as far as the scanner can tell without
 * running it: a number, a duration, a string, or unknown with the reason.
 *
 * <p>Arithmetic follows Go's and Rust's rules for durations: number × duration is a duration,
 * duration ÷ duration a number; anything combined with an unknown is unknown. A value read at run
 * time from an environment variable or a command-line flag keeps the name of that input, so that
 * "default 5 s, env RECONCILE_INTERVAL" can be reported.
 *
 * @param kind what the value is
 * @param amount the number, or for a duration the nanoseconds (exact up to 2^53 ns, 104 days), e.g.
 *     5.0E9
 * @param text the string for {@link Kind#TEXT}, else empty
 * @param input the run-time input that overrides the value, e.g. {@code env RECONCILE_INTERVAL} or
 *     {@code flag --sync-period}; empty when none
 * @param via how the value was reached, e.g. {@code r.reconcileIn ← getReconcileInterval()}; empty
 *     for a literal
 * @param why for {@link Kind#UNKNOWN}, why it could not be resolved, e.g. {@code parameter d}; else
 *     empty
 */
public record Value(Kind kind, double amount, String text, String input, String via, String why) {
  /** What a value is. */
  public enum Kind {
    NUMBER,
    DURATION,
    TEXT,
    UNKNOWN
  }

  /** A plain number, e.g. {@code 5} or {@code 1.5}. */
  public static Value number(double v) {
    return new Value(Kind.NUMBER, v, "", "", "", "");
  }

  /** A duration in nanoseconds. */
  public static Value nanos(double ns) {
    return new Value(Kind.DURATION, ns, "", "", "", "");
  }

  /** A duration in seconds. */
  public static Value seconds(double s) {
    return nanos(s * 1e9);
  }

  /** A string constant. */
  public static Value text(String s) {
    return new Value(Kind.TEXT, 0, s, "", "", "");
  }

  /** An unknown value and why. */
  public static Value unknown(String why) {
    return new Value(Kind.UNKNOWN, 0, "", "", "", why);
  }

  public boolean known() {
    return kind != Kind.UNKNOWN;
  }

  public boolean isDuration() {
    return kind == Kind.DURATION;
  }

  public boolean isNumber() {
    return kind == Kind.NUMBER;
  }

  /** The same value, overridable at run time by {@code input} (e.g. {@code env X}). */
  public Value withInput(String in) {
    return new Value(kind, amount, text, in, via, why);
  }

  /** The same value, reached through {@code hop} (prepended to the trail). */
  public Value via(String hop) {
    String v = via.isEmpty() ? hop : hop + " ← " + via;
    return new Value(kind, amount, text, input, v, why);
  }

  /** The same value, its trail replaced. */
  public Value withVia(String v) {
    return new Value(kind, amount, text, input, v, why);
  }

  /** A number taken as a duration in the given unit (e.g. 1e6 for milliseconds). */
  public Value asDuration(double nanosPerUnit) {
    return kind == Kind.NUMBER
        ? new Value(Kind.DURATION, amount * nanosPerUnit, "", input, via, "")
        : this;
  }

  /** This value × {@code o}. */
  public Value times(Value o) {
    if (!known() || !o.known()) {
      return unknownOf(o);
    }
    if (kind == Kind.DURATION && o.kind == Kind.DURATION) {
      return unknown("duration × duration").withInput(mergeInput(o));
    }
    Kind k = kind == Kind.DURATION || o.kind == Kind.DURATION ? Kind.DURATION : Kind.NUMBER;
    if (kind == Kind.TEXT || o.kind == Kind.TEXT) {
      return unknown("text in arithmetic").withInput(mergeInput(o));
    }
    return new Value(k, amount * o.amount, "", mergeInput(o), mergeVia(o), "");
  }

  /** This value ÷ {@code o}. */
  public Value dividedBy(Value o) {
    if (!known() || !o.known()) {
      return unknownOf(o);
    }
    if (kind == Kind.TEXT || o.kind == Kind.TEXT || o.amount == 0) {
      return unknown(o.amount == 0 ? "division by zero" : "text in arithmetic");
    }
    Kind k =
        kind == Kind.DURATION && o.kind == Kind.NUMBER
            ? Kind.DURATION
            : kind == o.kind ? Kind.NUMBER : Kind.UNKNOWN;
    if (k == Kind.UNKNOWN) {
      return unknown("number ÷ duration");
    }
    return new Value(k, amount / o.amount, "", mergeInput(o), mergeVia(o), "");
  }

  /**
   * {@code this op o} for the arithmetic operators the evaluators fold ({@code *}, {@code /},
   * {@code +}, {@code -}); any other operator gives an unknown value, e.g. {@code operator % in n %
   * 2}.
   *
   * @param where the expression as written, for the reason an unknown value gives
   */
  public Value apply(String op, Value o, String where) {
    return switch (op) {
      case "*" -> times(o);
      case "/" -> dividedBy(o);
      case "+" -> plus(o, false);
      case "-" -> plus(o, true);
      default -> unknown("operator " + op + " in " + where);
    };
  }

  /** This value + {@code o} (or − when {@code negate}). */
  public Value plus(Value o, boolean negate) {
    if (!known() || !o.known()) {
      return unknownOf(o);
    }
    if (kind == Kind.TEXT && o.kind == Kind.TEXT && !negate) {
      return new Value(Kind.TEXT, 0, text + o.text, mergeInput(o), mergeVia(o), "");
    }
    if (kind != o.kind || kind == Kind.TEXT) {
      return unknown("mixed units in + or −");
    }
    double r = negate ? amount - o.amount : amount + o.amount;
    return new Value(kind, r, "", mergeInput(o), mergeVia(o), "");
  }

  /** Negation. */
  public Value negate() {
    return known() && kind != Kind.TEXT
        ? new Value(kind, -amount, "", input, via, "")
        : unknown("negated " + (known() ? "text" : why));
  }

  private Value unknownOf(Value o) {
    String w = !known() ? why : o.why;
    return unknown(w).withInput(mergeInput(o));
  }

  private String mergeInput(Value o) {
    return input.isEmpty() ? o.input : input;
  }

  private String mergeVia(Value o) {
    if (via.isEmpty()) {
      return o.via;
    }
    return o.via.isEmpty() || o.via.equals(via) ? via : via + ", " + o.via;
  }

  /**
   * One value from several candidates: the assignments of a field, the returns of a function. When
   * every known candidate agrees and every unknown one comes from a run-time input (an environment
   * variable, a flag), the result is the agreed value overridable by that input: the "default 5 s,
   * env RECONCILE_INTERVAL" pattern. Otherwise unknown, naming the candidates.
   *
   * @param what how to name the candidates in a reason, e.g. {@code returns of f}
   */
  public static Value agree(List<Value> candidates, String what) {
    if (candidates.isEmpty()) {
      return unknown("no value found for " + what);
    }
    Set<String> inputs = new LinkedHashSet<>();
    List<Value> known = new ArrayList<>();
    List<Value> unknown = new ArrayList<>();
    for (Value v : candidates) {
      if (!v.input.isEmpty()) {
        inputs.add(v.input);
      }
      (v.known() ? known : unknown).add(v);
    }
    boolean unknownsAreInputs = unknown.stream().allMatch(v -> !v.input.isEmpty());
    if (!known.isEmpty() && unknownsAreInputs) {
      Value first = known.get(0);
      boolean same =
          known.stream()
              .allMatch(
                  v ->
                      v.kind == first.kind
                          && v.amount == first.amount
                          && v.text.equals(first.text));
      if (same) {
        return new Value(
            first.kind, first.amount, first.text, String.join(", ", inputs), first.via, "");
      }
      Set<String> shown = new LinkedHashSet<>();
      known.forEach(v -> shown.add(v.show()));
      return unknown(what + " differ: " + String.join(" or ", shown))
          .withInput(String.join(", ", inputs));
    }
    if (known.isEmpty() && !unknown.isEmpty()) {
      return unknown(unknown.get(0).why).withInput(String.join(", ", inputs));
    }
    Set<String> reasons = new LinkedHashSet<>();
    unknown.forEach(v -> reasons.add(v.why));
    return unknown(what + ": " + String.join("; ", reasons)).withInput(String.join(", ", inputs));
  }

  /** For people: {@code 5 s}, {@code 300}, {@code "5s"}, {@code ?}. */
  public String show() {
    return switch (kind) {
      case DURATION -> Durations.human(amount / 1e9);
      case NUMBER -> Durations.trimZeros(Double.toString(amount));
      case TEXT -> '"' + text + '"';
      case UNKNOWN -> "?";
    };
  }
}
