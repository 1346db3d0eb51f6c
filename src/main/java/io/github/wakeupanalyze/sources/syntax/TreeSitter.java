package io.github.wakeupanalyze.sources.syntax;

import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.ScanSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSSymbolType;
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
 * <p>Cost: copying reads each node through the cursor with four native calls (symbol, field id,
 * start and end byte) and takes names from tables read once per grammar, lines from a table of line
 * starts: measured 4.6 µs per node under load here against 7.3 µs when reading type names, field
 * names and points per node (each returns a new Java object). Parsing itself is cheaper than the
 * copy; scanners therefore parse only the files that can hold a call site or define a name being
 * resolved.
 */
public final class TreeSitter {
  private final Map<Grammar, TSParser> parsers = new EnumMap<>(Grammar.class);
  private final Map<Grammar, Names> names = new EnumMap<>(Grammar.class);

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
        TSLanguage lang = g.language();
        p.setLanguage(lang);
        t.parsers.put(g, p);
        t.names.put(g, new Names(lang));
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
   * Whether tree-sitter loads on this platform; when it does not, {@code sink} is told, as one
   * {@code SKIPPED} warning, that the {@code files} files of {@code grammar}'s language were not
   * scanned (e.g. {@code *.go: 12 Go files not scanned: tree-sitter is not available on ...}).
   */
  public static boolean loads(Grammar grammar, int files, ScanSink sink) {
    try {
      create();
      return true;
    } catch (IllegalStateException e) {
      sink.warn(
          grammar.glob(),
          ScanResult.Warning.Kind.SKIPPED,
          files + " " + grammar.label() + " files not scanned: " + e.getMessage());
      return false;
    }
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
    return new Parsed(copy(grammar, root, utf8), error);
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

  /** Symbol and field names of a grammar, read once so that copying a node costs no string. */
  private static final class Names {
    final String[] symbols;
    final boolean[] named;
    final String[] fields;

    Names(TSLanguage lang) {
      int n = lang.symbolCount();
      symbols = new String[n];
      named = new boolean[n];
      for (int i = 0; i < n; i++) {
        symbols[i] = lang.symbolName(i).intern();
        TSSymbolType t = lang.symbolType(i);
        named[i] = t == TSSymbolType.TSSymbolTypeRegular || t == TSSymbolType.TSSymbolTypeSupertype;
      }
      fields = new String[lang.fieldCount() + 1];
      fields[0] = "";
      for (int i = 1; i < fields.length; i++) {
        String f = lang.fieldNameForId(i);
        fields[i] = f == null ? "" : f.intern();
      }
    }
  }

  private Node copy(Grammar g, TSNode root, byte[] utf8) {
    Names names = this.names.get(g);
    int[] lineStarts = lineStarts(utf8);
    TSTreeCursor cur = new TSTreeCursor(root);
    Node top = make(cur, names, lineStarts, utf8);
    Deque<Node> stack = new ArrayDeque<>();
    stack.push(top);
    // depth-first over the cursor; the stack mirrors the cursor's path
    if (!cur.gotoFirstChild()) {
      top.freeze();
      return top;
    }
    while (true) {
      Node n = make(cur, names, lineStarts, utf8);
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

  /** Byte offsets where each line starts. */
  private static int[] lineStarts(byte[] utf8) {
    int lines = 1;
    for (byte b : utf8) {
      if (b == '\n') {
        lines++;
      }
    }
    int[] starts = new int[lines];
    int k = 1;
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == '\n') {
        starts[k++] = i + 1;
      }
    }
    return starts;
  }

  private static Node make(TSTreeCursor cur, Names names, int[] lineStarts, byte[] utf8) {
    TSNode n = cur.currentNode();
    int sym = n.getSymbol();
    int fieldId = cur.currentFieldId();
    int start = n.getStartByte();
    int line = Arrays.binarySearch(lineStarts, start);
    line = line >= 0 ? line : -line - 2;
    boolean known = sym >= 0 && sym < names.symbols.length;
    return new Node(
        known ? names.symbols[sym] : n.getType().intern(),
        fieldId > 0 && fieldId < names.fields.length ? names.fields[fieldId] : "",
        start,
        n.getEndByte(),
        line + 1,
        start - lineStarts[line] + 1,
        known ? names.named[sym] : n.isNamed(),
        utf8);
  }
}
