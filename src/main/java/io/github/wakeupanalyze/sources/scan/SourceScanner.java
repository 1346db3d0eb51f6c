package io.github.wakeupanalyze.sources.scan;

import io.github.wakeupanalyze.sources.CallSite;
import io.github.wakeupanalyze.sources.Language;
import io.github.wakeupanalyze.sources.LanguageScanner;
import io.github.wakeupanalyze.sources.ScanResult;
import io.github.wakeupanalyze.sources.ScanSink;
import io.github.wakeupanalyze.sources.SourceFile;
import io.github.wakeupanalyze.sources.SourceTree;
import io.github.wakeupanalyze.sources.golang.GoScanner;
import io.github.wakeupanalyze.sources.java.JavaScanner;
import io.github.wakeupanalyze.sources.rust.RustScanner;
import io.github.wakeupanalyze.sources.syntax.ParseAhead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Scans source trees for the call sites that schedule reconciles.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>Directories {@code vendor/}, {@code target/}, {@code node_modules/} are not walked (unless
 *       vendored code is asked for), nor hidden directories nor Go's {@code testdata/}; symbolic
 *       links are not followed.
 *   <li>{@code .go}, {@code .rs} and {@code .java} files are source; files of other programming
 *       languages ({@code .py}, {@code .kt}, {@code .ts}, …) are counted and reported with one
 *       warning per extension; documentation and data files are ignored silently.
 *   <li>Test code ({@code _test.go}, {@code *Test.java}, {@code *IT.java}, a {@code test/} or
 *       {@code tests/} directory, Rust's {@code #[cfg(test)]} modules) is scanned and listed apart.
 *   <li>A file is parsed when its bytes contain a name one of its language's patterns needs ({@code
 *       RequeueAfter}, {@code Action::}, {@code rescheduleAfter}, …, see {@link #TRIGGERS}): a file
 *       without any cannot hold a site. Other files are parsed only when a name must be resolved in
 *       them. This keeps a 10,000-file tree to seconds.
 *   <li>Generated files ({@code Code generated ... DO NOT EDIT}, {@code @generated}) are read to
 *       resolve names but their sites are not listed.
 *   <li>An unreadable or non-UTF-8 file is skipped with one warning naming it. A file with a syntax
 *       error gets one warning naming the place, and what parses around the error is still scanned
 *       (tree-sitter and JavaParser recover), because grammars lag their languages: Go 1.26's
 *       {@code new(expr)} is an error to the Go grammar used here.
 * </ol>
 */
public final class SourceScanner {
  /** Per language, the names whose presence makes a file worth parsing. */
  static final Map<Language, List<String>> TRIGGERS =
      Map.of(
          Language.GO,
          List.of("Requeue", "SyncPeriod", "RateLimiter"),
          Language.RUST,
          List.of("requeue", "await_change", "error_policy", "reconcile_all_on", "debounce"),
          Language.JAVA,
          List.of(
              "rescheduleAfter",
              "MaxReconciliationInterval",
              "GradualRetry",
              "GenericRetry",
              "withReconciliationMaxInterval"));

  private static final Set<String> VENDORED = Set.of("vendor", "target", "node_modules");
  private static final Set<String> OTHER_LANGUAGES =
      Set.of(
          "py", "kt", "kts", "scala", "groovy", "ts", "js", "c", "cc", "cpp", "h", "hpp", "cs",
          "rb", "php", "swift", "clj", "ex", "exs", "erl", "hs", "ml", "zig");

  private final boolean includeVendored;
  private final int threads;

  /**
   * A scanner parsing on {@link ParseAhead#defaultThreads()} threads.
   *
   * @param includeVendored walk {@code vendor/}, {@code target/} and {@code node_modules/} too
   */
  public SourceScanner(boolean includeVendored) {
    this(includeVendored, ParseAhead.defaultThreads());
  }

  /**
   * @param includeVendored walk {@code vendor/}, {@code target/} and {@code node_modules/} too
   * @param threads threads reading and parsing files (1: all in the caller's thread); the result is
   *     the same for any number
   */
  public SourceScanner(boolean includeVendored, int threads) {
    this.includeVendored = includeVendored;
    this.threads = Math.max(1, threads);
  }

  /**
   * Scans each root (a directory, or a single file) and merges the results. With several roots,
   * file names are prefixed with the root's own name so they stay apart.
   */
  public ScanResult scan(List<Path> roots) {
    Collector c = new Collector();
    for (Path root : roots) {
      String prefix = roots.size() > 1 ? root.toAbsolutePath().normalize().getFileName() + "/" : "";
      scanRoot(root, prefix, c);
    }
    c.otherLanguages.forEach(
        (ext, n) ->
            c.warnings.add(
                new ScanResult.Warning(
                    "*." + ext,
                    ScanResult.Warning.Kind.OTHER_LANGUAGE,
                    n
                        + (n == 1 ? " file" : " files")
                        + " in a language not scanned (go, rs and java are)")));
    c.sites.sort(CallSite.ORDER);
    c.testSites.sort(CallSite.ORDER);
    c.warnings.sort(Comparator.comparing(ScanResult.Warning::file));
    return new ScanResult(
        c.sites,
        c.testSites,
        c.warnings,
        c.byLanguage,
        c.parsed.size(),
        c.generated.size(),
        c.vendored);
  }

  private void scanRoot(Path root, String prefix, Collector c) {
    List<SourceFile> files = new ArrayList<>();
    if (Files.isRegularFile(root)) {
      Path name = root.getFileName();
      Optional<Language> l = Language.of(name.toString());
      if (l.isEmpty()) {
        c.warnings.add(
            new ScanResult.Warning(
                prefix + name,
                ScanResult.Warning.Kind.SKIPPED,
                "not a Go, Rust or Java file (by its extension)"));
        return;
      }
      files.add(new SourceFile(root, prefix + name, l.get(), isTest(name.toString(), l.get())));
    } else if (Files.isDirectory(root)) {
      walk(root, prefix, files, c);
    } else {
      c.warnings.add(
          new ScanResult.Warning(
              prefix + root, ScanResult.Warning.Kind.SKIPPED, "no such file or directory"));
      return;
    }
    files.sort(Comparator.comparing(SourceFile::rel));
    Path base = Files.isRegularFile(root) ? root.toAbsolutePath().getParent() : root;
    SourceTree tree = new SourceTree(base, files);
    Map<Language, List<SourceFile>> candidates = new EnumMap<>(Language.class);
    List<Probe> probes = probe(files);
    for (int i = 0; i < files.size(); i++) {
      SourceFile f = files.get(i);
      c.byLanguage.merge(f.language(), 1, Integer::sum);
      Probe probe = probes.get(i);
      if (probe.candidate()) {
        candidates.computeIfAbsent(f.language(), k -> new ArrayList<>()).add(f);
      } else if (!probe.unreadable().isEmpty()) {
        c.warn(f.rel(), ScanResult.Warning.Kind.SKIPPED, "unreadable: " + probe.unreadable());
      }
    }
    scanner(Language.GO).scan(tree, candidates.getOrDefault(Language.GO, List.of()), c);
    scanner(Language.RUST).scan(tree, candidates.getOrDefault(Language.RUST, List.of()), c);
    scanner(Language.JAVA).scan(tree, candidates.getOrDefault(Language.JAVA, List.of()), c);
  }

  private LanguageScanner scanner(Language l) {
    return switch (l) {
      case GO -> new GoScanner(threads);
      case RUST -> new RustScanner(threads);
      case JAVA -> new JavaScanner();
    };
  }

  /** Whether a file is worth parsing, or why it could not be read (empty when it could). */
  private record Probe(boolean candidate, String unreadable) {}

  /**
   * Per file, in order, whether its bytes hold a trigger. Reads on the scanner's threads (a
   * parallel stream in a pool of that size), order kept.
   */
  private List<Probe> probe(List<SourceFile> files) {
    if (threads < 2 || files.size() < 2) {
      return files.stream().map(SourceScanner::probe).toList();
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> files.parallelStream().map(SourceScanner::probe).toList()).join();
    } finally {
      pool.shutdown();
    }
  }

  private static Probe probe(SourceFile f) {
    try {
      return new Probe(mayHoldSite(Files.readAllBytes(f.path()), f.language()), "");
    } catch (IOException e) {
      return new Probe(false, String.valueOf(e.getMessage()));
    }
  }

  private void walk(Path root, String prefix, List<SourceFile> files, Collector c) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
              }
              String name = dir.getFileName().toString();
              if (name.startsWith(".") || name.equals("testdata")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (VENDORED.contains(name) && !includeVendored) {
                c.vendored++;
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              String rel = prefix + root.relativize(file).toString().replace('\\', '/');
              String name = file.getFileName().toString();
              Optional<Language> l = Language.of(name);
              if (l.isPresent()) {
                files.add(new SourceFile(file, rel, l.get(), isTest(rel, l.get())));
              } else {
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (OTHER_LANGUAGES.contains(ext)) {
                  c.otherLanguages.merge(ext, 1, Integer::sum);
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String rel = prefix + root.relativize(file).toString().replace('\\', '/');
              c.warn(rel, ScanResult.Warning.Kind.SKIPPED, "unreadable: " + e.getMessage());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      c.warn(prefix + root, ScanResult.Warning.Kind.SKIPPED, "unreadable: " + e.getMessage());
    }
  }

  /** Test code by its path: {@code _test.go}, {@code FooTest.java}, a {@code tests/} directory. */
  static boolean isTest(String rel, Language l) {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    if (l == Language.GO && name.endsWith("_test.go")) {
      return true;
    }
    if (l == Language.JAVA
        && (name.endsWith("Test.java")
            || name.endsWith("Tests.java")
            || name.endsWith("IT.java"))) {
      return true;
    }
    String path = "/" + rel;
    return path.contains("/test/") || path.contains("/tests/");
  }

  /** True when the bytes contain one of the language's trigger names. */
  static boolean mayHoldSite(byte[] bytes, Language l) {
    for (String t : TRIGGERS.get(l)) {
      if (indexOf(bytes, t.getBytes(StandardCharsets.US_ASCII)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    byte first = needle[0];
    int last = hay.length - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (hay[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Gathers what the language scanners report. */
  private static final class Collector implements ScanSink {
    final List<CallSite> sites = new ArrayList<>();
    final List<CallSite> testSites = new ArrayList<>();
    final List<ScanResult.Warning> warnings = new ArrayList<>();
    final Map<Language, Integer> byLanguage = new EnumMap<>(Language.class);
    final Map<String, Integer> otherLanguages = new TreeMap<>();
    final Set<String> parsed = new HashSet<>();
    final Set<String> generated = new HashSet<>();
    final Set<String> warnedFiles = new HashSet<>();
    int vendored;

    @Override
    public void site(CallSite site) {
      (site.test() ? testSites : sites).add(site);
    }

    @Override
    public void warn(String rel, ScanResult.Warning.Kind kind, String message) {
      if (warnedFiles.add(rel)) {
        warnings.add(new ScanResult.Warning(rel, kind, message));
      }
    }

    @Override
    public void parsed(SourceFile file) {
      parsed.add(file.rel());
    }

    @Override
    public void generated(SourceFile file) {
      generated.add(file.rel());
    }
  }
}
