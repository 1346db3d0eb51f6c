package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.Place;
import io.github.wakeupanalyze.sources.SiteKind;
import io.github.wakeupanalyze.sources.syntax.Enclosing;
import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a Go call site sits on its function's paths: under which {@code if}, {@code else}, {@code
 * case}, and whether that is an error path.
 *
 * <p>An error path is the body of an {@code if} whose condition checks an error ({@code err != nil}
 * for any name containing "err", {@code errors.Is/As}, {@code apierrors.IsNotFound}-style calls of
 * an errors package), the {@code else} of an {@code err == nil} check, or a result returned beside
 * a non-nil error (controller-runtime then ignores RequeueAfter and requeues through the rate
 * limiter).
 */
final class GoPaths {
  private static final Pattern ERR_NAME = Pattern.compile("(?i).*err.*");

  private GoPaths() {}

  /** Classifies a requeue site; {@code site} is the literal or assignment that asks for it. */
  static Place classify(Node site) {
    return Enclosing.of(
            site,
            p -> p.is("function_declaration") || p.is("method_declaration") || p.is("func_literal"),
            GoPaths::guard)
        .place(returnedWithError(site));
  }

  /** What one enclosing {@code if}, {@code case} or {@code select} arm adds. */
  private static Enclosing.Guard guard(Node p, Node child) {
    switch (p.type()) {
      case "if_statement" -> {
        return Enclosing.Guard.ofIf(p, child, GoPaths::isErrorCheck, GoPaths::isSuccessCheck);
      }
      case "expression_case", "type_case" -> {
        Node sw = p.parent();
        Node value = sw == null ? null : sw.child("value");
        Node caseValue = p.child("value");
        return new Enclosing.Guard(
            (value == null ? "" : "switch " + value.oneLine() + ": ")
                + "case "
                + (caseValue == null ? "" : caseValue.oneLine()),
            false);
      }
      case "default_case" -> {
        Node sw = p.parent();
        Node value = sw == null ? null : sw.child("value");
        return new Enclosing.Guard(
            (value == null ? "switch" : "switch " + value.oneLine()) + ": default", false);
      }
      case "communication_case" -> {
        Node comm = p.child("communication");
        return new Enclosing.Guard("select case " + (comm == null ? "" : comm.oneLine()), false);
      }
      default -> {
        return Enclosing.Guard.NONE;
      }
    }
  }

  /** {@code return ctrl.Result{...}, err} with a non-nil error: an error path. */
  private static Place returnedWithError(Node site) {
    Node list = site.parent();
    if (list == null || !list.is("expression_list")) {
      return null;
    }
    Node ret = list.parent();
    if (ret == null || !ret.is("return_statement")) {
      return null;
    }
    List<Node> results = list.namedChildren();
    if (results.size() < 2 || results.get(0) != site) {
      return null;
    }
    Node last = results.get(results.size() - 1);
    if (last.is("nil")) {
      return null;
    }
    return new Place(SiteKind.ERROR, "returned with error " + last.oneLine());
  }

  /** {@code err != nil}, {@code errors.Is(err, x)}, {@code apierrors.IsNotFound(err)}, … */
  static boolean isErrorCheck(Node cond) {
    if (cond.is("parenthesized_expression") && !cond.namedChildren().isEmpty()) {
      return isErrorCheck(cond.namedChildren().get(0));
    }
    if (cond.is("binary_expression")) {
      String op = GoPackage.operator(cond);
      if (op.equals("&&") || op.equals("||")) {
        return isErrorCheck(cond.child("left")) || isErrorCheck(cond.child("right"));
      }
      if (op.equals("!=")) {
        return comparesErrorWithNil(cond);
      }
      return false;
    }
    if (cond.is("call_expression")) {
      Node fn = cond.child("function");
      if (fn != null && fn.is("selector_expression")) {
        String pkg = fn.child("operand").text().toLowerCase(Locale.ROOT);
        String m = fn.child("field").text();
        return pkg.contains("err") && (m.startsWith("Is") || m.equals("As"));
      }
    }
    return false;
  }

  /** {@code err == nil}: its {@code else} branch is an error path. */
  private static boolean isSuccessCheck(Node cond) {
    return cond.is("binary_expression")
        && GoPackage.operator(cond).equals("==")
        && comparesErrorWithNil(cond);
  }

  private static boolean comparesErrorWithNil(Node cond) {
    Node l = cond.child("left");
    Node r = cond.child("right");
    if (l == null || r == null) {
      return false;
    }
    Node other = l.is("nil") ? r : r.is("nil") ? l : null;
    return other != null && ERR_NAME.matcher(other.text()).matches();
  }
}
