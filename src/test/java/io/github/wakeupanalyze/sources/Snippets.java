package io.github.wakeupanalyze.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.wakeupanalyze.sources.scan.SourceScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes source snippets into a directory, scans it, and finds sites by file and line. */
public final class Snippets {
  private Snippets() {}

  /** Writes {@code files} (relative path → text) under {@code dir} and scans it. */
  public static ScanResult scan(Path dir, Map<String, String> files) {
    write(dir, files);
    return new SourceScanner(false).scan(List.of(dir));
  }

  public static void write(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line (1-based) of the first line of {@code text} containing {@code marker}. */
  public static int lineOf(String text, String marker) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("marker not in snippet: " + marker);
  }

  /** The one product site at {@code file:line}. */
  public static CallSite at(ScanResult r, String file, int line) {
    List<CallSite> hits =
        r.sites().stream().filter(s -> s.file().equals(file) && s.line() == line).toList();
    if (hits.size() != 1) {
      fail(
          "expected one site at "
              + file
              + ":"
              + line
              + ", found "
              + hits.size()
              + " in:\n"
              + describe(r.sites()));
    }
    return hits.get(0);
  }

  /** Asserts the delay in seconds (exact to the nanosecond) and the kind. */
  public static void assertSite(CallSite s, Mechanism m, double seconds, SiteKind kind) {
    assertEquals(m, s.mechanism(), () -> "mechanism of " + describe(List.of(s)));
    assertEquals(kind, s.kind(), () -> "kind of " + describe(List.of(s)));
    if (Double.isNaN(seconds)) {
      assertEquals(true, s.delay().nanos().isEmpty(), () -> "unresolved: " + describe(List.of(s)));
    } else {
      assertEquals(
          Math.round(seconds * 1e9),
          s.delay().nanos().orElse(-1),
          () -> "delay of " + describe(List.of(s)));
    }
  }

  public static String describe(List<CallSite> sites) {
    return sites.stream()
        .map(
            s ->
                s.file()
                    + ":"
                    + s.line()
                    + " "
                    + s.mechanism().label()
                    + " "
                    + s.kind().label()
                    + " ["
                    + s.condition()
                    + "] "
                    + s.delay().human()
                    + " ← "
                    + s.delay().expression()
                    + " ("
                    + s.delay().note()
                    + ") ctl="
                    + s.controller()
                    + " fn="
                    + s.function())
        .collect(Collectors.joining("\n"));
  }
}
