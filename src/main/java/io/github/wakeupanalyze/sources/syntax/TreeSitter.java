package io.github.wakeupanalyze.sources.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * Parses Go and Rust with tree-sitter (through the io.github.bonede JNI bindings, whose jars carry
 * the native library for linux, macOS and windows) and copies the tree into {@link Node}s.
 *
 * <p>Not thread-safe: one instance per thread. The native library loads on first use; on a platform
 * the bindings do not support, {@link #create()} throws {@link IllegalStateException} and the
 * caller skips Go and Rust files with one warning.
 *
 * <p>Cost: one native call per node field read (type, field name, bytes, position), about 1–3 µs
 * per node here; scanners therefore parse only the files that can hold a call site.
 */
public final class TreeSitter {
  private final Map<Grammar, TSParser> parsers = new EnumMap<>(Grammar.class);

  private TreeSitter() {}

  /**
   * A parser set, loading the native library if needed.
   *
   * @throws IllegalStateException when the native library cannot be loaded on this platform
   */
  public static TreeSitter create() {
    TreeSitter t = new TreeSitter();
    try {
      for (Grammar g : Grammar.values()) {
        TSParser p = new TSParser();
        p.setLanguage(g.language());
        t.parsers.put(g, p);
      }
    } catch (LinkageError | RuntimeException e) {
      throw new IllegalStateException(
          "tree-sitter is not available on "
              + System.getProperty("os.name")
              + "/"
              + System.getProperty("os.arch")
              + ": "
              + e.getMessage(),
          e);
    }
    return t;
  }

  /**
   * A parsed file.
   *
   * @param root the root node
   * @param error the first place the grammar could not parse, e.g. {@code 121:31: expected )};
   *     empty when the file parsed cleanly. tree-sitter recovers around errors, so the rest of the
   *     tree is still usable: grammars lag their languages (Go 1.26's {@code new(expr)} is an error
   *     to the Go grammar here), and a whole file should not be lost to one new construct.
   */
  public record Parsed(Node root, String error) {}

  /** Parses a source file. */
  public Parsed parse(Grammar grammar, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    TSTree tree = parsers.get(grammar).parseString(null, text);
    TSNode root = tree.getRootNode();
    String error = root.hasError() ? firstError(root, utf8) : "";
    return new Parsed(copy(root, utf8), error);
  }

  private static String firstError(TSNode root, byte[] utf8) {
    TSNode n = root;
    while (true) {
      if (n.isError() || n.isMissing()) {
        break;
      }
      TSNode next = null;
      for (int i = 0; i < n.getChildCount(); i++) {
        TSNode c = n.getChild(i);
        if (c.hasError()) {
          next = c;
          break;
        }
      }
      if (next == null) {
        break;
      }
      n = next;
    }
    TSPoint p = n.getStartPoint();
    String where = (p.getRow() + 1) + ":" + (p.getColumn() + 1);
    if (n.isMissing()) {
      return where + ": expected " + n.getType();
    }
    int len = Math.min(n.getEndByte() - n.getStartByte(), 40);
    String found =
        new String(utf8, n.getStartByte(), Math.max(0, len), StandardCharsets.UTF_8)
            .replaceAll("\\s+", " ");
    return where + ": unexpected '" + found + "'";
  }

  private static Node copy(TSNode root, byte[] utf8) {
    TSTreeCursor cur = new TSTreeCursor(root);
    Node top = make(cur, utf8);
    Deque<Node> stack = new ArrayDeque<>();
    stack.push(top);
    // depth-first over the cursor; stack mirrors the cursor's path
    if (!cur.gotoFirstChild()) {
      top.freeze();
      return top;
    }
    while (true) {
      Node n = make(cur, utf8);
      stack.peek().add(n);
      if (cur.gotoFirstChild()) {
        stack.push(n);
        continue;
      }
      n.freeze();
      while (!cur.gotoNextSibling()) {
        if (!cur.gotoParent()) {
          return top;
        }
        stack.pop().freeze();
        if (stack.isEmpty()) {
          return top;
        }
      }
    }
  }

  private static Node make(TSTreeCursor cur, byte[] utf8) {
    TSNode n = cur.currentNode();
    String field = cur.currentFieldName();
    TSPoint p = n.getStartPoint();
    return new Node(
        n.getType().intern(),
        field == null ? "" : field.intern(),
        n.getStartByte(),
        n.getEndByte(),
        p.getRow() + 1,
        p.getColumn() + 1,
        n.isNamed(),
        utf8);
  }
}
