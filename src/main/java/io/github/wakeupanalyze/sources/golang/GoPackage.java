package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The files of one Go package (one directory) and an index of what its names mean: package-level
 * constants and variables, functions and methods, and every place a struct field or a package
 * variable is assigned.
 *
 * <p>Filled lazily: a file is parsed when it is a candidate or when its text contains a name being
 * looked up ({@link #ensure}), so resolving {@code requeueBackup} parses the file that defines it
 * and not the other nineteen files of the package. Parsing and copying a tree costs a few
 * milliseconds per file; most files of a controller package never need it.
 */
final class GoPackage {
  /** A value expression and the file it is written in. */
  record Binding(Node expr, GoFile file) {}

  final String dir;
  final String importPath;
  private final List<SourceFile> sources;
  private final Function<SourceFile, String> reader;
  private final Function<SourceFile, GoFile> parser;
  private final Map<SourceFile, String> texts = new HashMap<>();
  private final Set<SourceFile> loaded = new HashSet<>();
  private final Set<String> ensured = new HashSet<>();
  private final List<GoFile> files = new ArrayList<>();
  private final Map<String, List<Binding>> packageValues = new HashMap<>();
  private final Map<String, Binding> functions = new HashMap<>();
  private final Map<String, List<Binding>> methods = new HashMap<>();
  private final Map<String, List<Binding>> fieldWrites = new HashMap<>();
  private final Map<String, List<Binding>> identWrites = new HashMap<>();
  private final Map<String, List<Binding>> flagVars = new HashMap<>();

  /**
   * @param sources the package's files
   * @param reader their text (null when unreadable, already reported)
   * @param parser parses a file (null when it cannot be parsed, already reported)
   */
  GoPackage(
      String dir,
      String importPath,
      List<SourceFile> sources,
      Function<SourceFile, String> reader,
      Function<SourceFile, GoFile> parser) {
    this.dir = dir;
    this.importPath = importPath;
    this.sources = sources;
    this.reader = reader;
    this.parser = parser;
  }

  /** Parses (once) the given file of this package. */
  GoFile load(SourceFile f) {
    if (loaded.add(f)) {
      GoFile g = parser.apply(f);
      if (g != null) {
        add(g);
      }
    }
    for (GoFile g : files) {
      if (g.file.equals(f)) {
        return g;
      }
    }
    return null;
  }

  /** Parses every file of the package whose text contains {@code token}. */
  void ensure(String token) {
    if (!ensured.add(token)) {
      return;
    }
    for (SourceFile f : sources) {
      if (loaded.contains(f)) {
        continue;
      }
      String t =
          texts.computeIfAbsent(
              f,
              k -> {
                String r = reader.apply(k);
                return r == null ? "" : r;
              });
      if (containsToken(t, token)) {
        load(f);
        texts.remove(f);
      }
    }
  }

  /**
   * True when {@code text} contains {@code token}; an identifier must stand as a whole word, so
   * that looking up {@code d} does not parse every file with a letter d.
   */
  static boolean containsToken(String text, String token) {
    if (!token.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return text.contains(token);
    }
    for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
      int end = i + token.length();
      boolean before = i > 0 && isIdent(text.charAt(i - 1));
      boolean after = end < text.length() && isIdent(text.charAt(end));
      if (!before && !after) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIdent(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The files parsed so far. */
  List<GoFile> files() {
    return files;
  }

  /** Package-level initializers, assignments and flag bindings of a name. */
  List<Binding> packageValue(String name) {
    ensure(name);
    List<Binding> out = new ArrayList<>(packageValues.getOrDefault(name, List.of()));
    if (!out.isEmpty()) {
      out.addAll(identWrites.getOrDefault(name, List.of()));
      out.addAll(flagVars.getOrDefault(name, List.of()));
    }
    return out;
  }

  Binding function(String name) {
    ensure(name);
    return functions.get(name);
  }

  List<Binding> methods(String name) {
    ensure(name);
    return methods.getOrDefault(name, List.of());
  }

  /** Keyed elements {@code field: expr} and assignments {@code x.field = expr}. */
  List<Binding> fieldWrites(String field) {
    ensure(field);
    return fieldWrites.getOrDefault(field, List.of());
  }

  private void add(GoFile f) {
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
