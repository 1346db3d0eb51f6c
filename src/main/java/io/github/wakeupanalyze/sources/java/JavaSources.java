package io.github.wakeupanalyze.sources.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import io.github.wakeupanalyze.sources.Language;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.ScanSink;
import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.SourceTree;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Java files under a scanned root, parsed on demand with JavaParser and cached; a class is
 * found by its simple name through the file of that name ({@code Constants} in {@code
 * Constants.java}), which is how Java lays out top-level classes.
 */
final class JavaSources {
  /** A parsed file. */
  record JFile(SourceFile file, CompilationUnit unit, boolean generated) {}

  private final SourceTree tree;
  private final ScanSink sink;
  private final JavaParser parser;
  private final Map<String, JFile> parsed = new HashMap<>();
  private final Set<String> failed = new HashSet<>();
  private Map<String, SourceFile> byClassName;

  JavaSources(SourceTree tree, ScanSink sink) {
    this.tree = tree;
    this.sink = sink;
    this.parser =
        new JavaParser(
            new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)
                .setAttributeComments(false));
  }

  /** The parsed file, or null when it cannot be read or parsed at all (warned once). */
  JFile file(SourceFile f) {
    JFile j = parsed.get(f.rel());
    if (j != null || failed.contains(f.rel())) {
      return j;
    }
    String text;
    try {
      text = SourceTree.read(f);
    } catch (IOException e) {
      failed.add(f.rel());
      sink.warn(f.rel(), ScanResult.Warning.Kind.SKIPPED, "unreadable: " + e.getMessage());
      return null;
    }
    ParseResult<CompilationUnit> r = parser.parse(text);
    if (!r.getProblems().isEmpty()) {
      Problem p = r.getProblems().get(0);
      String where =
          p.getLocation()
              .flatMap(l -> l.getBegin().getRange())
              .map(rg -> rg.begin.line + ":" + rg.begin.column + ": ")
              .orElse("");
      String msg = p.getMessage().replaceAll("\\s+", " ");
      msg = msg.length() > 100 ? msg.substring(0, 97) + "..." : msg;
      sink.warn(
          f.rel(),
          r.getResult().isPresent()
              ? ScanResult.Warning.Kind.PARTIAL
              : ScanResult.Warning.Kind.SKIPPED,
          where
              + msg
              + (r.getResult().isPresent()
                  ? " (Java syntax error; the rest of the file was scanned)"
                  : " (Java syntax error)"));
    }
    if (r.getResult().isEmpty()) {
      failed.add(f.rel());
      return null;
    }
    sink.parsed(f);
    j = new JFile(f, r.getResult().get(), SourceTree.generated(text));
    parsed.put(f.rel(), j);
    return j;
  }

  /** The top-level type of that simple name in the tree, when one file declares it. */
  Optional<TypeDeclaration<?>> type(String simpleName) {
    if (byClassName == null) {
      byClassName = new HashMap<>();
      Set<String> dup = new HashSet<>();
      for (SourceFile f : tree.files(Language.JAVA)) {
        String n = f.name().substring(0, f.name().length() - ".java".length());
        if (byClassName.put(n, f) != null) {
          dup.add(n);
        }
      }
      dup.forEach(byClassName::remove);
    }
    SourceFile f = byClassName.get(simpleName);
    JFile j = f == null ? null : file(f);
    if (j == null) {
      return Optional.empty();
    }
    return j.unit().getTypes().stream()
        .filter(t -> t.getNameAsString().equals(simpleName))
        .findFirst()
        .map(t -> (TypeDeclaration<?>) t);
  }
}
