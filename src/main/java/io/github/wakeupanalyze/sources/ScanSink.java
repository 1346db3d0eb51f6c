package io.github.wakeupanalyze.sources;

/** Where a language scanner reports what it finds. */
public interface ScanSink {
  /** A call site. */
  void site(CallSite site);

  /**
   * A warning about a file (unreadable and skipped, or a syntax error parsed around): one line
   * naming the file, and the place where known, e.g. {@code ("a/b.go", "12:5: unexpected '}'")}.
   */
  void warn(String rel, ScanResult.Warning.Kind kind, String message);

  /** A file parsed (for the counts in the summary). */
  void parsed(SourceFile file);

  /** A generated file: read to resolve names, but its call sites are not listed. */
  void generated(SourceFile file);
}
