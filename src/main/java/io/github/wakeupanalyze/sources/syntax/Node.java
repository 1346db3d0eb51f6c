package io.github.wakeupanalyze.sources.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A node of a concrete syntax tree as tree-sitter names it: a type such as {@code
 * composite_literal}, the field its parent knows it by (e.g. {@code condition}), its place in the
 * source and its children. Immutable once built by {@link TreeSitter}.
 */
public final class Node {
  private final String type;
  private final String field;
  private final int startByte;
  private final int endByte;
  private final int line;
  private final int column;
  private final boolean named;
  private final byte[] source;
  private Node parent;
  private List<Node> children = List.of();

  Node(
      String type,
      String field,
      int startByte,
      int endByte,
      int line,
      int column,
      boolean named,
      byte[] source) {
    this.type = type;
    this.field = field;
    this.startByte = startByte;
    this.endByte = endByte;
    this.line = line;
    this.column = column;
    this.named = named;
    this.source = source;
  }

  void add(Node child) {
    if (children.isEmpty()) {
      children = new ArrayList<>(4);
    }
    children.add(child);
    child.parent = this;
  }

  void freeze() {
    children = children.isEmpty() ? List.of() : Collections.unmodifiableList(children);
  }

  /** The grammar's name for the node, e.g. {@code call_expression}. */
  public String type() {
    return type;
  }

  /** The field name the parent knows this node by, e.g. {@code function}; empty when none. */
  public String field() {
    return field;
  }

  /** 1-based line of the first character. */
  public int line() {
    return line;
  }

  /** 1-based column (in UTF-8 bytes) of the first character. */
  public int column() {
    return column;
  }

  /** True for a named node, false for punctuation and keywords. */
  public boolean named() {
    return named;
  }

  /** The parent; null for the root. */
  public Node parent() {
    return parent;
  }

  public List<Node> children() {
    return children;
  }

  /** The source text of the node. */
  public String text() {
    return new String(source, startByte, endByte - startByte, StandardCharsets.UTF_8);
  }

  /** The text on one line, runs of whitespace as one space, at most 120 characters. */
  public String oneLine() {
    String t = text().replaceAll("\\s+", " ").trim();
    return t.length() <= 120 ? t : t.substring(0, 117) + "...";
  }

  public boolean is(String t) {
    return type.equals(t);
  }

  /** The first child with the given field name, or null. */
  public Node child(String fieldName) {
    for (Node c : children) {
      if (c.field.equals(fieldName)) {
        return c;
      }
    }
    return null;
  }

  /** The named children, in order. */
  public List<Node> namedChildren() {
    List<Node> out = new ArrayList<>(children.size());
    for (Node c : children) {
      if (c.named) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first named child of the given type, or null. */
  public Node firstOfType(String t) {
    for (Node c : children) {
      if (c.type.equals(t)) {
        return c;
      }
    }
    return null;
  }

  /** The nearest ancestor of one of the given types, or null. */
  public Node ancestor(String... types) {
    for (Node n = parent; n != null; n = n.parent) {
      for (String t : types) {
        if (n.type.equals(t)) {
          return n;
        }
      }
    }
    return null;
  }

  /** True when {@code other} is this node or one of its descendants. */
  public boolean contains(Node other) {
    return other.startByte >= startByte && other.endByte <= endByte && other.source == source;
  }

  /** Visits this node and every descendant, parents before children, without recursion. */
  public void visit(Consumer<Node> action) {
    Deque<Node> stack = new ArrayDeque<>();
    stack.push(this);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      action.accept(n);
      for (int i = n.children.size() - 1; i >= 0; i--) {
        stack.push(n.children.get(i));
      }
    }
  }

  /** Every node of the given type in this subtree, in source order. */
  public List<Node> all(String t) {
    List<Node> out = new ArrayList<>();
    visit(
        n -> {
          if (n.type.equals(t)) {
            out.add(n);
          }
        });
    return out;
  }

  @Override
  public String toString() {
    return type + "@" + line + ":" + column;
  }
}
