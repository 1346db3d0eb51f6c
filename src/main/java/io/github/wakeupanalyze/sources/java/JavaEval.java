package io.github.wakeupanalyze.sources.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import io.github.wakeupanalyze.sources.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates Java expressions to {@link Value}s: literals and arithmetic, {@code Duration.ofX},
 * {@code TimeUnit.X.toMillis(n)}, local variables, fields of the class (a {@code static final}
 * initializer, or assignments in constructors), constants of other classes in the tree ({@code
 * Constants.INTERVAL}), methods of the class (returns, arguments bound), {@code System.getenv} and
 * {@code System.getProperty} with their defaults ({@code getOrDefault}, {@code orElse}, {@code
 * Optional.ofNullable(..)}), and {@code Long.parseLong}-style conversions.
 *
 * <p>Numbers stay numbers: the caller says what unit they are in ({@code rescheduleAfter(long)}
 * takes milliseconds). At most {@value #MAX_DEPTH} hops.
 */
final class JavaEval {
  static final int MAX_DEPTH = 12;

  private final JavaSources sources;
  private final Set<Node> inProgress = new HashSet<>();

  JavaEval(JavaSources sources) {
    this.sources = sources;
  }

  Value eval(Expression e) {
    return eval(e, Map.of(), 0);
  }

  /** As {@link #eval(Expression)}, with names bound to values (a helper's parameters). */
  Value eval(Expression e, Map<String, Value> bound) {
    return eval(e, bound, 0);
  }

  private Value eval(Expression e, Map<String, Value> bound, int depth) {
    if (depth > MAX_DEPTH) {
      return Value.unknown("too many hops to resolve " + oneLine(e));
    }
    if (e.isIntegerLiteralExpr()) {
      return Value.number(e.asIntegerLiteralExpr().asNumber().doubleValue());
    }
    if (e.isLongLiteralExpr()) {
      return Value.number(e.asLongLiteralExpr().asNumber().doubleValue());
    }
    if (e.isDoubleLiteralExpr()) {
      return Value.number(e.asDoubleLiteralExpr().asDouble());
    }
    if (e.isStringLiteralExpr()) {
      return Value.text(e.asStringLiteralExpr().asString());
    }
    if (e.isEnclosedExpr()) {
      return eval(e.asEnclosedExpr().getInner(), bound, depth + 1);
    }
    if (e.isCastExpr()) {
      return eval(e.asCastExpr().getExpression(), bound, depth + 1);
    }
    if (e.isUnaryExpr()) {
      Value v = eval(e.asUnaryExpr().getExpression(), bound, depth + 1);
      return switch (e.asUnaryExpr().getOperator()) {
        case MINUS -> v.negate();
        case PLUS -> v;
        default -> Value.unknown("operator " + e.asUnaryExpr().getOperator().asString());
      };
    }
    if (e.isBinaryExpr()) {
      BinaryExpr b = e.asBinaryExpr();
      Value l = eval(b.getLeft(), bound, depth + 1);
      Value r = eval(b.getRight(), bound, depth + 1);
      return switch (b.getOperator()) {
        case MULTIPLY -> l.times(r);
        case DIVIDE -> l.dividedBy(r);
        case PLUS -> l.plus(r, false);
        case MINUS -> l.plus(r, true);
        default -> Value.unknown("operator " + b.getOperator().asString() + " in " + oneLine(e));
      };
    }
    if (e.isNameExpr()) {
      return name(e.asNameExpr(), bound, depth);
    }
    if (e.isFieldAccessExpr()) {
      return fieldAccess(e.asFieldAccessExpr(), depth);
    }
    if (e.isMethodCallExpr()) {
      return call(e.asMethodCallExpr(), bound, depth);
    }
    return Value.unknown("not evaluated: " + oneLine(e));
  }

  private Value name(NameExpr n, Map<String, Value> bound, int depth) {
    String name = n.getNameAsString();
    if (bound.containsKey(name)) {
      return bound.get(name);
    }
    for (Optional<Node> c = callable(n); c.isPresent(); c = callable(c.get())) {
      Node fn = c.get();
      if (parameters(fn).contains(name)) {
        return Value.unknown("parameter " + name);
      }
      List<Expression> values = new ArrayList<>();
      for (VariableDeclarator v : fn.findAll(VariableDeclarator.class)) {
        if (v.getNameAsString().equals(name) && v.getInitializer().isPresent()) {
          values.add(v.getInitializer().get());
        }
      }
      for (AssignExpr a : fn.findAll(AssignExpr.class)) {
        if (a.getTarget().isNameExpr()
            && a.getTarget().asNameExpr().getNameAsString().equals(name)) {
          values.add(a.getValue());
        }
      }
      if (!values.isEmpty()) {
        return all(values, bound, depth, name).via(name);
      }
    }
    Optional<TypeDeclaration<?>> type = n.findAncestor(TypeDeclaration.class).map(t -> t);
    if (type.isPresent()) {
      return field(type.get(), name, depth);
    }
    return Value.unknown("not found: " + name);
  }

  private static Optional<Node> callable(Node n) {
    Optional<Node> p = n.getParentNode();
    while (p.isPresent()) {
      Node x = p.get();
      if (x instanceof CallableDeclaration<?> || x instanceof LambdaExpr) {
        return p;
      }
      if (x instanceof TypeDeclaration<?>) {
        return Optional.empty();
      }
      p = x.getParentNode();
    }
    return Optional.empty();
  }

  private static List<String> parameters(Node fn) {
    List<String> out = new ArrayList<>();
    List<Parameter> ps =
        fn instanceof CallableDeclaration<?> cd
            ? cd.getParameters()
            : fn instanceof LambdaExpr l ? l.getParameters() : List.of();
    for (Parameter p : ps) {
      out.add(p.getNameAsString());
    }
    return out;
  }

  private Value all(List<Expression> values, Map<String, Value> bound, int depth, String what) {
    List<Value> vs = new ArrayList<>();
    for (Expression x : values) {
      if (!inProgress.add(x)) {
        vs.add(Value.unknown("defined in terms of itself: " + what));
        continue;
      }
      try {
        vs.add(eval(x, bound, depth + 1));
      } finally {
        inProgress.remove(x);
      }
    }
    return Value.agree(vs, "values of " + what);
  }

  /** A field of a type: its initializer and every assignment to it in the type. */
  private Value field(TypeDeclaration<?> type, String name, int depth) {
    Optional<FieldDeclaration> fd = type.getFieldByName(name);
    if (fd.isEmpty()) {
      return Value.unknown("not found in " + type.getNameAsString() + ": " + name);
    }
    List<Expression> values = new ArrayList<>();
    for (VariableDeclarator v : fd.get().getVariables()) {
      if (v.getNameAsString().equals(name)) {
        v.getInitializer().ifPresent(values::add);
      }
    }
    for (AssignExpr a : type.findAll(AssignExpr.class)) {
      Expression t = a.getTarget();
      boolean hit =
          t.isNameExpr() && t.asNameExpr().getNameAsString().equals(name)
              || t.isFieldAccessExpr()
                  && t.asFieldAccessExpr().getScope().isThisExpr()
                  && t.asFieldAccessExpr().getNameAsString().equals(name);
      if (hit) {
        values.add(a.getValue());
      }
    }
    if (values.isEmpty()) {
      return Value.unknown("field " + name + " is never assigned");
    }
    return all(values, Map.of(), depth, name).via(type.getNameAsString() + "." + name);
  }

  private Value fieldAccess(FieldAccessExpr f, int depth) {
    Expression scope = f.getScope();
    String name = f.getNameAsString();
    if (scope.isThisExpr()) {
      return f.findAncestor(TypeDeclaration.class)
          .map(t -> field((TypeDeclaration<?>) t, name, depth))
          .orElse(Value.unknown(oneLine(f)));
    }
    String typeName = scope.isNameExpr() ? scope.asNameExpr().getNameAsString() : scope.toString();
    typeName = typeName.substring(typeName.lastIndexOf('.') + 1);
    Optional<TypeDeclaration<?>> t = sources.type(typeName);
    if (t.isPresent()) {
      return field(t.get(), name, depth);
    }
    return Value.unknown("defined outside the tree: " + oneLine(f));
  }

  private Value call(MethodCallExpr m, Map<String, Value> bound, int depth) {
    String name = m.getNameAsString();
    List<Expression> args = m.getArguments();
    String scope = m.getScope().map(JavaEval::oneLine).orElse("");
    if (scope.endsWith("Duration") && !args.isEmpty()) {
      Value v = eval(args.get(0), bound, depth + 1);
      return switch (name) {
        case "ofNanos" -> v.asDuration(1);
        case "ofMillis" -> v.asDuration(1e6);
        case "ofSeconds" -> v.asDuration(1e9);
        case "ofMinutes" -> v.asDuration(60e9);
        case "ofHours" -> v.asDuration(3600e9);
        case "ofDays" -> v.asDuration(86_400e9);
        case "of" ->
            args.size() == 2 ? v.asDuration(unitNanos(oneLine(args.get(1)))) : Value.unknown(name);
        case "parse" -> iso(v);
        default -> Value.unknown("Duration." + name);
      };
    }
    if (scope.contains("TimeUnit.") && args.size() == 1 && name.startsWith("to")) {
      double from = unitNanos(scope);
      double to = unitNanos(name.substring(2));
      return eval(args.get(0), bound, depth + 1).times(Value.number(from / to));
    }
    if (scope.equals("System") && (name.equals("getenv") || name.equals("getProperty"))) {
      if (args.isEmpty()) {
        return Value.unknown("the environment").withInput("env");
      }
      Value key = eval(args.get(0), bound, depth + 1);
      String k = key.kind() == Value.Kind.TEXT ? key.text() : oneLine(args.get(0));
      String in = (name.equals("getenv") ? "env " : "property ") + k;
      if (args.size() == 2) {
        return eval(args.get(1), bound, depth + 1).withInput(in);
      }
      return Value.unknown("read from " + in).withInput(in);
    }
    if (name.equals("getOrDefault") && scope.equals("System.getenv()") && args.size() == 2) {
      Value key = eval(args.get(0), bound, depth + 1);
      String k = key.kind() == Value.Kind.TEXT ? key.text() : oneLine(args.get(0));
      return eval(args.get(1), bound, depth + 1).withInput("env " + k);
    }
    if (m.getScope().isPresent()) {
      Value recv = null;
      switch (name) {
        case "orElse", "orElseGet" -> {
          recv = eval(m.getScope().get(), bound, depth + 1);
          if (args.isEmpty()) {
            return recv;
          }
          Expression a = args.get(0);
          Value def =
              a.isLambdaExpr() && a.asLambdaExpr().getExpressionBody().isPresent()
                  ? eval(a.asLambdaExpr().getExpressionBody().get(), bound, depth + 1)
                  : eval(a, bound, depth + 1);
          return recv.known() ? recv : def.withInput(recv.input());
        }
        case "ofNullable",
            "of",
            "map",
            "filter",
            "trim",
            "parseLong",
            "parseInt",
            "valueOf",
            "parseDouble" -> {
          Expression src = args.isEmpty() ? m.getScope().get() : args.get(0);
          if (name.equals("map") || name.equals("filter") || name.equals("trim")) {
            src = m.getScope().get();
          }
          recv = eval(src, bound, depth + 1);
          if (recv.kind() == Value.Kind.TEXT && name.startsWith("parse")
              || name.equals("valueOf") && recv.kind() == Value.Kind.TEXT) {
            try {
              return Value.number(Double.parseDouble(recv.text().trim())).withInput(recv.input());
            } catch (NumberFormatException ex) {
              return Value.unknown("not a number: " + recv.text());
            }
          }
          return recv;
        }
        case "max", "min" -> {
          if (scope.equals("Math") && args.size() == 2) {
            Value a = eval(args.get(0), bound, depth + 1);
            Value b = eval(args.get(1), bound, depth + 1);
            if (!a.known() || !b.known()) {
              return a.known() ? b : a;
            }
            boolean first =
                name.equals("max") ? a.amount() >= b.amount() : a.amount() <= b.amount();
            return first ? a : b;
          }
        }
        default -> {}
      }
      if (!m.getScope().get().isThisExpr()) {
        return Value.unknown("call not resolved: " + oneLine(m));
      }
    }
    return method(m, name, args, bound, depth);
  }

  /** A method of the enclosing type, with its parameters bound to the arguments. */
  private Value method(
      MethodCallExpr m, String name, List<Expression> args, Map<String, Value> bound, int depth) {
    Optional<TypeDeclaration<?>> type = m.findAncestor(TypeDeclaration.class).map(t -> t);
    if (type.isEmpty()) {
      return Value.unknown("call not resolved: " + oneLine(m));
    }
    List<MethodDeclaration> ms = type.get().getMethodsBySignature(name);
    ms = ms.isEmpty() ? type.get().getMethodsByName(name) : ms;
    List<MethodDeclaration> arity = new ArrayList<>();
    for (MethodDeclaration d : ms) {
      if (d.getParameters().size() == args.size()) {
        arity.add(d);
      }
    }
    if (arity.size() != 1 || arity.get(0).getBody().isEmpty()) {
      return Value.unknown("call not resolved: " + oneLine(m));
    }
    MethodDeclaration d = arity.get(0);
    if (!inProgress.add(d)) {
      return Value.unknown("recursive call");
    }
    try {
      Map<String, Value> b = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        b.put(d.getParameter(i).getNameAsString(), eval(args.get(i), bound, depth + 1));
      }
      List<Value> vs = new ArrayList<>();
      for (ReturnStmt r : d.getBody().get().findAll(ReturnStmt.class)) {
        if (r.getExpression().isPresent() && callable(r).map(c -> c == d).orElse(false)) {
          vs.add(eval(r.getExpression().get(), b, depth + 1));
        }
      }
      return Value.agree(vs, "returns of " + name).via(name + "()");
    } finally {
      inProgress.remove(d);
    }
  }

  /** Nanoseconds per unit for a {@code TimeUnit} or {@code ChronoUnit} name (any case). */
  static double unitNanos(String unit) {
    String u = unit.substring(unit.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
    return switch (u) {
      case "NANOS", "NANOSECONDS" -> 1;
      case "MICROS", "MICROSECONDS" -> 1e3;
      case "MILLIS", "MILLISECONDS" -> 1e6;
      case "SECONDS" -> 1e9;
      case "MINUTES" -> 60e9;
      case "HOURS" -> 3600e9;
      case "DAYS" -> 86_400e9;
      default -> Double.NaN;
    };
  }

  private static Value iso(Value v) {
    if (v.kind() != Value.Kind.TEXT) {
      return v;
    }
    try {
      return Value.nanos(java.time.Duration.parse(v.text()).toNanos()).withInput(v.input());
    } catch (java.time.format.DateTimeParseException ex) {
      return Value.unknown("not an ISO-8601 duration: " + v.text());
    }
  }

  /** The node's source text as written (from its tokens), on one line, at most 120 characters. */
  static String oneLine(Node n) {
    String raw = n.getTokenRange().map(Object::toString).orElseGet(n::toString);
    String t = raw.replaceAll("\\s+", " ").trim();
    return t.length() <= 120 ? t : t.substring(0, 117) + "...";
  }
}
