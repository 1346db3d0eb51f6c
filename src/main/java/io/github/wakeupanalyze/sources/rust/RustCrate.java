package io.github.wakeupanalyze.sources.rust;

import io.github.wakeupanalyze.sources.Language;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.ScanSink;
import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.SourceTree;
import io.github.wakeupanalyze.sources.syntax.Node;
import io.github.wakeupanalyze.sources.syntax.ParseAhead;
import io.github.wakeupanalyze.sources.syntax.TreeSitter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Rust files under a scanned root, parsed on demand and cached: a file is parsed when it is a
 * candidate or when it contains a name being resolved ({@code const}, {@code static}, {@code fn}, a
 * struct field). Names are looked up across the whole root, not by module path: operators are small
 * crates, and a name defined twice is reported as ambiguous rather than guessed.
 */
final class RustCrate {
  /** A parsed file. */
  record RsFile(SourceFile file, Node root) {}

  private final SourceTree tree;
  private final ParseAhead parser;
  private final ScanSink sink;
  private final Map<String, RsFile> parsed = new HashMap<>();
  private final Map<String, String> texts = new HashMap<>();
  private final Set<String> failed = new HashSet<>();

  RustCrate(SourceTree tree, ParseAhead parser, ScanSink sink) {
    this.tree = tree;
    this.parser = parser;
    this.sink = sink;
  }

  /** The parsed file, or null when unreadable (reported once). */
  RsFile file(SourceFile f) {
    RsFile r = parsed.get(f.rel());
    if (r != null || failed.contains(f.rel())) {
      return r;
    }
    ParseAhead.Loaded loaded = parser.get(f);
    if (loaded.error() != null) {
      failed.add(f.rel());
      sink.warn(
          f.rel(), ScanResult.Warning.Kind.SKIPPED, "unreadable: " + loaded.error().getMessage());
      return null;
    }
    texts.putIfAbsent(f.rel(), loaded.text());
    TreeSitter.Parsed p = loaded.parsed();
    if (!p.error().isEmpty()) {
      sink.warn(
          f.rel(),
          ScanResult.Warning.Kind.PARTIAL,
          p.error() + " (Rust syntax error; the rest of the file was scanned)");
    }
    sink.parsed(f);
    r = new RsFile(f, p.root());
    parsed.put(f.rel(), r);
    return r;
  }

  private String text(SourceFile f) {
    if (texts.containsKey(f.rel())) {
      return texts.get(f.rel());
    }
    try {
      String t = SourceTree.read(f);
      texts.put(f.rel(), t);
      return t;
    } catch (IOException e) {
      failed.add(f.rel());
      sink.warn(f.rel(), ScanResult.Warning.Kind.SKIPPED, "unreadable: " + e.getMessage());
      return null;
    }
  }

  /** True when the file says it is generated (see {@link SourceTree#generated}). */
  boolean generated(SourceFile f) {
    String t = text(f);
    return t != null && SourceTree.generated(t);
  }

  /** Every file whose text contains {@code token}, parsed. */
  List<RsFile> containing(String token) {
    List<RsFile> out = new ArrayList<>();
    for (SourceFile f : tree.files(Language.RUST)) {
      String t = text(f);
      if (t != null && t.contains(token)) {
        RsFile r = file(f);
        if (r != null) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** The items ({@code const_item}, {@code static_item}, {@code function_item}) named so. */
  List<Node> items(String type, String name) {
    List<Node> out = new ArrayList<>();
    for (RsFile f : containing(name)) {
      for (Node n : f.root().all(type)) {
        Node nm = n.child("name");
        if (nm != null && nm.text().equals(name)) {
          out.add(n);
        }
      }
    }
    return out;
  }
}
