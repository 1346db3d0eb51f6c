package io.github.wakeupanalyze.sources;

import java.util.List;
import java.util.Map;

/**
 * What a scan found.
 *
 * @param sites call sites in product code, in {@link CallSite#ORDER}
 * @param testSites call sites in test code, listed apart, same order
 * @param warnings one line per file that was skipped or parsed with errors, sorted by file
 * @param filesByLanguage source files found per language (vendored and hidden directories left
 *     out), e.g. {@code {go=218}}
 * @param parsed files parsed (candidates, and the files read to resolve names)
 * @param generated generated files whose sites are not listed
 * @param vendoredDirs vendored or build-output directories not walked ({@code vendor/}, {@code
 *     target/}, {@code node_modules/})
 */
public record ScanResult(
    List<CallSite> sites,
    List<CallSite> testSites,
    List<Warning> warnings,
    Map<Language, Integer> filesByLanguage,
    int parsed,
    int generated,
    int vendoredDirs) {
  /**
   * A warning about a file, e.g. {@code ("pkg/a.go", PARTIAL, "12:5: unexpected '}' (Go syntax
   * error; the rest of the file was scanned)")}.
   */
  public record Warning(String file, Kind kind, String message) {
    /** What happened to the file. */
    public enum Kind {
      /** Not scanned at all: missing, unreadable, not UTF-8 text, not a Go, Rust or Java file. */
      SKIPPED,
      /** Scanned around a syntax error. */
      PARTIAL,
      /** Files of a language the scanner does not read (one warning per extension). */
      OTHER_LANGUAGE
    }
  }

  /** True when some file could not be scanned at all. */
  public boolean anySkipped() {
    return warnings.stream().anyMatch(w -> w.kind() == Warning.Kind.SKIPPED);
  }

  public ScanResult {
    sites = List.copyOf(sites);
    testSites = List.copyOf(testSites);
    warnings = List.copyOf(warnings);
    filesByLanguage = Map.copyOf(filesByLanguage);
  }
}
