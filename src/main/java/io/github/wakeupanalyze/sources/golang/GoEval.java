package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.Value;
import io.github.wakeupanalyze.sources.golang.GoPackage.Binding;
import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates Go expressions to {@link Value}s the way the compiler would for constants, and follows
 * names where the program fixes them: local variables, package constants and variables, struct
 * fields assigned in the package, functions (their returns, with arguments bound to parameters),
 * {@code os.Getenv}/{@code os.LookupEnv} and {@code flag.Duration}-style defaults (those calls and
 * literals in {@link GoLibrary}).
 *
 * <p>Limits: at most {@value #MAX_DEPTH} hops; a name assigned differently in several places is
 * unknown unless {@link Value#agree} reconciles the candidates; shadowing is not modelled (all
 * assignments to a name in a function count).
 */
final class GoEval {
  static final int MAX_DEPTH = 12;

  /** Where an expression is evaluated: its package, file, function and bound parameters. */
  static final class Scope {
    final GoPackage pkg;
    final GoFile file;
    final Node function;
    final Map<String, Value> bound;
    final Set<String> usedParams;

    Scope(GoPackage pkg, GoFile file, Node function, Map<String, Value> bound) {
      this.pkg = pkg;
      this.file = file;
      this.function = function;
      this.bound = bound;
      this.usedParams = new HashSet<>();
    }
  }

  private final GoWorkspace workspace;
  private final GoLibrary library = new GoLibrary(this);
  private final Set<Node> inProgress = new HashSet<>();

  GoEval(GoWorkspace workspace) {
    this.workspace = workspace;
  }

  /** The scope of a node: its package and file, and the innermost function around it. */
  Scope scopeOf(GoPackage pkg, GoFile file, Node n) {
    return new Scope(
        pkg,
        file,
        n.ancestor("function_declaration", "method_declaration", "func_literal"),
        Map.of());
  }

  Value eval(Node e, Scope s) {
    return eval(e, s, 0);
  }

  Value eval(Node e, Scope s, int depth) {
    if (e == null) {
      return Value.unknown("missing expression");
    }
    if (depth > MAX_DEPTH) {
      return Value.unknown("too many hops to resolve " + e.oneLine());
    }
    return switch (e.type()) {
      case "int_literal" -> GoLibrary.intLiteral(e.text());
      case "float_literal" -> GoLibrary.floatLiteral(e.text());
      case "interpreted_string_literal", "raw_string_literal" ->
          Value.text(GoFile.unquote(e.text()));
      case "parenthesized_expression", "literal_element", "expression_list" ->
          e.namedChildren().isEmpty()
              ? Value.unknown("empty expression")
              : eval(e.namedChildren().get(0), s, depth);
      case "unary_expression" -> unary(e, s, depth);
      case "binary_expression" -> binary(e, s, depth);
      case "identifier" -> identifier(e, s, depth);
      case "selector_expression" -> selector(e, s, depth);
      case "call_expression" -> call(e, s, depth);
      case "composite_literal" -> composite(e, s, depth);
      case "true", "false" -> Value.unknown("a boolean");
      case "nil" -> Value.unknown("nil");
      default -> Value.unknown("not evaluated: " + e.oneLine());
    };
  }

  private Value unary(Node e, Scope s, int depth) {
    String op = GoPackage.operator(e);
    Value v = eval(e.child("operand"), s, depth + 1);
    return switch (op) {
      case "-" -> v.negate();
      case "+", "&", "*" -> v;
      default -> Value.unknown("operator " + op);
    };
  }

  private Value binary(Node e, Scope s, int depth) {
    String op = GoPackage.operator(e);
    Value l = eval(e.child("left"), s, depth + 1);
    Value r = eval(e.child("right"), s, depth + 1);
    if (op.equals("*") && l.isDuration() && r.isDuration()) {
      // Go: a Duration is an int64 of nanoseconds, so time.Duration(30) * time.Second is 30 s
      return Value.number(l.amount())
          .times(r)
          .withInput(l.input().isEmpty() ? r.input() : l.input());
    }
    return l.apply(op, r, e.oneLine());
  }

  private Value identifier(Node e, Scope s, int depth) {
    String name = e.text();
    if (s.bound.containsKey(name)) {
      return s.bound.get(name);
    }
    for (Node fn = s.function;
        fn != null;
        fn = fn.ancestor("function_declaration", "method_declaration", "func_literal")) {
      if (isParameter(fn, name)) {
        s.usedParams.add(name);
        return Value.unknown("parameter " + name);
      }
      List<Binding> local = localWrites(fn, name, s.file);
      if (!local.isEmpty()) {
        return candidates(local, s, depth, name).via(name);
      }
    }
    List<Binding> pkgLevel = s.pkg.packageValue(name);
    if (!pkgLevel.isEmpty()) {
      return candidates(pkgLevel, s, depth, name).via(name);
    }
    return Value.unknown("not found in the package: " + name);
  }

  private static boolean isParameter(Node fn, String name) {
    Node params = fn.child("parameters");
    if (params == null) {
      return false;
    }
    for (Node p : params.namedChildren()) {
      for (Node c : p.children()) {
        if (c.field().equals("name") && c.text().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The values a name gets inside one function, not counting nested function literals: {@code :=},
   * {@code var}, {@code =} and {@code flag.XxxVar(&name, ...)}.
   */
  private static List<Binding> localWrites(Node fn, String name, GoFile file) {
    Node body = fn.child("body");
    List<Binding> out = new ArrayList<>();
    if (body == null) {
      return out;
    }
    body.visit(
        n -> {
          if (n != body && n.is("func_literal")) {
            return;
          }
          switch (n.type()) {
            case "short_var_declaration", "assignment_statement" -> {
              if (n.is("assignment_statement") && !"=".equals(GoPackage.operator(n))) {
                if (names(n.child("left")).contains(name)) {
                  out.add(new Binding(n, file));
                }
                return;
              }
              List<String> left = names(n.child("left"));
              List<Node> right = n.child("right").namedChildren();
              int i = left.indexOf(name);
              if (i >= 0) {
                Node v = right.size() == left.size() ? right.get(i) : i == 0 ? right.get(0) : null;
                out.add(new Binding(v == null ? n : v, file));
              }
            }
            case "var_spec" -> {
              Node value = n.child("value");
              int i = 0;
              for (Node c : n.children()) {
                if (c.field().equals("name")) {
                  // a var without a value is the zero value until a later write: not a candidate
                  if (c.text().equals(name) && value != null) {
                    List<Node> vs = value.namedChildren();
                    out.add(new Binding(i < vs.size() ? vs.get(i) : n, file));
                  }
                  i++;
                }
              }
            }
            case "call_expression" -> {
              Node fnNode = n.child("function");
              Node args = n.child("arguments");
              if (fnNode != null && fnNode.is("selector_expression") && args != null) {
                List<Node> a = args.namedChildren();
                if (fnNode.child("field").text().endsWith("Var")
                    && !a.isEmpty()
                    && a.get(0).text().equals("&" + name)) {
                  out.add(new Binding(n, file));
                }
              }
            }
            default -> {}
          }
        });
    return out;
  }

  private static List<String> names(Node list) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (Node c : list.namedChildren()) {
        out.add(c.text());
      }
    }
    return out;
  }

  /** Evaluates every candidate binding in its own scope and reconciles them. */
  private Value candidates(List<Binding> bindings, Scope s, int depth, String what) {
    List<Value> vs = new ArrayList<>();
    for (Binding b : bindings) {
      Node n = b.expr();
      if (!inProgress.add(n)) {
        vs.add(Value.unknown("defined in terms of itself: " + what));
        continue;
      }
      try {
        GoPackage pkg = b.file() == s.file ? s.pkg : packageOfFile(b.file(), s);
        Scope inner =
            new Scope(
                pkg,
                b.file(),
                n.ancestor("function_declaration", "method_declaration", "func_literal"),
                sameFunction(n, s) ? s.bound : Map.of());
        Value v;
        if (n.is("assignment_statement")) {
          v = Value.unknown(what + " changed with " + GoPackage.operator(n));
        } else if (n.is("call_expression") && GoLibrary.flagName(n) != null) {
          v = library.flagDefault(n, inner, depth);
        } else if (n.is("short_var_declaration") || n.is("var_spec")) {
          v = Value.unknown(what + " from a multi-value expression");
        } else {
          v = eval(n, inner, depth + 1);
        }
        s.usedParams.addAll(inner.usedParams);
        vs.add(v);
      } finally {
        inProgress.remove(n);
      }
    }
    return Value.agree(vs, "values of " + what);
  }

  private static boolean sameFunction(Node n, Scope s) {
    return s.function != null && s.function.contains(n);
  }

  private GoPackage packageOfFile(GoFile f, Scope s) {
    if (s.pkg.files().contains(f)) {
      return s.pkg;
    }
    return workspace.packageAt(f.file.dir());
  }

  private Value selector(Node e, Scope s, int depth) {
    Node operand = e.child("operand");
    String field = e.child("field").text();
    if (operand.is("identifier") && s.file.importPath(operand.text()) != null) {
      String path = s.file.importPath(operand.text());
      if (path.equals("time")) {
        return GoLibrary.timeUnit(field);
      }
      GoPackage other = workspace.packageOf(s.file, path);
      if (other == null) {
        return Value.unknown("defined outside the module: " + e.oneLine());
      }
      return packageName(other, field, depth).via(e.oneLine());
    }
    if (field.equals("Duration")) {
      Value inner = eval(operand, s, depth + 1);
      if (inner.known()) {
        return inner;
      }
    }
    if (rootedAtReceiver(operand, s)) {
      List<Binding> writes = s.pkg.fieldWrites(field);
      if (writes.isEmpty()) {
        return Value.unknown("field " + field + " is never assigned in the package");
      }
      Value v = candidates(writes, s, depth, "field " + field);
      String where = writerNames(writes);
      return v.via(e.oneLine() + (where.isEmpty() ? "" : " (set in " + where + ")"));
    }
    return Value.unknown("read at run time: " + e.oneLine());
  }

  private static String writerNames(List<Binding> writes) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Binding b : writes) {
      Node fn = b.expr().ancestor("function_declaration", "method_declaration");
      if (fn != null && fn.child("name") != null) {
        names.add(fn.child("name").text());
      }
    }
    return String.join(", ", names);
  }

  /** True for {@code r.x} and {@code r.cfg.x} where {@code r} is the method's receiver. */
  private static boolean rootedAtReceiver(Node operand, Scope s) {
    Node n = operand;
    while (n.is("selector_expression")) {
      n = n.child("operand");
    }
    if (!n.is("identifier")) {
      return false;
    }
    for (Node fn = s.function;
        fn != null;
        fn = fn.ancestor("function_declaration", "method_declaration", "func_literal")) {
      Node recv = fn.child("receiver");
      if (recv != null) {
        for (Node p : recv.namedChildren()) {
          Node name = p.child("name");
          if (name != null && name.text().equals(n.text())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private Value packageName(GoPackage pkg, String name, int depth) {
    List<Binding> values = pkg.packageValue(name);
    if (!values.isEmpty()) {
      GoFile f = values.get(0).file();
      return candidates(values, new Scope(pkg, f, null, Map.of()), depth, name);
    }
    return Value.unknown("not found in package " + pkg.importPath + ": " + name);
  }

  private Value composite(Node e, Scope s, int depth) {
    Node body = e.child("body");
    if (body != null) {
      for (Node el : body.namedChildren()) {
        if (el.is("keyed_element")
            && el.child("key") != null
            && el.child("key").text().equals("Duration")) {
          return eval(GoPackage.unwrapElement(el.child("value")), s, depth + 1);
        }
      }
    }
    return Value.unknown("a struct value: " + e.oneLine());
  }

  private Value call(Node e, Scope s, int depth) {
    Node fn = e.child("function");
    List<Node> args =
        e.child("arguments") == null ? List.of() : e.child("arguments").namedChildren();
    String pkgAlias = "";
    String name = fn.text();
    if (fn.is("selector_expression")) {
      name = fn.child("field").text();
      Node op = fn.child("operand");
      pkgAlias = op.is("identifier") && s.file.importPath(op.text()) != null ? op.text() : "";
    }
    String path = pkgAlias.isEmpty() ? "" : s.file.importPath(pkgAlias);
    Value builtin = library.call(e, path, name, args, s, depth);
    if (builtin != null) {
      return builtin;
    }
    Binding target = null;
    GoPackage targetPkg = s.pkg;
    if (fn.is("identifier")) {
      target = s.pkg.function(name);
    } else if (!pkgAlias.isEmpty()) {
      targetPkg = workspace.packageOf(s.file, path);
      target = targetPkg == null ? null : targetPkg.function(name);
      if (targetPkg == null) {
        return Value.unknown("call outside the module: " + fn.oneLine() + "()");
      }
    } else if (fn.is("selector_expression")) {
      List<Binding> ms = s.pkg.methods(name);
      target = ms.size() == 1 ? ms.get(0) : null;
    }
    if (target == null) {
      return Value.unknown("call not resolved: " + fn.oneLine() + "()");
    }
    return returns(target, targetPkg, args, s, depth).via(fn.oneLine() + "()");
  }

  /** The value a function returns (first result), with its parameters bound to the arguments. */
  private Value returns(Binding fnb, GoPackage pkg, List<Node> args, Scope caller, int depth) {
    Node fn = fnb.expr();
    if (!inProgress.add(fn)) {
      return Value.unknown("recursive call");
    }
    try {
      Map<String, Value> bound = new HashMap<>();
      List<String> params = new ArrayList<>();
      Node plist = fn.child("parameters");
      if (plist != null) {
        for (Node p : plist.namedChildren()) {
          for (Node c : p.children()) {
            if (c.field().equals("name")) {
              params.add(c.text());
            }
          }
        }
      }
      for (int i = 0; i < params.size() && i < args.size(); i++) {
        bound.put(params.get(i), eval(args.get(i), caller, depth + 1));
      }
      Scope inner = new Scope(pkg, fnb.file(), fn, bound);
      List<Value> vs = new ArrayList<>();
      Node body = fn.child("body");
      if (body != null) {
        body.visit(
            n -> {
              if (n.is("return_statement")
                  && n.ancestor("function_declaration", "method_declaration", "func_literal")
                      == fn) {
                List<Node> results = n.namedChildren();
                if (!results.isEmpty()) {
                  Node first = results.get(0);
                  Node expr = first.is("expression_list") ? first.namedChildren().get(0) : first;
                  vs.add(eval(expr, inner, depth + 1));
                }
              }
            });
      }
      caller.usedParams.addAll(inner.usedParams);
      return Value.agree(
          vs, "returns of " + (fn.child("name") == null ? "func" : fn.child("name").text()));
    } finally {
      inProgress.remove(fn);
    }
  }
}
