package io.github.wakeupanalyze.sources.golang;

import io.github.wakeupanalyze.sources.Language;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.ScanSink;
import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.SourceTree;
import io.github.wakeupanalyze.sources.syntax.ParseAhead;
import io.github.wakeupanalyze.sources.syntax.TreeSitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go packages under a scanned root, parsed on demand: a package is parsed when a candidate file
 * is in it or when a resolution needs one of its names ({@code pkg.Const} of a package in the same
 * module, found through {@code go.mod}). At most {@value #CACHED} packages stay parsed.
 */
final class GoWorkspace {
  private static final int CACHED = 64;
  private static final Pattern MODULE = Pattern.compile("(?m)^\\s*module\\s+(\\S+)");

  private final SourceTree tree;
  private final ParseAhead parser;
  private final ScanSink sink;
  private final Set<String> reported = new HashSet<>();
  private final Map<String, String[]> moduleOfDir = new HashMap<>();
  private final Map<String, GoPackage> packages =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GoPackage> e) {
          return size() > CACHED;
        }
      };

  GoWorkspace(SourceTree tree, ParseAhead parser, ScanSink sink) {
    this.tree = tree;
    this.parser = parser;
    this.sink = sink;
  }

  /** The package in {@code dir} (relative to the root); its files are parsed on demand. */
  GoPackage packageAt(String dir) {
    GoPackage p = packages.get(dir);
    if (p != null) {
      return p;
    }
    String[] mod = module(dir);
    String importPath =
        mod == null ? dir : mod[1] + (dir.equals(mod[0]) ? "" : "/" + relTo(mod[0], dir));
    p = new GoPackage(dir, importPath, tree.inDir(Language.GO, dir), this::text, this::parse);
    packages.put(dir, p);
    return p;
  }

  /** The package an import path names, when it is in a module under the root; else null. */
  GoPackage packageOf(GoFile from, String importPath) {
    String[] mod = module(from.file.dir());
    if (mod == null || importPath == null) {
      return null;
    }
    String dir;
    if (importPath.equals(mod[1])) {
      dir = mod[0];
    } else if (importPath.startsWith(mod[1] + "/")) {
      String rest = importPath.substring(mod[1].length() + 1);
      dir = mod[0].isEmpty() ? rest : mod[0] + "/" + rest;
    } else {
      return null;
    }
    return tree.inDir(Language.GO, dir).isEmpty() ? null : packageAt(dir);
  }

  private String text(SourceFile f) {
    try {
      return SourceTree.read(f);
    } catch (IOException e) {
      report(f, ScanResult.Warning.Kind.SKIPPED, "unreadable: " + e.getMessage());
      return null;
    }
  }

  private GoFile parse(SourceFile f) {
    ParseAhead.Loaded loaded = parser.get(f);
    if (loaded.error() != null) {
      report(f, ScanResult.Warning.Kind.SKIPPED, "unreadable: " + loaded.error().getMessage());
      return null;
    }
    String text = loaded.text();
    TreeSitter.Parsed p = loaded.parsed();
    if (!p.error().isEmpty()) {
      report(
          f,
          ScanResult.Warning.Kind.PARTIAL,
          p.error() + " (Go syntax error; the rest of the file was scanned)");
    }
    sink.parsed(f);
    return new GoFile(f, p.root(), SourceTree.generated(text));
  }

  private void report(SourceFile f, ScanResult.Warning.Kind kind, String msg) {
    if (reported.add(f.rel())) {
      sink.warn(f.rel(), kind, msg);
    }
  }

  /** {moduleDir, modulePath} of the nearest go.mod at or above {@code dir}, or null. */
  private String[] module(String dir) {
    if (moduleOfDir.containsKey(dir)) {
      return moduleOfDir.get(dir);
    }
    String[] found = null;
    Path gomod = tree.root().resolve(dir.isEmpty() ? "go.mod" : dir + "/go.mod");
    if (Files.isRegularFile(gomod)) {
      try {
        Matcher m = MODULE.matcher(Files.readString(gomod));
        if (m.find()) {
          found = new String[] {dir, m.group(1)};
        }
      } catch (IOException | RuntimeException e) {
        found = null;
      }
    }
    if (found == null && !dir.isEmpty()) {
      int slash = dir.lastIndexOf('/');
      found = module(slash < 0 ? "" : dir.substring(0, slash));
    }
    moduleOfDir.put(dir, found);
    return found;
  }

  private static String relTo(String base, String dir) {
    return base.isEmpty() ? dir : dir.substring(base.length() + 1);
  }
}
