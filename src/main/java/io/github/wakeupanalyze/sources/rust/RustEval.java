package io.github.wakeupanalyze.sources.rust;

import io.github.wakeupanalyze.sources.Value;
import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates Rust expressions to {@link Value}s: integer and float literals, arithmetic, {@code
 * Duration::from_secs/from_millis/…/new}, {@code const} and {@code static} items, {@code let}
 * bindings, functions (tail expression and {@code return}s, arguments bound to parameters), struct
 * fields set in a struct expression, and {@code std::env::var("X")…unwrap_or(default)} chains,
 * reported as "default, env X".
 *
 * <p>Limits: at most {@value #MAX_DEPTH} hops; names are looked up across the crate by name, not by
 * module path; shadowing {@code let}s count as several candidates.
 */
final class RustEval {
  static final int MAX_DEPTH = 12;

  private final RustCrate crate;
  private final Set<Node> inProgress = new HashSet<>();

  RustEval(RustCrate crate) {
    this.crate = crate;
  }

  Value eval(Node e, Map<String, Value> bound) {
    return eval(e, bound, 0);
  }

  private Value eval(Node e, Map<String, Value> bound, int depth) {
    if (e == null) {
      return Value.unknown("missing expression");
    }
    if (depth > MAX_DEPTH) {
      return Value.unknown("too many hops to resolve " + e.oneLine());
    }
    return switch (e.type()) {
      case "integer_literal" ->
          number(e.text().replaceAll("[iu](8|16|32|64|128|size)$", "").replace("_", ""));
      case "float_literal" -> number(e.text().replaceAll("f(32|64)$", "").replace("_", ""));
      case "string_literal", "raw_string_literal" -> {
        Node c = e.firstOfType("string_content");
        yield Value.text(c == null ? "" : c.text());
      }
      case "parenthesized_expression", "block" -> tail(e, bound, depth);
      case "unary_expression" -> {
        Value v = eval(e.namedChildren().get(0), bound, depth + 1);
        yield e.text().startsWith("-") ? v.negate() : v;
      }
      case "reference_expression" -> eval(e.child("value"), bound, depth + 1);
      case "binary_expression" -> binary(e, bound, depth);
      case "identifier" -> identifier(e, bound, depth);
      case "scoped_identifier" -> {
        Node name = e.child("name");
        yield name == null ? Value.unknown(e.oneLine()) : constant(name.text(), depth);
      }
      case "call_expression" -> call(e, bound, depth);
      case "field_expression" -> field(e, bound, depth);
      case "type_cast_expression" -> eval(e.child("value"), bound, depth + 1);
      default -> Value.unknown("not evaluated: " + e.oneLine());
    };
  }

  private static Value number(String t) {
    try {
      return Value.number(Double.parseDouble(t));
    } catch (NumberFormatException ex) {
      return Value.unknown("bad number " + t);
    }
  }

  /** The value of a block or parenthesized expression: its last expression. */
  private Value tail(Node e, Map<String, Value> bound, int depth) {
    List<Node> kids = e.namedChildren();
    for (int i = kids.size() - 1; i >= 0; i--) {
      Node k = kids.get(i);
      if (!k.is("line_comment") && !k.is("block_comment")) {
        return k.is("expression_statement") || k.is("let_declaration")
            ? Value.unknown("a block without a value")
            : eval(k, bound, depth + 1);
      }
    }
    return Value.unknown("empty block");
  }

  private Value binary(Node e, Map<String, Value> bound, int depth) {
    Node opNode = e.child("operator");
    String op = opNode == null ? "" : opNode.text();
    Value l = eval(e.child("left"), bound, depth + 1);
    Value r = eval(e.child("right"), bound, depth + 1);
    return l.apply(op, r, e.oneLine());
  }

  private Value identifier(Node e, Map<String, Value> bound, int depth) {
    String name = e.text();
    if (bound.containsKey(name)) {
      return bound.get(name);
    }
    for (Node fn = e.ancestor("function_item", "closure_expression");
        fn != null;
        fn = fn.ancestor("function_item", "closure_expression")) {
      if (isParameter(fn, name)) {
        return Value.unknown("parameter " + name);
      }
      List<Value> lets = new ArrayList<>();
      Node body = fn.child("body");
      if (body != null) {
        for (Node let : body.all("let_declaration")) {
          Node pat = let.child("pattern");
          if (pat != null && pat.text().equals(name) && let.child("value") != null) {
            lets.add(eval(let.child("value"), bound, depth + 1));
          }
        }
      }
      if (!lets.isEmpty()) {
        return Value.agree(lets, "values of " + name).via(name);
      }
    }
    return constant(name, depth);
  }

  private static boolean isParameter(Node fn, String name) {
    Node params = fn.child("parameters");
    if (params == null) {
      return false;
    }
    for (Node p : params.namedChildren()) {
      Node pat = p.child("pattern");
      String t = pat != null ? pat.text() : p.is("identifier") ? p.text() : "";
      if (t.equals(name) || t.equals("mut " + name)) {
        return true;
      }
    }
    return false;
  }

  private Value constant(String name, int depth) {
    List<Node> items = new ArrayList<>(crate.items("const_item", name));
    items.addAll(crate.items("static_item", name));
    if (items.isEmpty()) {
      return Value.unknown("not found in the crate: " + name);
    }
    List<Value> vs = new ArrayList<>();
    for (Node it : items) {
      vs.add(guarded(it, () -> eval(it.child("value"), Map.of(), depth + 1)));
    }
    return Value.agree(vs, "definitions of " + name).via(name);
  }

  private Value guarded(Node key, java.util.function.Supplier<Value> f) {
    if (!inProgress.add(key)) {
      return Value.unknown("defined in terms of itself");
    }
    try {
      return f.get();
    } finally {
      inProgress.remove(key);
    }
  }

  private Value call(Node e, Map<String, Value> bound, int depth) {
    Node fn = e.child("function");
    List<Node> args =
        e.child("arguments") == null ? List.of() : e.child("arguments").namedChildren();
    if (fn.is("scoped_identifier")) {
      String path = fn.child("path") == null ? "" : fn.child("path").text();
      String name = fn.child("name").text();
      if (path.endsWith("Duration")) {
        return duration(name, args, bound, depth);
      }
      if (path.endsWith("env") && (name.equals("var") || name.equals("var_os"))) {
        Value key = args.isEmpty() ? Value.unknown("") : eval(args.get(0), bound, depth + 1);
        String env = key.kind() == Value.Kind.TEXT ? key.text() : e.oneLine();
        return Value.unknown("read from env " + env).withInput("env " + env);
      }
      return function(name, args, bound, depth, fn.oneLine());
    }
    if (fn.is("identifier")) {
      if ((fn.text().equals("Some") || fn.text().equals("Ok")) && args.size() == 1) {
        return eval(args.get(0), bound, depth + 1);
      }
      return function(fn.text(), args, bound, depth, fn.text());
    }
    if (fn.is("field_expression")) {
      return method(fn, args, bound, depth);
    }
    if (fn.is("generic_function")) {
      Node inner = fn.child("function");
      if (inner != null && inner.is("field_expression")) {
        return method(inner, args, bound, depth);
      }
    }
    return Value.unknown("call not resolved: " + fn.oneLine() + "()");
  }

  private Value duration(String name, List<Node> args, Map<String, Value> bound, int depth) {
    if (args.isEmpty()) {
      return Value.unknown("Duration::" + name + "()");
    }
    Value v = eval(args.get(0), bound, depth + 1);
    return switch (name) {
      case "from_secs", "from_secs_f64", "from_secs_f32" -> v.asDuration(1e9);
      case "from_millis" -> v.asDuration(1e6);
      case "from_micros" -> v.asDuration(1e3);
      case "from_nanos" -> v.asDuration(1);
      case "from_mins" -> v.asDuration(60e9);
      case "from_hours" -> v.asDuration(3600e9);
      case "new" -> {
        Value ns = args.size() > 1 ? eval(args.get(1), bound, depth + 1) : Value.number(0);
        yield v.asDuration(1e9).plus(ns.asDuration(1), false);
      }
      default -> Value.unknown("Duration::" + name);
    };
  }

  /** Option/Result plumbing around an env read, and methods of the crate. */
  private Value method(Node fe, List<Node> args, Map<String, Value> bound, int depth) {
    String m = fe.child("field").text();
    Value recv = eval(fe.child("value"), bound, depth + 1);
    switch (m) {
      case "unwrap_or", "unwrap_or_else" -> {
        if (args.isEmpty()) {
          return recv;
        }
        Node a = args.get(0);
        Value def =
            a.is("closure_expression")
                ? eval(a.child("body"), bound, depth + 1)
                : eval(a, bound, depth + 1);
        return recv.known() ? recv : def.withInput(recv.input());
      }
      case "ok",
          "unwrap",
          "expect",
          "parse",
          "map",
          "and_then",
          "into",
          "clone",
          "to_owned",
          "ok_or",
          "ok_or_else",
          "map_err" -> {
        if (recv.kind() == Value.Kind.TEXT && m.equals("parse")) {
          return number(recv.text().trim()).withInput(recv.input());
        }
        if (m.equals("map") || m.equals("and_then")) {
          return recv.known()
              ? Value.unknown("mapped: " + fe.oneLine()).withInput(recv.input())
              : recv;
        }
        return recv;
      }
      default -> {
        if (fe.child("value").is("self") || fe.child("value").is("field_expression")) {
          return function(m, args, bound, depth, fe.oneLine());
        }
        return Value.unknown("call not resolved: " + fe.oneLine() + "()");
      }
    }
  }

  /** The value a crate function returns, its parameters bound to the arguments. */
  private Value function(
      String name, List<Node> args, Map<String, Value> bound, int depth, String shown) {
    List<Node> fns = crate.items("function_item", name);
    if (fns.size() != 1) {
      return Value.unknown(
          fns.isEmpty()
              ? "call not resolved: " + shown + "()"
              : "function " + name + " defined " + fns.size() + " times");
    }
    Node fn = fns.get(0);
    return guarded(
            fn,
            () -> {
              Map<String, Value> b = new HashMap<>();
              Node params = fn.child("parameters");
              int i = 0;
              if (params != null) {
                for (Node p : params.namedChildren()) {
                  if (p.is("self_parameter")) {
                    continue;
                  }
                  Node pat = p.child("pattern");
                  if (pat != null && i < args.size()) {
                    b.put(pat.text(), eval(args.get(i), bound, depth + 1));
                  }
                  i++;
                }
              }
              List<Value> vs = new ArrayList<>();
              Node body = fn.child("body");
              if (body != null) {
                vs.add(tail(body, b, depth + 1));
                for (Node r : body.all("return_expression")) {
                  if (r.ancestor("function_item", "closure_expression") == fn
                      && !r.namedChildren().isEmpty()) {
                    vs.add(eval(r.namedChildren().get(0), b, depth + 1));
                  }
                }
              }
              vs.removeIf(v -> !v.known() && v.why().equals("a block without a value"));
              return Value.agree(vs, "returns of " + name);
            })
        .via(shown + "()");
  }

  private Value field(Node e, Map<String, Value> bound, int depth) {
    String name = e.child("field").text();
    List<Value> vs = new ArrayList<>();
    for (RustCrate.RsFile f : crate.containing(name)) {
      for (Node init : f.root().all("field_initializer")) {
        Node fname = init.child("field");
        if (fname != null && fname.text().equals(name) && init.child("value") != null) {
          vs.add(eval(init.child("value"), Map.of(), depth + 1));
        }
      }
      for (Node init : f.root().all("shorthand_field_initializer")) {
        if (init.text().equals(name)) {
          vs.add(
              identifier(
                  init.namedChildren().isEmpty() ? init : init.namedChildren().get(0),
                  Map.of(),
                  depth + 1));
        }
      }
      for (Node a : f.root().all("assignment_expression")) {
        Node left = a.child("left");
        if (left != null
            && left.is("field_expression")
            && left.child("field").text().equals(name)) {
          vs.add(eval(a.child("right"), Map.of(), depth + 1));
        }
      }
    }
    if (vs.isEmpty()) {
      return Value.unknown("read at run time: " + e.oneLine());
    }
    return Value.agree(vs, "values of field " + name).via(e.oneLine());
  }
}
