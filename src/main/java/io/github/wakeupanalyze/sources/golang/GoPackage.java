package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one Go package (one directory) and an index of what its names mean: package-level
 * constants and variables, functions and methods, and every place a struct field or a package
 * variable is assigned.
 */
final class GoPackage {
  /** A value expression and the file it is written in. */
  record Binding(Node expr, GoFile file) {}

  final String dir;
  final String importPath;
  final List<GoFile> files = new ArrayList<>();
  final Map<String, List<Binding>> packageValues = new HashMap<>();
  final Map<String, Binding> functions = new HashMap<>();

  /** Method name → methods of that name, whatever the receiver. */
  final Map<String, List<Binding>> methods = new HashMap<>();

  /** Field name → keyed elements {@code field: expr} and assignments {@code x.field = expr}. */
  final Map<String, List<Binding>> fieldWrites = new HashMap<>();

  /** Identifier → assignments {@code name = expr} inside functions (for package variables). */
  final Map<String, List<Binding>> identWrites = new HashMap<>();

  /** Identifier → {@code flag.DurationVar(&name, ...)}-style calls. */
  final Map<String, List<Binding>> flagVars = new HashMap<>();

  GoPackage(String dir, String importPath) {
    this.dir = dir;
    this.importPath = importPath;
  }

  void add(GoFile f) {
    files.add(f);
    for (Node top : f.root.children()) {
      switch (top.type()) {
        case "const_declaration", "var_declaration" -> indexSpecs(top, f);
        case "function_declaration" -> {
          Node name = top.child("name");
          if (name != null) {
            functions.put(name.text(), new Binding(top, f));
          }
        }
        case "method_declaration" -> {
          Node name = top.child("name");
          if (name != null) {
            methods.computeIfAbsent(name.text(), k -> new ArrayList<>()).add(new Binding(top, f));
          }
        }
        default -> {}
      }
    }
    f.root.visit(n -> indexWrite(n, f));
  }

  private void indexSpecs(Node decl, GoFile f) {
    decl.visit(
        spec -> {
          if (!spec.is("const_spec") && !spec.is("var_spec")) {
            return;
          }
          List<Node> names = new ArrayList<>();
          Node value = spec.child("value");
          for (Node c : spec.children()) {
            if (c.field().equals("name")) {
              names.add(c);
            }
          }
          List<Node> values = value == null ? List.of() : value.namedChildren();
          for (int i = 0; i < names.size(); i++) {
            Node v = i < values.size() ? values.get(i) : values.size() == 1 ? values.get(0) : null;
            if (v != null) {
              packageValues
                  .computeIfAbsent(names.get(i).text(), k -> new ArrayList<>())
                  .add(new Binding(v, f));
            }
          }
        });
  }

  private void indexWrite(Node n, GoFile f) {
    if (n.is("keyed_element")) {
      Node key = n.child("key");
      Node value = n.child("value");
      if (key != null && value != null && value.named()) {
        fieldWrites
            .computeIfAbsent(key.text().trim(), k -> new ArrayList<>())
            .add(new Binding(unwrapElement(value), f));
      }
    } else if (n.is("assignment_statement") && "=".equals(operator(n))) {
      List<Node> left = n.child("left").namedChildren();
      List<Node> right = n.child("right").namedChildren();
      for (int i = 0; i < left.size() && left.size() == right.size(); i++) {
        Node l = left.get(i);
        Binding b = new Binding(right.get(i), f);
        if (l.is("selector_expression")) {
          fieldWrites.computeIfAbsent(l.child("field").text(), k -> new ArrayList<>()).add(b);
        } else if (l.is("identifier")) {
          identWrites.computeIfAbsent(l.text(), k -> new ArrayList<>()).add(b);
        }
      }
    } else if (n.is("call_expression")) {
      Node fn = n.child("function");
      Node args = n.child("arguments");
      if (fn != null && fn.is("selector_expression") && args != null) {
        String m = fn.child("field").text();
        List<Node> a = args.namedChildren();
        if (m.endsWith("Var") && !a.isEmpty() && a.get(0).is("unary_expression")) {
          Node target = a.get(0).child("operand");
          if (target != null && target.is("identifier")) {
            flagVars.computeIfAbsent(target.text(), k -> new ArrayList<>()).add(new Binding(n, f));
          }
        }
      }
    }
  }

  /** A {@code literal_element} wraps the expression of a keyed element. */
  static Node unwrapElement(Node n) {
    if (n.is("literal_element") && n.namedChildren().size() == 1) {
      return n.namedChildren().get(0);
    }
    return n;
  }

  static String operator(Node n) {
    Node op = n.child("operator");
    return op == null ? "" : op.text();
  }
}
