package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The controllers a Go package registers and the reconciler types behind them, so that a call site
 * in {@code (r *ReconcileX) Reconcile} is named as the operator registers it.
 *
 * <p>Registrations found: builder chains ({@code ctrl.NewControllerManagedBy(mgr).For(&v1.Kind{})
 * .Named("name").Complete(r)}, also {@code builder.ControllerManagedBy}) and {@code
 * controller.New("name", mgr, controller.Options{Reconciler: r})}. A chain without {@code Named}
 * takes controller-runtime's default name, the lower-cased kind. The reconciler type comes from the
 * argument ({@code &T{}}, a variable or function that returns one); when it cannot be told and the
 * package has one registration and one type with a {@code Reconcile} method, they are linked.
 */
final class GoControllers {
  /** A registered controller: its name, the kind it is for, and its reconciler type if known. */
  record Registration(String name, String kind, String reconcilerType) {}

  private final List<Registration> registrations = new ArrayList<>();
  private final Set<String> reconcilerTypes = new TreeSet<>();

  GoControllers(GoPackage pkg) {
    pkg.ensure(") Reconcile(");
    pkg.ensure("ControllerManagedBy");
    pkg.ensure("controller.New(");
    for (GoFile f : List.copyOf(pkg.files())) {
      f.root.visit(
          n -> {
            if (n.is("method_declaration")
                && n.child("name") != null
                && n.child("name").text().equals("Reconcile")) {
              String t = receiverType(n);
              if (!t.isEmpty()) {
                reconcilerTypes.add(t);
              }
            } else if (n.is("call_expression")) {
              registration(n, f, pkg);
            }
          });
    }
  }

  /** The controller names for a reconciler type: registration name first, then type and kind. */
  List<String> namesFor(String receiverType) {
    Registration r = registrationFor(receiverType);
    List<String> out = new ArrayList<>();
    if (r != null) {
      out.add(r.name());
      if (!r.kind().isEmpty()) {
        out.add(r.kind());
      }
    }
    if (!receiverType.isEmpty()) {
      out.add(receiverType);
    }
    return out;
  }

  /** The only registration of the package, when there is exactly one; else null. */
  Registration only() {
    return registrations.size() == 1 ? registrations.get(0) : null;
  }

  /** The only reconciler type of the package, or empty. */
  String onlyReconciler() {
    return reconcilerTypes.size() == 1 ? reconcilerTypes.iterator().next() : "";
  }

  private Registration registrationFor(String type) {
    for (Registration r : registrations) {
      if (r.reconcilerType().equals(type)) {
        return r;
      }
    }
    if (registrations.size() == 1
        && reconcilerTypes.size() <= 1
        && (reconcilerTypes.isEmpty() || reconcilerTypes.contains(type))
        && registrations.get(0).reconcilerType().isEmpty()) {
      return registrations.get(0);
    }
    return null;
  }

  private void registration(Node call, GoFile f, GoPackage pkg) {
    Node fn = call.child("function");
    if (fn == null || !fn.is("selector_expression")) {
      return;
    }
    String method = fn.child("field").text();
    List<Node> args = call.child("arguments").namedChildren();
    if (method.equals("New")
        && fn.child("operand").is("identifier")
        && f.imports(fn.child("operand").text(), "controller-runtime/pkg/controller")
        && args.size() >= 3
        && args.get(0).is("interpreted_string_literal")) {
      String type = "";
      Node opts = args.get(2);
      if (opts.is("composite_literal") && opts.child("body") != null) {
        for (Node el : opts.child("body").namedChildren()) {
          if (el.is("keyed_element") && el.child("key").text().equals("Reconciler")) {
            type = typeOf(GoPackage.unwrapElement(el.child("value")), pkg, 0);
          }
        }
      }
      registrations.add(new Registration(GoFile.unquote(args.get(0).text()), "", type));
      return;
    }
    if (!method.equals("Complete") && !method.equals("Build")) {
      return;
    }
    String name = "";
    String kind = "";
    boolean managed = false;
    for (Node c = fn.child("operand");
        c != null && c.is("call_expression");
        c =
            c.child("function").is("selector_expression")
                ? c.child("function").child("operand")
                : null) {
      Node cf = c.child("function");
      String m = cf.is("selector_expression") ? cf.child("field").text() : cf.text();
      List<Node> a = c.child("arguments").namedChildren();
      if (m.equals("Named") && !a.isEmpty() && a.get(0).is("interpreted_string_literal")) {
        name = GoFile.unquote(a.get(0).text());
      } else if (m.equals("For") && !a.isEmpty()) {
        kind = literalType(a.get(0));
      } else if (m.endsWith("ControllerManagedBy")) {
        managed = true;
      }
    }
    if (!managed) {
      return;
    }
    String type = args.isEmpty() ? "" : typeOf(args.get(0), pkg, 0);
    if (name.isEmpty()) {
      name = kind.toLowerCase(Locale.ROOT);
    }
    if (!name.isEmpty()) {
      registrations.add(new Registration(name, kind, type));
    }
  }

  /** {@code &v1.Kind{}} → {@code Kind}. */
  private static String literalType(Node n) {
    Node x = n.is("unary_expression") ? n.child("operand") : n;
    if (x != null && x.is("composite_literal") && x.child("type") != null) {
      String t = x.child("type").text();
      return t.substring(t.lastIndexOf('.') + 1);
    }
    return "";
  }

  /** The struct type an expression makes: {@code &T{}}, a variable or a function returning one. */
  private static String typeOf(Node n, GoPackage pkg, int depth) {
    if (n == null || depth > 4) {
      return "";
    }
    String lit = literalType(n);
    if (!lit.isEmpty()) {
      return lit;
    }
    if (n.is("identifier")) {
      Node fn = n.ancestor("function_declaration", "method_declaration", "func_literal");
      if (fn == null || fn.child("body") == null) {
        return "";
      }
      for (Node d : fn.child("body").all("short_var_declaration")) {
        List<Node> left = d.child("left").namedChildren();
        if (!left.isEmpty() && left.get(0).text().equals(n.text())) {
          return typeOf(d.child("right").namedChildren().get(0), pkg, depth + 1);
        }
      }
      return "";
    }
    if (n.is("call_expression") && n.child("function").is("identifier")) {
      GoPackage.Binding b = pkg.function(n.child("function").text());
      if (b != null && b.expr().child("body") != null) {
        for (Node r : b.expr().child("body").all("return_statement")) {
          List<Node> rs = r.namedChildren();
          if (!rs.isEmpty()) {
            Node first =
                rs.get(0).is("expression_list") ? rs.get(0).namedChildren().get(0) : rs.get(0);
            String t = typeOf(first, pkg, depth + 1);
            if (!t.isEmpty()) {
              return t;
            }
          }
        }
      }
    }
    return "";
  }

  /** The receiver's type name of a method, pointer and type parameters removed. */
  static String receiverType(Node method) {
    Node recv = method.child("receiver");
    if (recv == null) {
      return "";
    }
    for (Node p : recv.namedChildren()) {
      Node t = p.child("type");
      if (t != null) {
        String s = t.text().replace("*", "").trim();
        int lt = s.indexOf('[');
        return lt < 0 ? s : s.substring(0, lt);
      }
    }
    return "";
  }
}
