package io.github.wakeupanalyze.sources.rust;

import io.github.wakeupanalyze.sources.Place;
import io.github.wakeupanalyze.sources.syntax.Enclosing;
import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.List;

/**
 * Where a Rust call site sits: under which {@code if}, {@code else} or match arm, and whether that
 * is an error path ({@code if let Err(..)}, an {@code Err(..)} arm, a closure given to {@code
 * map_err}, {@code or_else} or {@code unwrap_or_else}); and whether it is test code.
 */
final class RustPaths {
  private static final List<String> ERROR_COMBINATORS =
      List.of("map_err", "or_else", "unwrap_or_else", "inspect_err");

  private RustPaths() {}

  static Place classify(Node site) {
    return Enclosing.of(site, p -> p.is("function_item"), RustPaths::guard).place(null);
  }

  /** What one enclosing {@code if}, match arm or error combinator adds. */
  private static Enclosing.Guard guard(Node p, Node child) {
    switch (p.type()) {
      case "if_expression" -> {
        return Enclosing.Guard.ofIf(p, child, RustPaths::matchesErr, cond -> false);
      }
      case "match_arm" -> {
        Node pat = p.child("pattern");
        Node match = p.ancestor("match_expression");
        Node value = match == null ? null : match.child("value");
        String patText = pat == null ? "" : pat.oneLine();
        return new Enclosing.Guard(
            (value == null ? "" : "match " + value.oneLine() + ": ") + patText,
            patText.startsWith("Err"));
      }
      case "call_expression" -> {
        Node fn = p.child("function");
        if (fn != null
            && fn.is("field_expression")
            && ERROR_COMBINATORS.contains(fn.child("field").text())
            && child.is("arguments")) {
          return new Enclosing.Guard("." + fn.child("field").text() + "(..)", true);
        }
        return Enclosing.Guard.NONE;
      }
      default -> {
        return Enclosing.Guard.NONE;
      }
    }
  }

  /** Inside a {@code #[cfg(test)]} module or a {@code #[test]}-style function. */
  static boolean inTest(Node site) {
    for (Node a = site.ancestor("mod_item", "function_item");
        a != null;
        a = a.ancestor("mod_item", "function_item")) {
      Node parent = a.parent();
      if (parent == null) {
        continue;
      }
      List<Node> siblings = parent.children();
      for (int i = siblings.indexOf(a) - 1; i >= 0 && isAttributeOrComment(siblings.get(i)); i--) {
        String t = siblings.get(i).text().replace(" ", "");
        if (t.contains("cfg(test)") || t.matches("#\\[(\\w+::)?test\\]")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isAttributeOrComment(Node n) {
    return n.is("attribute_item") || n.is("line_comment") || n.is("block_comment");
  }

  /** {@code if let Err(..) = ...}: the consequence is an error path. */
  private static boolean matchesErr(Node cond) {
    return cond.is("let_condition")
        && cond.child("pattern") != null
        && cond.child("pattern").text().startsWith("Err");
  }
}
