package io.github.wakeupanalyze.sources;

import java.util.List;

/** Finds the call sites in the files of one language under one root. */
public interface LanguageScanner {
  /**
   * Scans {@code candidates} (files that may hold a call site) and reports sites and warnings;
   * other files of the same language under the root ({@link SourceTree#files}) are read only to
   * resolve names.
   */
  void scan(SourceTree tree, List<SourceFile> candidates, ScanSink sink);
}
