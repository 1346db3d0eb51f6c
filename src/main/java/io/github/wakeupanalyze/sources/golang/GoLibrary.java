package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.Value;
import io.github.wakeupanalyze.sources.golang.GoEval.Scope;
import io.github.wakeupanalyze.sources.syntax.Node;
import io.github.wakeupanalyze.text.Durations;
import java.math.BigInteger;
import java.util.List;

/**
 * What {@link GoEval} knows of Go beyond names: number literals, the {@code time} units, and the
 * calls of the standard library and flag packages that fix or read a delay ({@code time.Duration},
 * {@code time.ParseDuration}, {@code os.Getenv}, {@code strconv}, {@code flag.Duration}-style
 * defaults, pointer helpers, {@code min}/{@code max} and numeric conversions).
 */
final class GoLibrary {
  private final GoEval eval;

  GoLibrary(GoEval eval) {
    this.eval = eval;
  }

  static Value intLiteral(String t) {
    String x = t.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    try {
      BigInteger v;
      if (x.startsWith("0x")) {
        v = new BigInteger(x.substring(2), 16);
      } else if (x.startsWith("0b")) {
        v = new BigInteger(x.substring(2), 2);
      } else if (x.startsWith("0o")) {
        v = new BigInteger(x.substring(2), 8);
      } else if (x.length() > 1 && x.startsWith("0")) {
        v = new BigInteger(x.substring(1), 8);
      } else {
        v = new BigInteger(x);
      }
      return Value.number(v.doubleValue());
    } catch (NumberFormatException e) {
      return Value.unknown("bad number " + t);
    }
  }

  static Value floatLiteral(String t) {
    try {
      return Value.number(Double.parseDouble(t.replace("_", "")));
    } catch (NumberFormatException e) {
      return Value.unknown("bad number " + t);
    }
  }

  static Value timeUnit(String name) {
    return switch (name) {
      case "Nanosecond" -> Value.nanos(1);
      case "Microsecond" -> Value.nanos(1e3);
      case "Millisecond" -> Value.nanos(1e6);
      case "Second" -> Value.nanos(1e9);
      case "Minute" -> Value.nanos(60e9);
      case "Hour" -> Value.nanos(3600e9);
      default -> Value.unknown("time." + name);
    };
  }

  /** Calls into the standard library and flag packages the evaluator knows; null for others. */
  Value call(Node e, String path, String name, List<Node> args, Scope s, int depth) {
    if (path.equals("time")) {
      if (name.equals("Duration") && args.size() == 1) {
        Value v = eval.eval(args.get(0), s, depth + 1);
        return v.isNumber() ? v.asDuration(1) : v;
      }
      if (name.equals("ParseDuration") && args.size() == 1) {
        Value v = eval.eval(args.get(0), s, depth + 1);
        if (v.kind() == Value.Kind.TEXT) {
          try {
            return Value.nanos(Durations.parseNanos(v.text())).withInput(v.input());
          } catch (IllegalArgumentException ex) {
            return Value.unknown("not a Go duration: " + v.text());
          }
        }
        return v.known() ? Value.unknown("not text: " + args.get(0).oneLine()) : v;
      }
    }
    if (path.equals("os")
        && (name.equals("Getenv") || name.equals("LookupEnv"))
        && args.size() == 1) {
      Value key = eval.eval(args.get(0), s, depth + 1);
      String env = key.kind() == Value.Kind.TEXT ? key.text() : args.get(0).oneLine();
      return Value.unknown("read from env " + env).withInput("env " + env);
    }
    if (path.equals("strconv") && !args.isEmpty()) {
      Value v = eval.eval(args.get(0), s, depth + 1);
      if (v.kind() == Value.Kind.TEXT) {
        try {
          return Value.number(Double.parseDouble(v.text().trim())).withInput(v.input());
        } catch (NumberFormatException ex) {
          return Value.unknown("not a number: " + v.text());
        }
      }
      return v;
    }
    if (flagName(e) != null) {
      return flagDefault(e, s, depth);
    }
    if ((path.contains("/utils/ptr") || path.endsWith("/pointer") || path.contains("k8s.io/utils"))
        && args.size() == 1) {
      return eval.eval(args.get(0), s, depth + 1);
    }
    if (path.isEmpty()
        && (name.equals("int64")
            || name.equals("int")
            || name.equals("float64")
            || name.equals("int32")
            || name.equals("uint64"))
        && args.size() == 1) {
      Value v = eval.eval(args.get(0), s, depth + 1);
      return v.isDuration() ? Value.number(v.amount()).withInput(v.input()) : v;
    }
    if (path.isEmpty() && (name.equals("max") || name.equals("min")) && args.size() >= 2) {
      Value best = null;
      for (Node a : args) {
        Value v = eval.eval(a, s, depth + 1);
        if (!v.known()) {
          return v;
        }
        boolean better =
            best == null
                || (name.equals("max") ? v.amount() > best.amount() : v.amount() < best.amount());
        best = better ? v : best;
      }
      return best;
    }
    return null;
  }

  /**
   * The flag name for {@code flag.Duration("name", def, usage)}, {@code fs.DurationVar(&x, "name",
   * def, usage)} and their {@code P} forms (pflag); else null.
   */
  static String flagName(Node call) {
    Node fn = call.child("function");
    Node argsNode = call.child("arguments");
    if (fn == null || !fn.is("selector_expression") || argsNode == null) {
      return null;
    }
    String m = fn.child("field").text();
    if (!m.matches("(Duration|Int|Int64|Float64|String)(Var)?P?")) {
      return null;
    }
    List<Node> a = argsNode.namedChildren();
    int nameIndex = m.contains("Var") ? 1 : 0;
    if (a.size() <= nameIndex + 1) {
      return null;
    }
    Node n = a.get(nameIndex);
    return n.is("interpreted_string_literal") || n.is("raw_string_literal")
        ? GoFile.unquote(n.text())
        : null;
  }

  Value flagDefault(Node call, Scope s, int depth) {
    String m = call.child("function").child("field").text();
    List<Node> a = call.child("arguments").namedChildren();
    int defIndex = (m.contains("Var") ? 2 : 1) + (m.endsWith("P") ? 1 : 0);
    if (a.size() <= defIndex) {
      return Value.unknown("flag without a default");
    }
    return eval.eval(a.get(defIndex), s, depth + 1).withInput("flag --" + flagName(call));
  }
}
