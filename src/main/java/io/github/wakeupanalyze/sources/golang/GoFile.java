package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.syntax.Node;
import java.util.HashMap;
import java.util.Map;

/** A parsed Go file and its imports. */
final class GoFile {
  final SourceFile file;
  final Node root;
  final boolean generated;

  /** Import alias (explicit, or the path's last element) → import path. */
  final Map<String, String> imports = new HashMap<>();

  GoFile(SourceFile file, Node root, boolean generated) {
    this.file = file;
    this.root = root;
    this.generated = generated;
    for (Node spec : root.all("import_spec")) {
      Node pathNode = spec.child("path");
      if (pathNode == null) {
        continue;
      }
      String path = unquote(pathNode.text());
      Node name = spec.child("name");
      String alias = name != null ? name.text() : defaultAlias(path);
      imports.put(alias, path);
    }
  }

  /** The import path for an alias, or null when the alias is not an import of this file. */
  String importPath(String alias) {
    return imports.get(alias);
  }

  /** True when the alias names an import whose path contains {@code fragment}. */
  boolean imports(String alias, String fragment) {
    String p = imports.get(alias);
    return p != null && p.contains(fragment);
  }

  static String unquote(String s) {
    if (s.length() >= 2
        && (s.charAt(0) == '"' || s.charAt(0) == '`')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** {@code k8s.io/apimachinery/pkg/api/errors} → {@code errors}; {@code x/v2} → {@code x}. */
  static String defaultAlias(String path) {
    String[] parts = path.split("/");
    String last = parts[parts.length - 1];
    if (last.matches("v\\d+") && parts.length > 1) {
      last = parts[parts.length - 2];
    }
    return last.replace("-", "").replace(".", "");
  }
}
